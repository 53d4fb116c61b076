from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from dm3p.core.access import mfa_is_set_up, mfa_setup_redirect


class StaffMfaMiddleware:
    """Django's admin is a staff page too: it needs two-factor authentication."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.admin_prefix = reverse("admin:index")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            request.path.startswith(self.admin_prefix)
            and user.is_authenticated
            and getattr(user, "is_staff", False)
            and not mfa_is_set_up(user)
        ):
            return mfa_setup_redirect(request)
        return self.get_response(request)

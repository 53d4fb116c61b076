from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from dm3p.accounts.models import User
from dm3p.core.access import mfa_is_set_up, mfa_passed, mfa_setup_redirect


class AdminGateMiddleware:
    """Django's admin is a staff page too: admins only (others get 404, as for any page
    they may not see), and only with two-factor authentication set up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.admin_prefix = reverse("admin:index")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if request.path.startswith(self.admin_prefix) and user.is_authenticated:
            if not getattr(user, "is_staff", False):
                raise Http404
            if not mfa_is_set_up(user):
                return mfa_setup_redirect(request)
        return self.get_response(request)


class MfaSessionMiddleware:
    """Tells the signed-in person's object whether their session passed two-factor
    authentication (``user.mfa_passed``), so that rules deciding what a viewer sees (the
    organizers' audience of profile fields) can ask it without the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, User):
            user.mfa_passed = mfa_passed(request)
        return self.get_response(request)

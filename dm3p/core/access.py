"""The gate in front of every staff page."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from dm3p.core.typing import Person

View = Callable[..., HttpResponse]


def mfa_is_set_up(user: Person | AnonymousUser) -> bool:
    return bool(user.is_authenticated and is_mfa_enabled(user))


def mfa_passed(request: HttpRequest) -> bool:
    """Whether this session's person passed two-factor authentication in it (at sign-in,
    with a passkey, or confirming it's them since): allauth records each step of signing in
    in the session. Signing in with a password alone, or in any way that skipped the second
    factor, leaves no such record."""
    user = request.user
    if not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def mfa_setup_redirect(request: HttpRequest) -> HttpResponse:
    messages.warning(
        request,
        "Staff pages hold other people's private information, so they need two-factor "
        "authentication. Set it up here, then go back to the page you wanted.",
    )
    return redirect("mfa_index")


Target = Callable[..., Any]


def page_permission(permission: str, *, target: Target | None = None) -> Callable[[View], View]:
    """Answer 404 (as for a missing page) to anyone the rules don't give ``permission``.

    With ``target``, a function of the view's arguments that returns the object the page
    is about (or None when there is none), the object-level rule in the app's ``rules.py``
    decides; a missing object is a 404 too."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if target is None:
                allowed = request.user.has_perm(permission)
            else:
                subject = target(*args, **kwargs)
                allowed = subject is not None and request.user.has_perm(permission, subject)
            if not allowed:
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def staff_page(permission: str) -> Callable[[View], View]:
    """A page for staff with ``permission``: others get 404, and staff who have not set up
    two-factor authentication are sent to do so first."""

    def decorator(view: View) -> View:
        @page_permission(permission)
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not mfa_is_set_up(request.user):
                return mfa_setup_redirect(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class SignedInRequest(HttpRequest):
    """A request on a page that needs sign-in (LoginRequiredMiddleware guarantees it)."""

    user: Person

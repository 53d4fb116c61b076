from django.http import HttpRequest

from dm3p.accounts.models import User


class MemberRequest(HttpRequest):
    """A request on a page that needs sign-in (LoginRequiredMiddleware guarantees it)."""

    user: User

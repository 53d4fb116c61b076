from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from dm3p.members.models import Profile


def _zone_of(request: HttpRequest) -> str:
    profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
    return profile.time_zone if isinstance(profile, Profile) else "UTC"


def reader_zone(request: HttpRequest) -> dict[str, Any]:
    """The time zone the signed-in reader reads times in (their profile's, else UTC), for
    ``{{ moment|moment:reader_zone }}``; looked up only on pages that show a time."""
    return {"reader_zone": SimpleLazyObject(lambda: _zone_of(request))}

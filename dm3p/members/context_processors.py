from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from dm3p.members.selectors.profiles import zone_of


def reader_zone(request: HttpRequest) -> dict[str, Any]:
    """The time zone the signed-in reader reads times in (``zone_of``), for
    ``{{ moment|moment:reader_zone }}``; looked up only on pages that show a time."""
    return {"reader_zone": SimpleLazyObject(lambda: zone_of(request.user))}

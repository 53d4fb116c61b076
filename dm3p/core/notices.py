"""On-site notices for the signed-in person ("Your circle is ready"), from the ``NOTICES``
hook (``dm3p.core.hooks``), shown at the top of every page until the person acts on them."""

from django.http import HttpRequest

from dm3p.core.hooks import NOTICES, Notice


def notices_for(request: HttpRequest) -> list[Notice]:
    if not request.user.is_authenticated:
        return []
    return [notice for provider in NOTICES for notice in provider(request)]

"""On-site notices for the signed-in person ("Your circle is ready"), from the ``notices``
hook (``dm3p.core.hooks``), shown at the top of every page until the person acts on them."""

from django.http import HttpRequest

from dm3p.core.hooks import Notice, notices


def notices_for(request: HttpRequest) -> list[Notice]:
    if not request.user.is_authenticated:
        return []
    return [notice for provider in notices for notice in provider(request)]

"""Links in the header, the staff menu, the footer and the account menu, from the ``nav_*``
hooks (``dm3p.core.hooks``) that each app fills with its links."""

from typing import Literal

from django.http import HttpRequest

from dm3p.core.hooks import (
    NAV_ACCOUNT,
    NAV_FOOTER,
    NAV_MAIN,
    NAV_STAFF,
    Hook,
    NavLink,
    NavProvider,
)

Area = Literal["main", "staff", "footer", "account"]

AREAS: dict[Area, Hook[NavProvider]] = {
    "main": NAV_MAIN,
    "staff": NAV_STAFF,
    "footer": NAV_FOOTER,
    "account": NAV_ACCOUNT,
}


def nav_links(area: Area, request: HttpRequest) -> list[NavLink]:
    links = [link for provider in AREAS[area] for link in provider(request)]
    return sorted(links, key=lambda link: link.order)

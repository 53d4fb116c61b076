"""Links in the header, the staff menu, the footer and the account menu, from the ``nav_*``
hooks (``dm3p.core.hooks``) that each app fills with its links."""

from typing import Literal

from django.http import HttpRequest

from dm3p.core.hooks import (
    Hook,
    NavLink,
    NavProvider,
    nav_account,
    nav_footer,
    nav_main,
    nav_staff,
)

Area = Literal["main", "staff", "footer", "account"]

AREAS: dict[Area, Hook[NavProvider]] = {
    "main": nav_main,
    "staff": nav_staff,
    "footer": nav_footer,
    "account": nav_account,
}


def nav_links(area: Area, request: HttpRequest) -> list[NavLink]:
    links = [link for provider in AREAS[area] for link in provider(request)]
    return sorted(links, key=lambda link: link.order)

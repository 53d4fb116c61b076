"""Links in the header, the staff menu and the footer: a registry later apps fill.

Each app registers a provider, a function of the request that returns its links, so an
earlier app (core) can show links to pages of a later one without importing it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from django.http import HttpRequest

Area = Literal["main", "staff", "footer", "account"]


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    order: int = 50


NavProvider = Callable[[HttpRequest], list[NavLink]]

_providers: dict[Area, list[NavProvider]] = {"main": [], "staff": [], "footer": [], "account": []}


def nav_register(area: Area, provider: NavProvider) -> NavProvider:
    if provider not in _providers[area]:
        _providers[area].append(provider)
    return provider


def nav_links(area: Area, request: HttpRequest) -> list[NavLink]:
    links = [link for provider in _providers[area] for link in provider(request)]
    return sorted(links, key=lambda link: link.order)

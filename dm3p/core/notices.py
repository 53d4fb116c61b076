"""On-site notices for the signed-in person ("Your circle is ready"): a registry later apps
fill, shown at the top of every page until the person acts on them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Notice:
    text: str
    link_text: str
    url: str


NoticeProvider = Callable[[HttpRequest], list[Notice]]

_providers: list[NoticeProvider] = []


def notice_register(provider: NoticeProvider) -> NoticeProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def notices_for(request: HttpRequest) -> list[Notice]:
    if not request.user.is_authenticated:
        return []
    return [notice for provider in _providers for notice in provider(request)]

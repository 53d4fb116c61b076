from django.http import HttpRequest
from django.urls import reverse

from dm3p.core.navigation import NavLink, nav_register
from dm3p.pages.enums import PageLocation
from dm3p.pages.selectors import pages_in_menus


def _page_url(slug: str) -> str:
    return reverse("pages:home") if slug == "home" else reverse("pages:detail", args=[slug])


def main_links(request: HttpRequest) -> list[NavLink]:
    return [
        NavLink(page.title, _page_url(page.slug), order=page.menu_order)
        for page in pages_in_menus(request)
        if page.location == PageLocation.MAIN
    ]


def footer_links(request: HttpRequest) -> list[NavLink]:
    return [
        NavLink(page.title, _page_url(page.slug), order=page.menu_order)
        for page in pages_in_menus(request)
        if page.location == PageLocation.FOOTER
    ]


def staff_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("pages.change_page"):
        return [NavLink("Pages", reverse("pages:manage"), order=70)]
    return []


nav_register("main", main_links)
nav_register("footer", footer_links)
nav_register("staff", staff_links)

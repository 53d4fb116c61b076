"""What pages adds to core's hooks: "Home" and its pages in the header and footer, the staff
links (the staff home first), and the pages a new site starts with."""

from django.http import HttpRequest
from django.urls import reverse

from dm3p.core.hooks import DEFAULTS_STEPS, NAV_FOOTER, NAV_MAIN, NAV_STAFF, DefaultsStep, NavLink
from dm3p.pages import search as pages_search
from dm3p.pages.defaults import pages_fill
from dm3p.pages.enums import PageLocation
from dm3p.pages.selectors import pages_in_menus


def _page_url(slug: str) -> str:
    return reverse("pages:home") if slug == "home" else reverse("pages:detail", args=[slug])


# Who has an account has joined or applied: the header's "Join us" is for visitors.
FOR_VISITORS_ONLY = {"join"}


def main_links(request: HttpRequest) -> list[NavLink]:
    signed_in = request.user.is_authenticated
    home = [NavLink("Home", reverse("pages:member_home"), order=0)] if signed_in else []
    return home + [
        NavLink(page.title, _page_url(page.slug), order=page.menu_order)
        for page in pages_in_menus(request)
        if page.location == PageLocation.MAIN and not (signed_in and page.slug in FOR_VISITORS_ONLY)
    ]


def footer_links(request: HttpRequest) -> list[NavLink]:
    return [
        NavLink(page.title, _page_url(page.slug), order=page.menu_order)
        for page in pages_in_menus(request)
        if page.location == PageLocation.FOOTER
    ]


def staff_links(request: HttpRequest) -> list[NavLink]:
    """The staff home first (what needs you now), then the public pages for organizers."""
    links = []
    if request.user.has_perm("pages.view_staff_home"):
        links.append(NavLink("What needs you", reverse("pages:staff_home"), order=0))
    if request.user.has_perm("pages.change_page"):
        links.append(NavLink("Pages", reverse("pages:manage"), order=70))
    return links


def connect() -> None:
    # search: what search finds here, kept in step with each change.
    pages_search.connect()
    NAV_MAIN.register(main_links)
    NAV_FOOTER.register(footer_links)
    NAV_STAFF.register(staff_links)
    DEFAULTS_STEPS.register(DefaultsStep(order=40, name="public pages", fill=pages_fill))

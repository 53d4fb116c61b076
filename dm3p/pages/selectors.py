from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest

from dm3p.core.typing import Person
from dm3p.pages.enums import PageLocation
from dm3p.pages.models import Page, PageImage


def page_published_get(*, slug: str) -> Page | None:
    return Page.objects.filter(slug=slug, is_published=True).first()


def page_for_viewer(*, slug: str, viewer: Person | AnonymousUser) -> Page | None:
    """Published pages for everyone; drafts only for those who edit pages."""
    can_edit = viewer.has_perm("pages.change_page")
    pages = Page.objects.all() if can_edit else Page.objects.filter(is_published=True)
    return pages.filter(slug=slug).first()


def pages_all() -> QuerySet[Page]:
    return Page.objects.select_related("updated_by")


def page_images_recent() -> QuerySet[PageImage]:
    return PageImage.objects.all()


def pages_in_menus(request: HttpRequest) -> list[Page]:
    """The published pages in the main menu or footer; read once per request."""
    cached: list[Page] | None = getattr(request, "_pages_in_menus", None)
    if cached is None:
        cached = list(
            Page.objects.filter(
                is_published=True, location__in=[PageLocation.MAIN, PageLocation.FOOTER]
            ).only("slug", "title", "location", "menu_order")
        )
        request._pages_in_menus = cached  # type: ignore[attr-defined]
    return cached


# The pages the front page links to, in this order (when published).
FRONT_PAGE_LINKS = ("about", "why-we-exist", "what-we-offer")


def pages_for_front_page(*, viewer: Person | AnonymousUser) -> dict[str, Page]:
    """The front page's own text ("home"), the join page and the pages it links to, by
    slug, in one query: published ones, and drafts for those who edit pages."""
    pages = Page.objects.filter(slug__in=["home", "join", *FRONT_PAGE_LINKS])
    if not viewer.has_perm("pages.change_page"):
        pages = pages.filter(is_published=True)
    return {page.slug: page for page in pages}

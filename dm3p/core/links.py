"""Full addresses of the site's pages, for e-mails and calendars (which leave the site)."""

from django.conf import settings
from django.urls import reverse


def site_link(url_name: str, *args: object) -> str:
    """The full address of a page, e.g. ``site_link("events:detail", 12)``."""
    return site_address(reverse(url_name, args=args))


def site_address(path: str) -> str:
    """The full address of a path on this site."""
    return f"{settings.SITE_URL}{path}"

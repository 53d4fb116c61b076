"""Every URL of the site is in the page registry (tests/site_pages.py), or says why not."""

from tests.factories import ROLES
from tests.helpers import url_names
from tests.site_pages import ADMIN_TEMPLATES, NOT_PAGES, SCREENS


def admin_template_screen(name: str) -> str | None:
    """The screen whose template draws this page of Django's admin, if it is one."""
    if not name.startswith("admin:"):
        return None
    return next(
        (screen for suffix, screen in ADMIN_TEMPLATES.items() if name.endswith(suffix)), None
    )


def test_site_pages_cover_every_url_name() -> None:
    covered = {screen.url_name for screen in SCREENS} | set(NOT_PAGES)
    missing = sorted(
        name for name in url_names() if name not in covered and not admin_template_screen(name)
    )
    assert missing == [], (
        "These URL names have no screen in tests/site_pages.py SCREENS and no reason in "
        f"NOT_PAGES: {', '.join(missing)}"
    )


def test_site_pages_name_only_existing_urls() -> None:
    named = {screen.url_name for screen in SCREENS} | set(NOT_PAGES) | set(ADMIN_TEMPLATES.values())
    unknown = sorted(named - url_names())
    assert unknown == [], f"tests/site_pages.py names URLs that don't exist: {', '.join(unknown)}"


def test_site_pages_admin_templates_are_screens() -> None:
    screens = {screen.url_name for screen in SCREENS}
    assert sorted(set(ADMIN_TEMPLATES.values()) - screens) == []


def test_site_pages_not_pages_have_no_screen() -> None:
    both = sorted(set(NOT_PAGES) & {screen.url_name for screen in SCREENS})
    assert both == [], f"Both a screen and in NOT_PAGES: {', '.join(both)}"


def test_site_pages_ids_are_unique() -> None:
    ids = [screen.id for screen in SCREENS]
    assert sorted(screen_id for screen_id in set(ids) if ids.count(screen_id) > 1) == []


def test_site_pages_roles_are_known() -> None:
    unknown = sorted({screen.role for screen in SCREENS} - set(ROLES))
    assert unknown == []

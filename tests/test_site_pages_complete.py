"""Every URL of the site is in the page registry (tests/site_pages.py), with screens or a
reason why it has none; the role matrix reads the same registry."""

from tests.factories import ROLES
from tests.helpers import url_names
from tests.site_pages import ADMIN_TEMPLATES, PAGE_BY_NAME, PAGES, SCREENS


def admin_template_screen(name: str) -> str | None:
    """The screen whose template draws this page of Django's admin, if it is one."""
    if not name.startswith("admin:"):
        return None
    return next(
        (screen for suffix, screen in ADMIN_TEMPLATES.items() if name.endswith(suffix)), None
    )


def test_site_pages_cover_every_url_name() -> None:
    covered = {page.url_name for page in PAGES if page.screens or page.not_a_page}
    missing = sorted(
        name for name in url_names() if name not in covered and not admin_template_screen(name)
    )
    assert missing == [], (
        "These URL names have no SitePage in tests/site_pages.py PAGES with screens or a "
        f"not_a_page reason: {', '.join(missing)}"
    )


def test_site_pages_name_only_existing_urls() -> None:
    named = set(PAGE_BY_NAME) | set(ADMIN_TEMPLATES.values())
    unknown = sorted(named - url_names())
    assert unknown == [], f"tests/site_pages.py names URLs that don't exist: {', '.join(unknown)}"


def test_site_pages_name_each_url_once() -> None:
    names = [page.url_name for page in PAGES]
    assert sorted(name for name in set(names) if names.count(name) > 1) == []


def test_site_pages_admin_templates_are_screens() -> None:
    screens = {screen.url_name for screen in SCREENS}
    assert sorted(set(ADMIN_TEMPLATES.values()) - screens) == []


def test_site_pages_not_pages_have_no_screen() -> None:
    both = sorted(page.url_name for page in PAGES if page.not_a_page and page.screens)
    assert both == [], f"Both screens and a not_a_page reason: {', '.join(both)}"


def test_site_pages_ids_are_unique() -> None:
    ids = [screen.id for screen in SCREENS]
    assert sorted(screen_id for screen_id in set(ids) if ids.count(screen_id) > 1) == []


def test_site_pages_roles_are_known() -> None:
    roles = {screen.role for screen in SCREENS}
    roles |= {role for page in PAGES for role in (page.answers or {})}
    roles |= {role for page in PAGES for role in page.insiders}
    assert sorted(roles - set(ROLES)) == []


def test_site_pages_answers_name_every_role() -> None:
    partial = sorted(
        page.url_name
        for page in PAGES
        for answers in (page.answers, page.post_answers)
        if answers is not None and set(answers) != set(ROLES)
    )
    assert partial == []

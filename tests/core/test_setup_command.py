"""``manage.py setup`` gives a new site its starting lists and public pages, once."""

from dataclasses import replace
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from dm3p.accommodations.defaults import STARTING_TYPES
from dm3p.accommodations.models import AccommodationType
from dm3p.accommodations.services import KindAnswers, kind_save
from dm3p.accounts.models import User
from dm3p.core.services import answers_of
from dm3p.members.defaults import STARTING_TERMS
from dm3p.members.enums import TermKind
from dm3p.members.models import Term
from dm3p.members.services import TermAnswers, term_save
from dm3p.pages.enums import PageLocation
from dm3p.pages.models import Page
from dm3p.pages.services import PageAnswers, page_save
from tests.factories import make_user
from tests.factories.members import make_term
from tests.html_tree import Element, parse

pytestmark = pytest.mark.django_db

STARTING_PAGES = [
    # slug, title, where it is linked
    ("home", "Disability in Medicine Mutual Mentorship", PageLocation.NONE),
    ("about", "About us", PageLocation.MAIN),
    ("why-we-exist", "Why we exist", PageLocation.MAIN),
    ("what-we-offer", "What we offer", PageLocation.MAIN),
    ("join", "Join us", PageLocation.MAIN),
    ("accessibility", "Accessibility", PageLocation.FOOTER),
    ("code-of-conduct", "Code of conduct", PageLocation.FOOTER),
    ("privacy", "Privacy notice", PageLocation.FOOTER),
]
FIRST_RUN = [
    "  professions: added 29",
    "  stages of training or career: added 9",
    "  topics to share or learn about: added 30",
    "  ways of communicating: added 5",
    "  kinds of disability or chronic illness: added 9",
    "  kinds of support: added 9",
    "  public pages: added 8",
    "  conversation spaces: added 5",
    "  gatherings space: added 1",
    "  search index: added 8",
]


def run_setup() -> list[str]:
    out = StringIO()
    call_command("setup", stdout=out)
    return out.getvalue().splitlines()


def everything() -> dict[str, list[tuple[object, ...]]]:
    """Every row setup may write, with every field, to compare runs."""
    return {
        "terms": list(Term.objects.order_by("pk").values_list()),
        "kinds": list(AccommodationType.objects.order_by("pk").values_list()),
        "pages": list(Page.objects.order_by("pk").values_list()),
    }


def test_setup_on_an_empty_database_adds_every_list_and_page_and_no_people() -> None:
    assert run_setup() == FIRST_RUN
    assert User.objects.count() == 0
    for kind in TermKind:
        assert list(Term.objects.filter(kind=kind).values_list("label", "order", "is_active")) == [
            (label, (index + 1) * 10, True) for index, label in enumerate(STARTING_TERMS[kind])
        ]
    assert list(Term.objects.filter(kind=TermKind.STAGE).values_list("label", flat=True)) == [
        "Pre-health student",
        "Health-professions student",
        "Resident or trainee",
        "Fellow",
        "Early career (under 10 years in practice)",
        "Mid career",
        "Late career",
        "Former or retired",
        "Between roles",
    ]
    kinds = {kind.label: kind for kind in AccommodationType.objects.all()}
    assert [kind.label for kind in AccommodationType.objects.all()] == [
        kind.label for kind in STARTING_TYPES
    ]
    assert (kinds["CART live captioning"].lead_days, kinds["ASL interpretation"].lead_days) == (
        7,
        14,
    )
    assert [label for label, kind in kinds.items() if kind.provided_by_default] == [
        "CART live captioning",
        "Automatic captions",
    ]
    assert [label for label, kind in kinds.items() if kind.needs_details] == [
        "Other sign language",
        "Something else",
    ]
    assert list(Page.objects.order_by("pk").values_list("slug", "title", "location")) == (
        STARTING_PAGES
    )
    assert all(page.is_published and page.body for page in Page.objects.all())


def test_setup_run_twice_changes_nothing() -> None:
    run_setup()
    before = everything()
    assert run_setup() == [
        "  professions: already there, left as it is",
        "  stages of training or career: already there, left as it is",
        "  topics to share or learn about: already there, left as it is",
        "  ways of communicating: already there, left as it is",
        "  kinds of disability or chronic illness: already there, left as it is",
        "  kinds of support: already there, left as it is",
        "  public pages: already there, left as it is",
        "  conversation spaces: already there, left as it is",
        "  gatherings space: already there, left as it is",
        "  search index: already there, left as it is",
    ]
    assert everything() == before


def test_setup_again_keeps_what_organizers_edited() -> None:
    run_setup()
    organizer = make_user(is_organizer=True)
    join = Page.objects.get(slug="join")
    page_save(
        actor=organizer,
        page=join,
        answers=replace(
            answers_of(PageAnswers, join),
            title="How to join",
            body="Our own words.",
            is_published=False,
        ),
    )
    physician = Term.objects.get(kind=TermKind.PROFESSION, label="Physician")
    term_save(
        actor=organizer,
        term_id=physician.pk,
        answers=TermAnswers(TermKind.PROFESSION, "Physician (MD or DO)", physician.order, True),
    )
    chaplain = Term.objects.get(kind=TermKind.PROFESSION, label="Chaplain")
    term_save(
        actor=organizer,
        term_id=chaplain.pk,
        answers=TermAnswers(TermKind.PROFESSION, "Chaplain", chaplain.order, False),
    )
    Term.objects.filter(kind=TermKind.MODE, label="Camera off").delete()
    asl = AccommodationType.objects.get(label="ASL interpretation")
    kind_save(
        actor=organizer, kind=asl, answers=replace(answers_of(KindAnswers, asl), lead_days=21)
    )
    AccommodationType.objects.filter(label="Scheduled breaks").delete()
    Page.objects.filter(slug="privacy").delete()
    edited = everything()

    run_setup()

    assert everything() == edited
    join.refresh_from_db()
    assert (join.title, join.body, join.is_published) == ("How to join", "Our own words.", False)
    assert not Term.objects.filter(label__in=["Physician", "Camera off"]).exists()
    assert AccommodationType.objects.get(label="ASL interpretation").lead_days == 21
    assert not AccommodationType.objects.filter(label="Scheduled breaks").exists()
    assert not Page.objects.filter(slug="privacy").exists()


def test_setup_fills_only_the_lists_still_empty() -> None:
    make_term(kind=TermKind.TOPIC, label="Our own first topic")
    lines = run_setup()
    assert lines[2] == "  topics to share or learn about: already there, left as it is"
    assert [line for index, line in enumerate(lines) if index != 2] == [
        line for index, line in enumerate(FIRST_RUN) if index != 2
    ]
    assert list(Term.objects.filter(kind=TermKind.TOPIC).values_list("label", flat=True)) == [
        "Our own first topic"
    ]


LINKS_IN_PAGES = {
    # The front page: its one call to apply, the next gathering (none yet), the pages to
    # read first, and what members get.
    "home": [
        "/apply/",
        "/join/",
        "/accounts/login/",
        "/events/",
        "/about/",
        "/why-we-exist/",
        "/what-we-offer/",
        "/what-we-offer/",
    ],
    "about": ["/why-we-exist/", "/what-we-offer/", "/join/"],
    "why-we-exist": ["/what-we-offer/", "/join/"],
    "what-we-offer": ["/events/", "/join/"],
    "join": ["/apply/", "/privacy/", "/code-of-conduct/", "/apply/"],
    "accessibility": [],
    "code-of-conduct": [],
    "privacy": [],
}


def link_texts(page: Element, inside: str) -> list[str]:
    """The text of every link within the ``inside`` elements (the menus)."""
    return [link.text() for part in page.all(inside) for link in part.all("a")]


@pytest.mark.parametrize(("slug", "title", "location"), STARTING_PAGES)
def test_starting_pages_read_well_and_their_links_work(
    slug: str, title: str, location: PageLocation
) -> None:
    run_setup()
    visitor = Client()
    response = visitor.get("/" if slug == "home" else f"/{slug}/")
    assert response.status_code == 200
    main = parse(response).one("main")
    assert [h1.text() for h1 in main.all("h1")] == [title]
    links = [link.attrs["href"] for link in main.all("a")]
    assert links == LINKS_IN_PAGES[slug]
    for link in links:
        assert visitor.get(link).status_code == 200, link


def test_starting_pages_are_in_the_menus() -> None:
    run_setup()
    response = Client().get("/")
    assert response.status_code == 200
    page = parse(response)
    assert [h1.text() for h1 in page.one("main").all("h1")] == [
        "Disability in Medicine Mutual Mentorship"
    ]
    assert link_texts(page, "nav")[:4] == [
        "About us",
        "Why we exist",
        "What we offer",
        "Join us",
    ]
    assert link_texts(page, "footer") == [
        "Accessibility",
        "Code of conduct",
        "Privacy notice",
        "Contact the organizers",
    ]

"""The site's one search (``/search/``): ranked, highlighted, filtered by kind, safe with any
words, and finding only what each person may see, on SQLite and on PostgreSQL alike."""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from dm3p.core.hooks import SearchDocument
from dm3p.core.models import SearchEntry
from dm3p.core.search import marked, search_for, search_words
from dm3p.core.search_index import search_index_put
from dm3p.events.enums import EventVisibility
from dm3p.pages.models import Page
from tests.clock import ORDINARY
from tests.factories import make_page, make_user
from tests.factories.events import make_event, make_speaker
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import parse

# Posts, reads and e-mails are stamped with the time: run at an ordinary hour, ticking on.
pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY, tick=True)]

SEARCH = reverse("core:search")
VISITOR = AnonymousUser()


def found(viewer: object, query: str, kind: str = "") -> list[tuple[str, int]]:
    search = search_for(viewer=viewer, query=query, kind=kind)
    return [(result.kind, result.object_id) for result in search.found[0:100]]


def titles(response: object) -> list[str]:
    tree = parse(response.content.decode())  # type: ignore[attr-defined]
    return [heading.text() for heading in tree.all("h3", class_="search-result__title")]


def test_public_pages_are_found_by_any_word_stemmed_and_without_accents() -> None:
    page = make_page(title="Finding a mentor", body="Résumé help for residents **applying**.")
    for words in ("mentor", "mentoring", "resume", "apply", "RESIDENT help"):
        assert found(VISITOR, words) == [("pages", page.pk)], words


def test_drafts_are_never_found_and_a_page_leaves_when_unpublished_or_deleted() -> None:
    make_page(title="Draft about interpreters", is_published=False)
    organizer = make_user(is_organizer=True)
    assert found(organizer, "interpreters") == []
    page = make_page(title="Interpreters at gatherings")
    assert found(organizer, "interpreters") == [("pages", page.pk)]
    page.is_published = False
    page.save()
    assert found(organizer, "interpreters") == []
    page.is_published = True
    page.save()
    Page.objects.filter(pk=page.pk).delete()
    assert not SearchEntry.objects.filter(kind="pages").exists()


def test_visitors_find_public_gatherings_and_members_find_members_only_ones_too() -> None:
    public = make_event(title="Captioning in clinic", visibility=EventVisibility.PUBLIC)
    private = make_event(title="Captioning for members", visibility=EventVisibility.MEMBERS)
    make_speaker(event=public, name="Dr. Okafor")
    assert found(VISITOR, "captioning") == [("gatherings", public.pk)]
    assert found(VISITOR, "okafor") == [("gatherings", public.pk)]
    member = make_user()
    assert sorted(found(member, "captioning")) == [
        ("gatherings", public.pk),
        ("gatherings", private.pk),
    ]


def test_a_match_in_the_title_ranks_above_one_in_the_text() -> None:
    in_text = make_page(title="About us", body="We talk about fatigue and pacing, often.")
    in_title = make_page(title="Fatigue", body="Energy and rest.")
    assert found(VISITOR, "fatigue") == [("pages", in_title.pk), ("pages", in_text.pk)]


def test_matches_are_marked_and_everything_else_escaped() -> None:
    make_page(title="Night <b>shifts</b>", body="Tips for <script>alert(1)</script> night shifts.")
    response = Client().get(SEARCH, {"q": "shifts"})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<b>shifts" not in html
    assert "&lt;b&gt;<mark>shifts</mark>&lt;/b&gt;" in html
    assert "<mark>shifts</mark>" in html.split('class="search-result__excerpt"')[1]
    assert str(marked("a \x02b\x03 <i> \x02c")) == "a <mark>b</mark> &lt;i&gt; <mark>c</mark>"


def test_index_text_cannot_fake_a_highlight() -> None:
    search_index_put(
        kind="pages",
        document=SearchDocument(object_id=1, title="Plain \x02title\x03", text="x\x00", url="/"),
    )
    assert SearchEntry.objects.get().title == "Plain title"


NASTY = [
    'ASL-interpreter"',
    "AND (",
    "*",
    "",
    "   ",
    "NEAR(a b)",
    'title:"x',
    "-",
    "^",
    "a" * 500,
    "word " * 100,
    "🎉🙏",
    "\x00 nul",
    "' OR 1=1 --",
    "%_\\",
    "ünïcödé",
    "___",
]


@pytest.mark.parametrize("query", NASTY)
def test_no_words_anyone_types_break_the_search(query: str) -> None:
    make_page(title="ASL interpreter", body="An interpreter for every gathering.")
    response = Client().get(SEARCH, {"q": query, "kind": query})
    assert response.status_code == 200
    member = signed_in(make_user())
    assert member.get(SEARCH, {"q": query, "page": query}).status_code == 200


def test_search_words_keep_letters_and_digits_only() -> None:
    assert search_words('ASL-interpreter"') == ["ASL", "interpreter"]
    assert search_words("🎉 AND ( *") == ["AND"]
    assert len(search_words("word " * 100)) == 12


def test_the_kind_filter_shows_one_kind_and_offers_only_kinds_the_viewer_can_find() -> None:
    page = make_page(title="Pacing yourself")
    event = make_event(title="Pacing workshop")
    anonymous = Client().get(SEARCH, {"q": "pacing"})
    tree = parse(anonymous.content.decode())
    offered = [radio.attrs["value"] for radio in tree.all("input", name="kind")]
    assert offered == ["", "gatherings", "pages"]
    assert "posts" not in offered
    only_pages = Client().get(SEARCH, {"q": "pacing", "kind": "pages"})
    assert titles(only_pages) == ["Pacing yourself"]
    assert "1 result for “pacing” in pages" in only_pages.content.decode()
    # A kind a visitor can't find searches everything.
    everything = Client().get(SEARCH, {"q": "pacing", "kind": "posts"})
    assert "2 results for “pacing”" in everything.content.decode()
    assert sorted(found(VISITOR, "pacing")) == [("gatherings", event.pk), ("pages", page.pk)]


def test_no_results_suggest_what_to_try() -> None:
    make_page(title="Pacing yourself")
    response = Client().get(SEARCH, {"q": "zebra", "kind": "pages"})
    html = response.content.decode()
    assert "No results for “zebra” in pages" in html
    assert "Check the spelling" in html
    assert f'href="?{"q=zebra"}"' in html  # search everything
    assert "<title>No results for “zebra” – Search" in html


def test_results_come_in_numbered_pages() -> None:
    for number in range(45):
        make_page(title=f"Rest stop {number}", slug=f"rest-{number}")
    response = Client().get(SEARCH, {"q": "rest", "page": "3"})
    tree = parse(response.content.decode())
    assert len(tree.all("li", class_="search-result")) == 5
    assert "45 results for “rest”" in response.content.decode()
    numbers = [link.text() for link in tree.one("nav", class_="pagination").all("a")]
    assert numbers == ["Previous page", "Page 1", "Page 2"]
    assert tree.one("span", **{"aria-current": "page"}).text() == "Page 3"


def test_the_header_search_box_leads_here_without_scripts() -> None:
    tree = parse(Client().get(reverse("pages:home")).content.decode())
    form = tree.one("form", role="search")
    assert form.attrs["action"] == SEARCH
    assert form.attrs.get("method") == "get"
    assert tree.one("label", for_="site-search-q").text() == "Search the site"
    on_search = parse(Client().get(SEARCH).content.decode())
    assert not on_search.all("input", id="site-search-q")


def test_the_page_reads_a_fixed_number_of_queries() -> None:
    member = make_user()
    client = signed_in(member)
    make_page(title="Wheelchair access 0", slug="access-0")
    make_event(title="Wheelchair access meetup")
    one = queries_for_page(client, f"{SEARCH}?q=wheelchair")
    for number in range(1, 30):
        make_page(title=f"Wheelchair access {number}", slug=f"access-{number}")
        make_event(title=f"Wheelchair access meetup {number}")
    assert queries_for_page(client, f"{SEARCH}?q=wheelchair") == one
    assert queries_for_page(client, f"{SEARCH}?q=wheelchair&kind=pages&page=2") == one


def test_rebuilding_the_index_finds_what_was_written_around_it() -> None:
    page = make_page(title="Quiet rooms")
    SearchEntry.objects.all().delete()
    assert found(VISITOR, "quiet") == []
    out = StringIO()
    call_command("search_rebuild", stdout=out)
    assert "pages: 1 indexed" in out.getvalue()
    assert found(VISITOR, "quiet") == [("pages", page.pk)]

"""Choosing people to keep apart from, by name, in steps that work without JavaScript:
type part of a name, find, tick, add to the list, save. Only people the member could find
in the directory are ever found."""

import pytest

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.circles.models import MatchingPreferences, RoundEntry
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.circles import make_round
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import Element, field_error, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def member(name: str, **fields: object) -> User:
    person = make_user(name=name, **fields)
    profile_ensure(user=person)
    return person


def join_form(**fields: object) -> dict[str, object]:
    return {"time_zone": "America/New_York", "profession_preference": "mixed", **fields}


def _choices(page: Element, name: str) -> list[tuple[str, bool]]:
    """The checkboxes called ``name``: each label's text and whether it is ticked."""
    choices = []
    for box in page.all("input", name=name):
        [label] = page.all("label", **{"for": box.attrs["id"]})
        choices.append((label.text(), "checked" in box.attrs))
    return choices


def test_find_then_add_then_save_keeps_the_people_chosen() -> None:
    mei, boss, sam = member("Mei"), member("Dr Boss"), member("Sam Bossley")
    member("Ana Other")
    round = make_round()
    client = signed_in(mei)
    url = f"/circles/rounds/{round.pk}/"
    # Step 1: part of a name; nothing is saved, and nothing else is called wrong.
    found = client.post(url, join_form(action="find-avoid", avoid_search=" boss "))
    assert found.status_code == 200
    page = parse(found)
    assert page.one("title").text().startswith("Join Spring circles")
    assert _choices(page, "avoid_add") == [("Dr Boss", False), ("Sam Bossley", False)]
    assert not RoundEntry.objects.exists()
    # Step 2: tick one and add it to the list.
    added = parse(
        client.post(
            url, join_form(action="keep-avoid", avoid_search="boss", avoid_add=[str(boss.pk)])
        )
    )
    assert _choices(added, "avoid_keep") == [("Dr Boss", True)]
    assert _choices(added, "avoid_add") == []
    assert "Not saved yet" in added.text()
    assert not MatchingPreferences.objects.exists()
    # Step 3: join, keeping the list.
    response = client.post(url, join_form(avoid_keep=[str(boss.pk)]))
    assert response["Location"] == "/circles/"
    assert list(MatchingPreferences.objects.get(member=mei).avoid.all()) == [boss]
    assert sam not in MatchingPreferences.objects.get(member=mei).avoid.all()


def test_people_ticked_among_those_found_are_kept_by_saving_directly() -> None:
    mei, boss = member("Mei"), member("Dr Boss")
    round = make_round()
    signed_in(mei).post(
        f"/circles/rounds/{round.pk}/", join_form(avoid_search="boss", avoid_add=[str(boss.pk)])
    )
    assert list(MatchingPreferences.objects.get(member=mei).avoid.all()) == [boss]


def test_finding_shows_only_people_the_directory_shows() -> None:
    mei = member("Mei Alex")
    shown = member("Alex Shown")
    member("Alex Suspended", membership_status=MembershipStatus.SUSPENDED)
    member("Alex Declined", membership_status=MembershipStatus.DECLINED)
    member("Alex Applicant", membership_status=MembershipStatus.APPLICANT)
    make_user(name="Alex Without Profile")
    round = make_round()
    response = signed_in(mei).post(
        f"/circles/rounds/{round.pk}/", join_form(action="find-avoid", avoid_search="alex")
    )
    assert _choices(parse(response), "avoid_add") == [("Alex Shown", False)]
    # Nor can someone the directory hides be posted by number.
    hidden = User.objects.get(name="Alex Suspended")
    refused = signed_in(mei).post(
        f"/circles/rounds/{round.pk}/", join_form(avoid_add=[str(hidden.pk), str(shown.pk)])
    )
    assert field_error(refused, "avoid_add") == "Choose people from the list found."
    assert not MatchingPreferences.objects.exists()


def test_finding_by_email_address_tells_nothing() -> None:
    mei, alex = member("Mei"), member("Alex Kim")
    round = make_round()
    response = signed_in(mei).post(
        f"/circles/rounds/{round.pk}/", join_form(action="find-avoid", avoid_search=alex.email)
    )
    assert field_error(response, "avoid_search") == (
        f"Nobody in the directory has “{alex.email}” in their name. Check the spelling, or "
        "type less of the name."
    )
    assert "Alex Kim" not in parse(response).text()


def test_a_search_with_no_match_says_so_and_keeps_what_was_typed() -> None:
    mei = member("Mei")
    round = make_round()
    response = signed_in(mei).post(
        f"/circles/rounds/{round.pk}/",
        join_form(action="find-avoid", avoid_search="Nobody Atall", availability_1=["evening"]),
    )
    assert response.status_code == 200
    page = parse(response)
    assert page.one("title").text().startswith("Error:")
    assert page.one("input", name="avoid_search").attrs["value"] == "Nobody Atall"
    assert "checked" in page.one("input", name="availability_1", value="evening").attrs
    short = signed_in(mei).post(
        f"/circles/rounds/{round.pk}/", join_form(action="find-avoid", avoid_search="a")
    )
    assert field_error(short, "avoid_search") == "Type at least two letters of their name."


def test_two_people_with_one_name_are_told_apart() -> None:
    mei, first, second = member("Mei"), member("Alex Kim"), member("Alex Kim")
    round = make_round()
    response = signed_in(mei).post(
        f"/circles/rounds/{round.pk}/", join_form(action="find-avoid", avoid_search="alex kim")
    )
    assert _choices(parse(response), "avoid_add") == [
        (f"Alex Kim (profile number {first.pk})", False),
        (f"Alex Kim (profile number {second.pk})", False),
    ]


def test_the_member_never_finds_themselves() -> None:
    mei = member("Mei Example")
    member("Mei Other")
    round = make_round()
    response = signed_in(mei).post(
        f"/circles/rounds/{round.pk}/", join_form(action="find-avoid", avoid_search="mei")
    )
    assert _choices(parse(response), "avoid_add") == [("Mei Other", False)]


def test_the_standing_preferences_page_chooses_the_same_way() -> None:
    mei, boss = member("Mei"), member("Dr Boss")
    client = signed_in(mei)
    found = client.post(
        "/profile/matching/",
        {"profession_preference": "mixed", "action": "find-avoid", "avoid_search": "boss"},
    )
    assert _choices(parse(found), "avoid_add") == [("Dr Boss", False)]
    saved = client.post(
        "/profile/matching/", {"profession_preference": "mixed", "avoid_add": [str(boss.pk)]}
    )
    assert saved.status_code == 302
    assert list(MatchingPreferences.objects.get(member=mei).avoid.all()) == [boss]
    page = parse(client.get("/profile/matching/"))
    assert _choices(page, "avoid_keep") == [("Dr Boss", True)]


def test_join_page_makes_as_many_queries_with_one_person_kept_apart_as_with_many() -> None:
    mei = member("Mei")
    round = make_round()
    client = signed_in(mei)
    client.post(f"/circles/rounds/{round.pk}/", join_form(avoid_add=[str(member("A").pk)]))
    one = queries_for_page(client, f"/circles/rounds/{round.pk}/")
    more = [str(member(f"Person {number}").pk) for number in range(6)]
    client.post(f"/circles/rounds/{round.pk}/", join_form(avoid_keep=more))
    assert len(MatchingPreferences.objects.get(member=mei).avoid.all()) == 6
    assert queries_for_page(client, f"/circles/rounds/{round.pk}/") == one

"""What members show only to organizers is read only in a session that passed two-factor
authentication (profile pages, and the directory's filters, which find nobody through such
fields otherwise), never by a person loaded outside a request; and every view of someone
else's health field, a directory search by illness included, is in the audit log."""

import pytest

from dm3p.accounts.models import User
from dm3p.core.models import AuditEntry
from dm3p.members.enums import TermKind
from dm3p.members.models import Profile
from dm3p.members.selectors import profile_fields_visible_to
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_member_sharing_health, make_user
from tests.factories.members import make_term
from tests.helpers import signed_in
from tests.html_tree import read_page

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def view_entries() -> list[tuple[int | None, int | None, list[str]]]:
    return list(
        AuditEntry.objects.filter(action="profile.view_sensitive")
        .order_by("subject_user_id")
        .values_list("actor_id", "subject_user_id", "fields")
    )


@pytest.mark.parametrize(("mfa_passed", "seen"), [(False, False), (True, True)])
def test_organizer_only_fields_on_a_profile_need_mfa_passed(mfa_passed: bool, seen: bool) -> None:
    organizer = make_user(is_organizer=True)
    owner = make_member_sharing_health("Quilla Ndiaye", health_to="organizers")
    response = signed_in(organizer, mfa_passed=mfa_passed).get(f"/members/{owner.pk}/")
    heading, text = read_page(response)
    assert (response.status_code, heading) == (200, "Quilla Ndiaye")
    assert ("CANARY-HEALTH" in text, "CANARY-INSTITUTION" in text) == (seen, seen)
    assert view_entries() == ([(organizer.pk, owner.pk, ["lived_experience"])] if seen else [])


def test_organizer_without_mfa_still_sees_what_members_show_all_members() -> None:
    organizer = make_user(is_organizer=True)
    owner = make_member_sharing_health("Quilla Ndiaye", health_to="members")
    _, text = read_page(signed_in(organizer, mfa_passed=False).get(f"/members/{owner.pk}/"))
    assert ("CANARY-HEALTH" in text, "CANARY-INSTITUTION" in text) == (True, True)


def test_organizer_fields_never_reach_an_organizer_loaded_outside_a_request() -> None:
    """E-mails and tasks load people from the database: no session, so no organizer view."""
    organizer = User.objects.get(pk=make_user(is_organizer=True).pk)
    owner = make_member_sharing_health("Quilla Ndiaye", health_to="organizers")
    fields = profile_fields_visible_to(profile=Profile.objects.get(user=owner), viewer=organizer)
    assert [field.name for field in fields if field.sensitive] == []


@pytest.mark.parametrize(
    ("mfa_passed", "found", "count"), [(False, 0, "No members found"), (True, 1, "1 member")]
)
def test_directory_finds_people_by_organizer_only_fields_only_with_mfa_passed(
    mfa_passed: bool, found: int, count: str
) -> None:
    fatigue = make_term(kind=TermKind.CONDITION, label="Chronic fatigue")
    organizer = make_user(is_organizer=True)
    owner = make_member_sharing_health("Quilla Ndiaye", health_to="organizers", condition=fatigue)
    response = signed_in(organizer, mfa_passed=mfa_passed).get(f"/members/?condition={fatigue.pk}")
    heading, text = read_page(response)
    assert (response.status_code, heading) == (200, "Members")
    assert count in text
    assert ("Quilla Ndiaye" in text) == bool(found)
    assert view_entries() == (
        [(organizer.pk, owner.pk, ["lived_experience_categories"])] if found else []
    )


def test_a_directory_search_by_illness_is_audited_for_each_member_found() -> None:
    fatigue = make_term(kind=TermKind.CONDITION, label="Chronic fatigue")
    searcher = make_user()
    shown = [
        make_member_sharing_health(name, health_to="members", condition=fatigue)
        for name in ("Ana", "Ben")
    ]
    make_member_sharing_health(
        "Cal", health_to="only_me", condition=fatigue
    )  # not found: shows it to nobody
    response = signed_in(searcher).get(f"/members/?condition={fatigue.pk}")
    _, text = read_page(response)
    assert (response.status_code, "2 members" in text) == (200, True)
    assert view_entries() == [
        (searcher.pk, person.pk, ["lived_experience_categories"]) for person in shown
    ]


def test_a_directory_search_by_other_fields_writes_no_health_audit() -> None:
    searcher = make_user()
    make_member_sharing_health("Ana", health_to="members")
    response = signed_in(searcher).get("/members/?name=Ana")
    _, text = read_page(response)
    assert (response.status_code, "1 member" in text) == (200, True)
    assert view_entries() == []


def test_the_member_reads_who_was_shown_their_health_by_name_never_by_address() -> None:
    fatigue = make_term(kind=TermKind.CONDITION, label="Chronic fatigue")
    owner = make_member_sharing_health("Quilla Ndiaye", health_to="members", condition=fatigue)
    searcher = make_user(name="", email="searcher-address@example.org")
    profile_ensure(user=searcher)
    Profile.objects.filter(user=searcher).update(display_name="Sam Searcher")
    signed_in(searcher).get(f"/members/?condition={fatigue.pk}")
    response = signed_in(owner).get("/profile/")
    heading, text = read_page(response)
    assert (response.status_code, heading) == (200, "Your profile")
    assert "Sam Searcher, 10 Jun 2026, 11:00 am EDT: Kinds of disability or illness" in text
    assert "searcher-address" not in text

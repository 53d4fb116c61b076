"""Organizers editing a round's draft before publishing: moving several people at once,
swapping two, starting a circle by hand, locking a circle. Each change is one form post that
comes back to the draft at the circle it changed, saying what it did to the circles."""

import pytest
from django.test import Client
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.enums import RunPhase
from dm3p.circles.models import Circle, CircleMembership, MatchingPreferences, MatchingRound
from dm3p.circles.reasons import TAKEN_OUT
from dm3p.core.models import AuditEntry
from dm3p.members.enums import TermKind
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.circles import make_circle, make_entry, make_round, publish
from tests.factories.members import make_term
from tests.helpers import signed_in
from tests.html_tree import flashes, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]

# Tuesday 7 pm to 10 pm in the member's own zone (hours of the week, Monday 00:00 is 0).
TUESDAY_EVENING = [43, 44, 45]


def person(name: str) -> User:
    member = make_user(name=name)
    profile_ensure(user=member)
    return member


class Draft:
    """Circle 1: Ana, Ben, Cy; Circle 2: Dee, Eli, Fay; not placed: Gus, Hal. All free on
    Tuesday evening."""

    def __init__(self) -> None:
        self.round = make_round(min_size=3, max_size=5)
        names = ["Ana", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal"]
        self.people = {name: person(name) for name in names}
        for member in self.people.values():
            make_entry(self.round, member, hours=TUESDAY_EVENING)
        self.first = make_circle(self.round, [self.people[name] for name in ("Ana", "Ben", "Cy")])
        self.second = make_circle(self.round, [self.people[name] for name in ("Dee", "Eli", "Fay")])
        self.client = signed_in(make_user(is_organizer=True))

    def url(self, change: str) -> str:
        return f"/manage/circles/{self.round.pk}/draft/{change}/"

    def ids(self, *names: str) -> list[int]:
        return [self.people[name].pk for name in names]

    def post(self, change: str, data: dict[str, object]) -> list[str]:
        """Post a change; the messages the draft shows after it."""
        return flashes(self.client.post(self.url(change), data, follow=True))

    def circle_of(self, name: str) -> Circle | None:
        found = CircleMembership.objects.filter(member=self.people[name]).first()
        return found.circle if found else None

    def circles(self) -> dict[str, set[str]]:
        return {
            str(circle): {membership.member.name for membership in circle.memberships.all()}
            for circle in Circle.objects.filter(round=self.round)
        }


@pytest.fixture
def draft() -> Draft:
    return Draft()


def moves_recorded() -> list[str]:
    return sorted(
        AuditEntry.objects.filter(action="matching_round.move").values_list(
            "subject_user__name", flat=True
        )
    )


# Changes that work, and what each says.


def test_organizer_moves_several_people_at_once(draft: Draft) -> None:
    response = draft.client.post(
        draft.url("move"), {"people": draft.ids("Dee", "Gus"), "to": draft.first.pk}
    )
    assert response["Location"] == (
        f"/manage/circles/{draft.round.pk}/?changed={draft.first.pk}#circle-{draft.first.pk}"
    )
    assert draft.circles() == {
        "Circle 1": {"Ana", "Ben", "Cy", "Dee", "Gus"},
        "Circle 2": {"Eli", "Fay"},
    }
    [message] = flashes(draft.client.get(response["Location"]))
    assert message == (
        "Moved Dee and Gus to Circle 1. Circle 1: now 5 people. Circle 2: now 2 people. "
        "New problem: Circle 2 has 2 people; this round's circles have 3 to 5. "
        "Not placed: 2 → 1."
    )
    assert moves_recorded() == ["Dee", "Gus"]


def test_moving_people_out_of_every_circle_lists_them_as_not_placed(draft: Draft) -> None:
    response = draft.client.post(draft.url("move"), {"people": draft.ids("Ana"), "to": "out"})
    assert response["Location"] == f"/manage/circles/{draft.round.pk}/#not-placed"
    assert draft.circle_of("Ana") is None
    assert draft.round.entries.get(member=draft.people["Ana"]).unassigned_reason == TAKEN_OUT
    [message] = flashes(draft.client.get(response["Location"]))
    assert message.startswith("Ana: out of every circle. Circle 1: now 2 people.")
    assert message.endswith("Not placed: 2 → 3.")


def test_a_circle_left_empty_is_removed(draft: Draft) -> None:
    [message] = draft.post("move", {"people": draft.ids("Dee", "Eli", "Fay"), "to": draft.first.pk})
    assert "Circle 2 is gone: nobody was left in it." in message
    assert draft.circles() == {"Circle 1": {"Ana", "Ben", "Cy", "Dee", "Eli", "Fay"}}


def test_organizer_swaps_two_people(draft: Draft) -> None:
    [message] = draft.post("swap", {"people": draft.ids("Ana", "Fay")})
    assert draft.circles() == {
        "Circle 1": {"Fay", "Ben", "Cy"},
        "Circle 2": {"Dee", "Eli", "Ana"},
    }
    assert message == "Swapped Ana and Fay. Circle 2: now 3 people. Circle 1: now 3 people."
    assert moves_recorded() == ["Ana", "Fay"]


def test_organizer_starts_a_circle_by_hand(draft: Draft) -> None:
    response = draft.client.post(
        draft.url("new-circle"),
        {"people": draft.ids("Gus", "Hal", "Cy"), "name": "  Night   owls "},
    )
    circle = Circle.objects.get(round=draft.round, name="Night owls")
    assert (circle.number, circle.locked) == (3, False)
    assert response["Location"].endswith(f"?changed={circle.pk}#circle-{circle.pk}")
    assert draft.circles()["Night owls"] == {"Gus", "Hal", "Cy"}
    [message] = flashes(draft.client.get(response["Location"]))
    assert message.startswith(
        "Started Night owls with Cy, Gus and Hal. Night owls is new: 3 people; "
        "time everyone is free 3 hours a week. Circle 1: now 2 people."
    )
    assert AuditEntry.objects.filter(action="matching_round.circle_start").count() == 1
    assert moves_recorded() == ["Cy", "Gus", "Hal"]


def test_a_circle_started_without_a_name_is_called_by_its_number(draft: Draft) -> None:
    [message] = draft.post("new-circle", {"people": draft.ids("Gus", "Hal")})
    assert message.startswith("Started Circle 3 with Gus and Hal. Circle 3 is new: 2 people")
    assert "New problem: Circle 3 has 2 people" in message


def test_a_locked_circle_keeps_its_people_until_unlocked(draft: Draft) -> None:
    [message] = draft.post("lock", {"circle": draft.first.pk, "locked": "yes"})
    assert message == "Circle 1 is locked: its people stay together if matching runs again."
    [refused] = draft.post("move", {"people": draft.ids("Gus"), "to": draft.first.pk})
    assert refused == "Nothing changed. Circle 1 is locked. Unlock it to move people into it."
    [refused] = draft.post("swap", {"people": draft.ids("Ana", "Dee")})
    assert refused == "Nothing changed. Circle 1 is locked. Unlock it to move people out of it."
    [refused] = draft.post("new-circle", {"people": draft.ids("Ana", "Gus")})
    assert refused == "Nothing changed. Circle 1 is locked. Unlock it to move people out of it."
    [message] = draft.post("lock", {"circle": draft.first.pk, "locked": "no"})
    assert message == "Circle 1 is unlocked: matching run again may change it."
    assert list(
        AuditEntry.objects.filter(action__contains="lock")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["matching_round.lock", "matching_round.unlock"]
    assert draft.circle_of("Gus") is None


# The effect on the circles' quality, in words.


def test_the_message_says_how_the_time_everyone_is_free_changed(draft: Draft) -> None:
    early = person("Ivy")
    make_entry(draft.round, early, hours=[44, 45, 46, 47])
    [message] = draft.post("move", {"people": [early.pk], "to": draft.first.pk})
    assert message.startswith(
        "Moved Ivy to Circle 1. Circle 1: now 4 people; "
        "time everyone is free 3 hours → 2 hours a week."
    )


def test_the_message_names_a_new_problem_and_one_solved(draft: Draft) -> None:
    video, text_chat = make_term(TermKind.MODE, "Video"), make_term(TermKind.MODE, "Text chat")
    for name in ("Ana", "Ben", "Cy"):
        draft.round.entries.get(member=draft.people[name]).modes.set([video])
    draft.round.entries.get(member=draft.people["Gus"]).modes.set([text_chat])
    [message] = draft.post("move", {"people": draft.ids("Gus"), "to": draft.first.pk})
    assert "New problem: Circle 1 has no way of communicating that everyone can use." in message
    [message] = draft.post("move", {"people": draft.ids("Gus"), "to": draft.second.pk})
    assert "Solved: Circle 1 no longer breaks the rule “has no way of communicating" in message


def test_the_message_says_how_topics_covered_changed(draft: Draft) -> None:
    exams = make_term(TermKind.TOPIC, "Exams")
    draft.round.entries.get(member=draft.people["Ana"]).topics_sought.set([exams])
    draft.round.entries.get(member=draft.people["Gus"]).topics_offered.set([exams])
    [message] = draft.post("move", {"people": draft.ids("Gus"), "to": draft.first.pk})
    assert "topics sought that someone offers 0 of 1 → 1 of 1" in message


# Bad input: a clear message, nothing changed, never a server error.


@pytest.mark.parametrize(
    ("change", "data", "expected"),
    [
        ("move", {"to": "FIRST"}, "Nothing changed. Tick at least one person first."),
        (
            "move",
            {"people": ["ANA"]},
            "Nothing changed. Choose where to move the ticked people.",
        ),
        (
            "move",
            {"people": ["ANA", "BEN"], "to": "FIRST"},
            "Nothing changed. Everyone ticked is already in Circle 1. Choose another circle.",
        ),
        (
            "move",
            {"people": ["99999"], "to": "FIRST"},
            "Nothing changed. Someone ticked is no longer in this round (the draft may have "
            "changed). Look at the draft again and tick people from it.",
        ),
        (
            "move",
            {"people": ["ANA"], "to": "99999"},
            "Nothing changed. That circle is no longer in the draft. Choose a circle from "
            "the list.",
        ),
        (
            "move",
            {"people": ["GUS"], "to": "out"},
            "Nothing changed. Nobody ticked is in a circle. Choose a circle to move them to.",
        ),
        (
            "swap",
            {"people": ["ANA"]},
            "Nothing changed. Tick exactly two people to swap: you ticked 1.",
        ),
        (
            "swap",
            {"people": ["ANA", "BEN"]},
            "Nothing changed. Ana and Ben are both in Circle 1. Tick two people in "
            "different circles to swap them.",
        ),
        (
            "swap",
            {"people": ["ANA", "GUS"]},
            "Nothing changed. Gus isn't in a circle, so there is nothing to swap. "
            "Move them instead.",
        ),
        (
            "new-circle",
            {"name": "Night owls"},
            "Nothing changed. Tick at least one person first.",
        ),
        (
            "new-circle",
            {"people": ["GUS"], "name": "x" * 61},
            "Nothing changed. Keep the circle's name to 60 characters or fewer.",
        ),
        ("lock", {"locked": "yes"}, "Nothing changed. Choose a circle to lock."),
        (
            "lock",
            {"circle": "FIRST", "locked": "maybe"},
            "Nothing changed. Choose to lock or unlock the circle.",
        ),
    ],
)
def test_bad_changes_say_what_is_wrong_and_change_nothing(
    draft: Draft, change: str, data: dict[str, object], expected: str
) -> None:
    names = {"ANA": "Ana", "BEN": "Ben", "GUS": "Gus"}

    def real(value: object) -> object:
        if value == "FIRST":
            return draft.first.pk
        return draft.people[names[value]].pk if value in names else value

    sent = {
        key: [real(item) for item in value] if isinstance(value, list) else real(value)
        for key, value in data.items()
    }
    before = draft.circles()
    response = draft.client.post(draft.url(change), sent)
    assert response.status_code == 302
    assert response["Location"].endswith("#draft-tools")
    assert flashes(draft.client.get(response["Location"])) == [expected]
    assert draft.circles() == before
    assert not AuditEntry.objects.filter(action__startswith="matching_round.").exists()


def test_a_second_circle_of_the_same_name_is_refused(draft: Draft) -> None:
    Circle.objects.filter(pk=draft.first.pk).update(name="Night owls")
    [message] = draft.post("new-circle", {"people": draft.ids("Gus"), "name": "night OWLS"})
    assert message == (
        "Nothing changed. Another circle is already called “night OWLS”. Choose another name."
    )


def test_people_who_must_not_meet_are_not_moved_together_and_nobody_is_named(
    draft: Draft,
) -> None:
    preferences, _ = MatchingPreferences.objects.get_or_create(member=draft.people["Gus"])
    preferences.avoid.add(draft.people["Ben"])
    [message] = draft.post("move", {"people": draft.ids("Gus", "Dee"), "to": draft.first.pk})
    assert message == (
        "Nothing changed. A constraint applies: Gus can't join Circle 1. Choose another "
        "circle, or other people."
    )
    assert "Ben" not in message
    # Starting a circle of the two names neither: with two ticked, a name gives the pair.
    [message] = draft.post("new-circle", {"people": draft.ids("Gus", "Ben")})
    assert message == (
        "Nothing changed. A constraint applies to this group, so they can't start a circle "
        "together. Choose other people."
    )
    assert draft.circle_of("Gus") is None
    assert draft.circle_of("Dee") == draft.second


# Refused once published or while matching runs.


@pytest.mark.parametrize("state", ["published", "running"])
@pytest.mark.parametrize(
    ("change", "data"),
    [
        ("move", {"people": ["GUS"], "to": "FIRST"}),
        ("swap", {"people": ["ANA", "DEE"]}),
        ("new-circle", {"people": ["GUS", "HAL"]}),
        ("lock", {"circle": "FIRST", "locked": "yes"}),
    ],
)
def test_no_change_once_published_or_while_matching_runs(
    draft: Draft, state: str, change: str, data: dict[str, object]
) -> None:
    if state == "published":
        publish(draft.round)
        expected = "Nothing changed. This round's circles are already published."
    else:
        MatchingRound.objects.filter(pk=draft.round.pk).update(
            run_status="running", run_phase=RunPhase.WAITING, run_started_at=timezone.now()
        )
        expected = "Nothing changed. Wait for matching to finish before changing circles."
    names = {"GUS": "Gus", "HAL": "Hal", "ANA": "Ana", "DEE": "Dee"}
    sent = {
        key: [draft.people[names[item]].pk for item in value]
        if isinstance(value, list)
        else (draft.first.pk if value == "FIRST" else value)
        for key, value in data.items()
    }
    before = draft.circles()
    assert draft.post(change, sent) == [expected]
    assert draft.circles() == before
    assert not Circle.objects.filter(round=draft.round, locked=True).exists()
    assert not AuditEntry.objects.filter(action__startswith="matching_round.").exists()


# The draft page's controls.


def test_the_draft_has_a_checkbox_per_person_and_one_set_of_changes(draft: Draft) -> None:
    Circle.objects.filter(pk=draft.second.pk).update(locked=True)
    page = parse(draft.client.get(f"/manage/circles/{draft.round.pk}/"))
    boxes = page.all("input", type="checkbox", form="draft-people")
    labelled = {page.one("label", **{"for": box.attrs["id"]}).text() for box in boxes}
    assert labelled == {"Ana", "Ben", "Cy", "Gus", "Hal"}  # not those in the locked circle
    tools = page.one("form", id="draft-people")
    options = [option.text() for option in tools.one("select", name="to").all("option")]
    assert options == ["Choose where", "Circle 1 (3 people)", "Out of every circle"]
    buttons = [button.text() for button in tools.all("button")]
    assert buttons == [
        "Move ticked people",
        "Start a new circle with the ticked people",
        "Swap the two ticked people",
    ]
    assert page.one("button", id=f"lock-{draft.second.pk}").text() == "Unlock Circle 2"


def test_a_published_draft_offers_no_changes(draft: Draft, client: Client) -> None:
    publish(draft.round)
    page = parse(draft.client.get(f"/manage/circles/{draft.round.pk}/"))
    assert page.all("input", type="checkbox") == []
    assert page.all("form", id="draft-people") == []
    assert page.all("button", id=f"lock-{draft.first.pk}") == []

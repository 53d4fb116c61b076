"""What publishing a round will do, said before it is done: who is placed and where, who
isn't, what each will be e-mailed, and what stops it (sign-up still open, circles that break
a rule). Also the choices for changing a published round's circles."""

from dataclasses import dataclass

from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now_q
from dm3p.circles.emails import CIRCLE_NOT_PLACED, CIRCLE_PUBLISHED
from dm3p.circles.models import Circle, CircleMembership, MatchingRound, RoundEntry
from dm3p.circles.selectors.round_pages import draft_of
from dm3p.core.hooks import DeclaredEmail
from dm3p.core.placeholders import fill_placeholders
from dm3p.core.selectors import email_wording_get, site_settings_get


@dataclass(frozen=True)
class CirclePlaced:
    circle: Circle
    names: list[str]


@dataclass(frozen=True)
class PublishPreview:
    circles: list[CirclePlaced]
    unplaced: list[str]  # names, by name
    problems: list[str]  # circles breaking a hard rule: publishing is refused
    signup_open: bool  # publishing is refused until sign-up is closed
    placed_subject: str
    unplaced_subject: str

    @property
    def placed(self) -> int:
        return sum(len(item.names) for item in self.circles)

    @property
    def people(self) -> int:
        return self.placed + len(self.unplaced)

    @property
    def can_publish(self) -> bool:
        return bool(self.circles) and not self.problems and not self.signup_open


def email_subject(
    email: DeclaredEmail,
    round: MatchingRound,
    *,
    circle: Circle | None = None,
    person: User | None = None,
) -> str:
    """The subject ``email`` will go out with (the organizers' words, if they changed it).
    Without ``circle``, a circle's name reads "(their circle)"."""
    values = {
        "round_name": round.name,
        "circle_name": circle or "(their circle)",
        "person_name": person.display_name if person is not None else "",
        "site_name": site_settings_get().name,
    }
    return " ".join(fill_placeholders(email_wording_get(email=email).subject, values).split())


def publish_preview(*, round: MatchingRound) -> PublishPreview:
    draft = draft_of(round=round, zone="UTC")
    return PublishPreview(
        circles=[
            CirclePlaced(circle=item.circle, names=[name for _, name in item.people])
            for item in draft.circles
        ],
        unplaced=sorted(entry.member.display_name for entry in draft.unplaced),
        problems=[
            f"{item.circle} {problem}." for item in draft.circles for problem in item.problems
        ],
        signup_open=round.signup_open_on(timezone.localdate()),
        placed_subject=email_subject(CIRCLE_PUBLISHED, round),
        unplaced_subject=email_subject(CIRCLE_NOT_PLACED, round),
    )


@dataclass(frozen=True)
class PersonWhere:
    member: User
    name: str
    circle: Circle | None  # None: not placed


def people_of_published(*, round: MatchingRound) -> list[PersonWhere]:
    """Everyone still in the round, by name, with the circle they are in (if any): the
    choices for moving or adding someone after publishing."""
    entries = (
        RoundEntry.objects.filter(members_now_q("member"), round=round)
        .select_related("member__profile")
        .order_by("member__profile__display_name", "member__name", "pk")
    )
    circles = {
        membership.member_id: membership.circle
        for membership in CircleMembership.objects.filter(round=round).select_related("circle")
    }
    return [
        PersonWhere(
            member=entry.member,
            name=entry.member.display_name,
            circle=circles.get(entry.member_id),
        )
        for entry in entries
    ]

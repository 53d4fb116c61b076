"""Around publishing a round: closing sign-up early, and changes organizers make to circles
after they are published (the person moved or added is told, and so are the circles they
leave and join, without saying why)."""

from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now_q
from dm3p.circles.emails import CIRCLE_ADDED, CIRCLE_CHANGED, CIRCLE_JOINED, CIRCLE_LEFT
from dm3p.circles.models import Circle, CircleMembership, MatchingRound, RoundEntry
from dm3p.circles.selectors.rounds import avoid_pair_between
from dm3p.circles.services.refusals import CircleChangeRefused, RoundClosed
from dm3p.core.hooks import DeclaredEmail
from dm3p.core.links import site_link
from dm3p.core.services import audit_record, email_wording_queue


@transaction.atomic
def signup_close(*, actor: User, round: MatchingRound) -> None:
    """Close sign-up now: members can no longer join the round, leave it or change their
    answers. Nothing is e-mailed."""
    locked = MatchingRound.objects.select_for_update().get(pk=round.pk)
    if not locked.signup_open_on(timezone.localdate()):
        raise RoundClosed("Sign-up for this round is already closed.")
    locked.signup_closed_at = timezone.now()
    locked.save(update_fields=["signup_closed_at"])
    round.signup_closed_at = locked.signup_closed_at
    audit_record(actor=actor, action="matching_round.close_signup", target=round)


def _tell_circle(
    *, email: DeclaredEmail, circle: Circle, person: User, key: str, round: MatchingRound
) -> None:
    others = (
        CircleMembership.objects.filter(members_now_q("member"), circle=circle)
        .exclude(member=person)
        .select_related("member")
    )
    link = site_link("circles:circle", circle.pk)
    for membership in others:
        email_wording_queue(
            email=email,
            outbox_key=f"{key}:{membership.member_id}",
            recipient=membership.member,
            values={
                "round_name": round.name,
                "circle_name": circle,
                "circle_link": link,
                "person_name": person.display_name,
            },
        )


@transaction.atomic
def published_move(*, actor: User, round: MatchingRound, member: User, to: Circle) -> None:
    """Move someone in a published round to another of its circles, or add someone who
    wasn't placed. They are e-mailed where they are now; the people of the circle they left
    and of the one they joined are e-mailed who left or joined (never why)."""
    if round.published_at is None:
        raise CircleChangeRefused("This round isn't published yet: change the draft instead.")
    if to.round_id != round.pk:
        raise CircleChangeRefused("Choose one of this round's circles.")
    if not RoundEntry.objects.filter(members_now_q("member"), round=round, member=member).exists():
        raise CircleChangeRefused(f"{member.display_name} isn't in this round.")
    current = (
        CircleMembership.objects.select_for_update()
        .filter(round=round, member=member)
        .select_related("circle")
        .first()
    )
    if current is not None and current.circle_id == to.pk:
        raise CircleChangeRefused(f"{member.display_name} is already in {to}.")
    mates = set(to.memberships.exclude(member=member).values_list("member_id", flat=True))
    if avoid_pair_between(member_id=member.pk, others=mates):
        raise CircleChangeRefused(
            f"A constraint applies: {member.display_name} can't join {to}. Choose another circle."
        )
    left = current.circle if current is not None else None
    if current is not None:
        current.delete()
    CircleMembership.objects.create(circle=to, round=round, member=member)
    RoundEntry.objects.filter(round=round, member=member).update(unassigned_reason="")
    entry = audit_record(
        actor=actor, action="matching_round.move_published", target=round, subject_user=member
    )
    key = f"circle-change:{entry.pk}"
    email_wording_queue(
        email=CIRCLE_CHANGED if left is not None else CIRCLE_ADDED,
        outbox_key=f"{key}:{member.pk}",
        recipient=member,
        values={
            "round_name": round.name,
            "circle_name": to,
            "circle_link": site_link("circles:circle", to.pk),
        },
    )
    if left is not None:
        _tell_circle(email=CIRCLE_LEFT, circle=left, person=member, key=f"{key}:left", round=round)
    _tell_circle(email=CIRCLE_JOINED, circle=to, person=member, key=f"{key}:joined", round=round)

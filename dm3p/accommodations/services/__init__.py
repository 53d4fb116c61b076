from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from dm3p.accommodations.emails import (
    COORDINATOR_GATHERING_CHANGED,
    COORDINATOR_NEW_REQUESTS,
    MATERIALS,
    REQUEST_CANCELLED,
    REQUEST_RECEIVED,
    REQUEST_RECONFIRM,
    REQUEST_STATUS,
)
from dm3p.accommodations.enums import OPEN_STATUSES, RequestStatus
from dm3p.accommodations.models import AccommodationRequest, AccommodationType, StandingNeed
from dm3p.accommodations.selectors import coordinators_active
from dm3p.accounts.models import User
from dm3p.accounts.rules import is_member
from dm3p.accounts.selectors import members_now_q
from dm3p.core.hooks import DeclaredEmail
from dm3p.core.links import site_link
from dm3p.core.refusals import ServiceRefusal
from dm3p.core.services import answers_save, audit_record, email_wording_queue
from dm3p.events.models import Event
from dm3p.events.rules import is_open_gathering
from dm3p.events.services import change_in_words


class RequestsClosed(ServiceRefusal):
    def __init__(self) -> None:
        super().__init__("This gathering has ended or is cancelled, so requests are closed.")


@dataclass(frozen=True)
class NeedAnswer:
    """One kind of support someone needs, with what they wrote about it."""

    kind: AccommodationType
    details: str = ""


def _tell_member(
    request: AccommodationRequest, email: DeclaredEmail, values: Mapping[str, object], step: str
) -> None:
    if not is_member(request.member):
        return  # declined or suspended since: no more e-mail from the program
    link = site_link("accommodations:for_event", request.event_id)
    email_wording_queue(
        email=email,
        outbox_key=f"accommodation:{request.pk}:{step}",
        recipient=request.member,
        values={**values, "requests_link": link},
    )


def _alert_coordinators(email: DeclaredEmail, values: Mapping[str, object], key: str) -> None:
    link = site_link("accommodations:queue")
    for coordinator in coordinators_active():
        email_wording_queue(
            email=email,
            outbox_key=f"{key}:{coordinator.pk}",
            recipient=coordinator,
            values={**values, "queue_link": link},
        )


@transaction.atomic
def requests_create(
    *,
    event: Event,
    member: User,
    needs: list[NeedAnswer],
    recorded_by: User | None = None,
) -> list[AccommodationRequest]:
    """Record requests (a kind already asked for is left as it is). After a kind's lead
    time the request is still taken, marked late, and the member is told it is best effort.
    Refused once the gathering has ended or is cancelled."""
    if not is_open_gathering(member, event):
        raise RequestsClosed
    now = timezone.now()
    made = []
    for need in needs:
        kind = need.kind
        request, created = AccommodationRequest.objects.get_or_create(
            event=event,
            member=member,
            kind=kind,
            defaults={
                "details": need.details.strip() or None,
                "is_late": now > kind.deadline_for(event),
                "recorded_by": recorded_by,
            },
        )
        if not created:
            continue
        made.append(request)
        audit_record(
            actor=recorded_by or member,
            action="accommodation.request",
            subject_user=member,
            target=request,
        )
        late = (
            (
                " It came after the usual notice for this kind of support, so we will do our "
                "best but can't promise it."
            )
            if request.is_late
            else ""
        )
        who = " A coordinator recorded it for you, as you asked." if recorded_by else ""
        _tell_member(
            request,
            REQUEST_RECEIVED,
            {
                "kind_label": kind.label,
                "title": event.title,
                "recorded_for_you": who,
                "late": late,
            },
            "received",
        )
    if made:
        _alert_coordinators(
            COORDINATOR_NEW_REQUESTS,
            {
                "title": event.title,
                "count": len(made),  # for wordings saved before {new_requests}
                "new_requests": ngettext("One new request", "%(count)d new requests", len(made))
                % {"count": len(made)},
            },
            f"accommodation-new:{made[0].pk}",
        )
    return made


@dataclass(frozen=True)
class RequestAnswers:
    """A coordinator's answers about one request."""

    status: RequestStatus
    owner: User | None
    provider_notes: str
    not_possible_reason: str
    provider_names: str = ""
    link_sent: bool = False


@transaction.atomic
def request_update(
    *, request: AccommodationRequest, actor: User, answers: RequestAnswers
) -> AccommodationRequest:
    """A coordinator's changes to a request. Saving it unchanged changes nothing and records
    nothing; a change of status is told to the member."""
    stored = AccommodationRequest.objects.select_for_update().get(pk=request.pk)
    # An empty box is stored as nothing at all, so leaving one empty is no change.
    wanted: dict[str, object] = {
        "status": answers.status,
        "owner": answers.owner,
        "provider_notes": answers.provider_notes or None,
        "not_possible_reason": answers.not_possible_reason or None,
        "provider_names": answers.provider_names.strip(),
        "link_sent": answers.link_sent,
    }
    changed = [name for name, value in wanted.items() if getattr(stored, name) != value]
    if not changed:
        return stored
    for name in changed:
        setattr(stored, name, wanted[name])
    if "status" in changed and stored.status not in OPEN_STATUSES:
        stored.needs_reconfirmation = False
    stored.save()
    audit_record(
        actor=actor,
        action="accommodation.update",
        subject_user=stored.member,
        target=stored,
        fields=changed,
    )
    if "status" in changed:
        reason = (
            stored.not_possible_reason
            if stored.status == RequestStatus.NOT_POSSIBLE and stored.not_possible_reason
            else ""
        )
        _tell_member(
            stored,
            REQUEST_STATUS,
            {
                "kind_label": stored.kind.label,
                "title": stored.event.title,
                "status": stored.get_status_display().lower(),
                "reason": reason,
            },
            f"status:{stored.status}:{stored.updated_at.timestamp()}",
        )
    return stored


def request_confirm(*, request: AccommodationRequest, actor: User) -> AccommodationRequest:
    """Confirm a request as it stands (the quick action on a gathering's summary); the
    member is told. Confirming one already confirmed changes nothing."""
    return request_update(
        request=request,
        actor=actor,
        answers=RequestAnswers(
            status=RequestStatus.CONFIRMED,
            owner=request.owner or actor,
            provider_notes=request.provider_notes or "",
            not_possible_reason=request.not_possible_reason or "",
            provider_names=request.provider_names,
            link_sent=request.link_sent,
        ),
    )


def request_opened(*, request: AccommodationRequest, actor: User) -> None:
    """A coordinator opened someone's request: recorded (who, whose, when)."""
    audit_record(
        actor=actor,
        action="accommodation.view",
        subject_user=request.member,
        target=request,
        fields=["details"],
    )


@transaction.atomic
def standing_needs_save(*, member: User, needs: list[NeedAnswer]) -> bool:
    """Keep the kinds a member needs at every gathering, each with its own details. Saving
    what is already kept changes nothing and records nothing. Returns whether anything
    changed."""
    wanted = {need.kind.pk: need.details.strip() or None for need in needs}
    kept = {
        need.kind_id: need
        for need in StandingNeed.objects.select_for_update().filter(member=member)
    }
    removed = [kind_id for kind_id in kept if kind_id not in wanted]
    added = [kind_id for kind_id in wanted if kind_id not in kept]
    rewritten = [
        kept[kind_id]
        for kind_id, text in wanted.items()
        if kind_id in kept and kept[kind_id].details != text
    ]
    if not (removed or added or rewritten):
        return False
    StandingNeed.objects.filter(member=member, kind_id__in=removed).delete()
    StandingNeed.objects.bulk_create(
        [StandingNeed(member=member, kind_id=kind_id, details=wanted[kind_id]) for kind_id in added]
    )
    for need in rewritten:
        need.details = wanted[need.kind_id]
        need.save(update_fields=["details"])
    audit_record(
        actor=member,
        action="standing_needs.update",
        subject_user=member,
        fields=(["kinds"] if removed or added else []) + (["details"] if rewritten else []),
    )
    return True


def materials_send(*, event: Event, title: str, link: str, resource_id: int) -> int:
    """Slides arrived: everyone who asked for materials in advance gets them by e-mail."""
    sent = 0
    for request in (
        AccommodationRequest.objects.filter(
            members_now_q("member"), event=event, kind__sends_materials=True
        )
        .exclude(status=RequestStatus.NOT_POSSIBLE)
        .select_related("member")
    ):
        email_wording_queue(
            email=MATERIALS,
            outbox_key=f"materials:{resource_id}:{request.member_id}",
            recipient=request.member,
            values={"title": event.title, "materials_title": title, "materials_link": link},
        )
        sent += 1
    return sent


@transaction.atomic
def requests_reconfirm_after_change(*, event: Event, changed: list[str]) -> int:
    """The gathering moved, was cancelled, or its link changed: providers need to hear at
    once (they ask for 36 hours' notice), and members confirm their requests again."""
    requests = list(
        AccommodationRequest.objects.filter(event=event)
        .exclude(status__in=[RequestStatus.NOT_POSSIBLE, RequestStatus.PROVIDED])
        .select_related("member", "kind")
    )
    if not requests:
        return 0
    change = change_in_words(event, changed)
    cancelled = event.is_cancelled
    for request in requests:
        if cancelled:
            _tell_member(
                request,
                REQUEST_CANCELLED,
                {"title": event.title, "change": change, "kind_label": request.kind.label},
                f"cancelled:{event.sequence}",
            )
            continue
        request.needs_reconfirmation = True
        request.save(update_fields=["needs_reconfirmation", "updated_at"])
        _tell_member(
            request,
            REQUEST_RECONFIRM,
            {"title": event.title, "change": change, "kind_label": request.kind.label},
            f"reconfirm:{event.sequence}",
        )
    _alert_coordinators(
        COORDINATOR_GATHERING_CHANGED,
        {
            "title": event.title,
            "change": change,
            "count": len(requests),  # for wordings saved before {requests_affected}
            "requests_affected": ngettext(
                "One accommodation request is affected",
                "%(count)d accommodation requests are affected",
                len(requests),
            )
            % {"count": len(requests)},
        },
        f"accommodation-changed:{event.pk}:{event.sequence}",
    )
    return len(requests)


@dataclass(frozen=True)
class KindAnswers:
    """A kind of support as organizers set it."""

    label: str
    description: str
    lead_days: int
    provided_by_default: bool
    needs_details: bool
    sends_materials: bool
    interpreter_in_breakouts: bool
    needs_team_over_an_hour: bool
    order: int
    is_active: bool


@transaction.atomic
def kind_save(
    *, actor: User, kind: AccommodationType | None, answers: KindAnswers
) -> AccommodationType:
    """Add a kind of support (``kind`` None) or change one."""
    instance = (
        AccommodationType.objects.select_for_update().get(pk=kind.pk)
        if kind is not None
        else AccommodationType()
    )
    answers_save(actor=actor, instance=instance, answers=answers, action="accommodation_type.save")
    return instance

"""Demo data for accommodations: requests for the next gathering in every state, so the
coordinators' summary, its check list and the team reminder have something to show."""

from django.utils import timezone

from dm3p.accommodations.models import AccommodationRequest, AccommodationType, RequestQuestion
from dm3p.accounts.models import User
from dm3p.core.hooks import DemoOptions
from dm3p.events.models import Event


def demo_requests(demo: DemoOptions) -> None:
    if AccommodationRequest.objects.exists():
        return
    event = Event.objects.filter(ends_at__gt=timezone.now()).order_by("starts_at").first()
    kinds = {kind.label: kind for kind in AccommodationType.objects.all()}
    member = User.objects.filter(email="member@example.org").first()
    ally = User.objects.filter(email="ally@example.org").first()
    coordinator = User.objects.filter(is_coordinator=True).order_by("pk").first()
    asl, breaks = kinds.get("ASL interpretation"), kinds.get("Scheduled breaks")
    if event is None or member is None or ally is None or asl is None or breaks is None:
        return
    confirmed = AccommodationRequest.objects.create(
        event=event,
        member=member,
        kind=asl,
        status="confirmed",
        owner=coordinator,
        provider_names="Ana Ruiz and Ben Cole",
        link_sent=True,
        details="Medical vocabulary, please.",
    )
    waiting = AccommodationRequest.objects.create(event=event, member=ally, kind=asl)
    AccommodationRequest.objects.create(
        event=event, member=member, kind=breaks, status="confirmed", owner=coordinator
    )
    RequestQuestion.objects.create(
        request=waiting,
        asked_by=coordinator,
        question="Would you like an interpreter in your breakout room too?",
    )
    demo.say(f"Access requests: {confirmed.kind} and more for {event}.")

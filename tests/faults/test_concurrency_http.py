"""Many people pressing the same button at the same moment, against a real gunicorn with
several worker processes and threads on the test database: nothing overfilled, lost,
doubled, or answered with a server error."""

from collections import Counter
from collections.abc import Iterator

import pytest

from dm3p.accommodations.models import AccommodationRequest
from dm3p.accounts.models import User
from dm3p.circles.models import MatchingPreferences, RoundEntry
from dm3p.core.models import AuditEntry, OutboundEmail
from dm3p.events.enums import RsvpAnswer
from dm3p.events.models import Rsvp
from dm3p.members.enums import TermKind
from tests.factories import make_user
from tests.factories.accommodations import make_accommodation_type
from tests.factories.circles import make_round
from tests.factories.events import make_event
from tests.factories.members import make_term
from tests.faults.browsing import Answer, Browser, fetch, posts_at_once, signed_in_browser
from tests.faults.helpers import Service, Services, database_url, service_env
from tests.html_tree import parse

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def server(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    services = Services(service_env(database_url=database_url()), tmp_path_factory.mktemp("web"))
    try:
        yield services.web(workers=4, threads=4)
    finally:
        services.stop_all()


def test_the_server_runs_with_debug_off(server: Service) -> None:
    answer = fetch(server.base + "/no-such-page/")
    assert (answer.status, [h1.text() for h1 in parse(answer.body).all("h1")]) == (
        404,
        ["Page not found"],
    )
    assert "URLconf" not in answer.body


def members_signed_in(count: int, prefix: str) -> list[tuple[User, Browser]]:
    people = [make_user(email=f"{prefix}-{n}@example.org") for n in range(count)]
    return [(person, signed_in_browser(person)) for person in people]


def statuses(answers: list[Answer]) -> Counter[int]:
    return Counter(answer.status for answer in answers)


def test_100_people_answer_going_at_once_to_20_seats_and_80_wait(server: Service) -> None:
    event = make_event(days_ahead=30, time_zone="America/New_York", capacity=20)
    people = members_signed_in(100, "rsvp")
    answers = posts_at_once(
        server.base,
        [(browser, f"/events/{event.pk}/rsvp/", {"answer": "going"}) for _, browser in people],
    )
    assert statuses(answers) == {302: 100}, server.log_tail()
    rsvps = Rsvp.objects.filter(event=event, answer=RsvpAnswer.GOING)
    assert (rsvps.count(), rsvps.values("member").distinct().count()) == (100, 100)
    seated = list(rsvps.filter(waitlisted=False).order_by("answered_at"))
    waiting = list(rsvps.filter(waitlisted=True).order_by("answered_at"))
    assert (len(seated), len(waiting)) == (20, 80)
    # Seats went in the order the answers were recorded; the waiting list follows it.
    assert seated[-1].answered_at <= waiting[0].answered_at
    assert AuditEntry.objects.filter(action="rsvp.going", object_id=str(event.pk)).count() == 100


def test_100_people_sign_up_for_a_round_at_once_and_each_is_recorded_once(
    server: Service,
) -> None:
    round = make_round()
    topic = make_term(TermKind.TOPIC, "Disclosure at work")
    mode = make_term(TermKind.MODE, "Video")
    people = members_signed_in(100, "round")
    form = {
        "topics_offered": [topic.pk],
        "topics_sought": [topic.pk],
        "modes": [mode.pk],
        "time_zone": "America/Chicago",
        "availability_2": ["evening"],
        "profession_preference": "mixed",
        "avoid_add": "",
    }
    answers = posts_at_once(
        server.base, [(browser, f"/circles/rounds/{round.pk}/", form) for _, browser in people]
    )
    assert statuses(answers) == {302: 100}, server.log_tail()
    assert {answer.location for answer in answers} == {"/circles/"}
    entries = RoundEntry.objects.filter(round=round)
    assert sorted(entries.values_list("member_id", flat=True)) == sorted(
        person.pk for person, _ in people
    )
    assert set(entries.values_list("time_zone", flat=True)) == {"America/Chicago"}
    through = RoundEntry.topics_offered.through.objects.filter(roundentry__round=round)
    assert Counter(through.values_list("term_id", flat=True)) == {topic.pk: 100}
    assert MatchingPreferences.objects.count() == 100


def test_50_access_requests_sent_twice_at_once_are_each_recorded_once(server: Service) -> None:
    event = make_event(days_ahead=30, time_zone="America/New_York")
    asl = make_accommodation_type(label="ASL interpretation", lead_days=14)
    other = make_accommodation_type(label="Something else", needs_details=True)
    people = members_signed_in(50, "access")
    # Each person's form arrives twice at the same moment, as a double click sends it.
    posts = [
        (
            browser,
            f"/events/{event.pk}/access/",
            {
                "kinds": [asl.pk, other.pk],
                f"details_{asl.pk}": f"Quiet room for {person.email}",
                f"details_{other.pk}": f"Quiet room for {person.email}",
            },
        )
        for person, browser in people
        for _ in range(2)
    ]
    answers = posts_at_once(server.base, posts)
    assert not [answer for answer in answers if answer.status >= 500], server.log_tail()
    # A second copy sees the first's request already there and shows the page (200).
    assert set(statuses(answers)) <= {200, 302}
    requests = AccommodationRequest.objects.filter(event=event)
    assert Counter(requests.values_list("member__email", "kind_id")) == {
        (person.email, kind.pk): 1 for person, _ in people for kind in (asl, other)
    }
    assert {request.details for request in requests.select_related("member")} == {
        f"Quiet room for {person.email}" for person, _ in people
    }
    assert AuditEntry.objects.filter(action="accommodation.request").count() == 100
    assert OutboundEmail.objects.filter(key__endswith=":received").count() == 100

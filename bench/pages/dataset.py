"""Builds the large data set the page bench reads (run by ``python -m bench.pages``, in a
process of its own with the site's settings): members, gatherings with their answers, and
conversations. Writes what the bench needs to know (a gathering, a thread, a signed-in
session, each page's query count) as JSON on standard output."""

import datetime as dt
import json
import random
import sys
from typing import Any

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command, get_commands  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from dm3p.accounts.enums import MembershipStatus  # noqa: E402
from dm3p.accounts.models import User  # noqa: E402
from dm3p.conversations.enums import PostState  # noqa: E402
from dm3p.conversations.models import Post, Space, Thread  # noqa: E402
from dm3p.events.enums import RsvpAnswer  # noqa: E402
from dm3p.events.models import Event, Rsvp  # noqa: E402
from dm3p.members.services import profile_ensure  # noqa: E402

WORDS_TEXT = (
    "shift rest fatigue interpreter captions exam residency rounds wheelchair ramp clinic "
    "pain flare nursing pharmacy therapy schedule accommodation mentor circle energy "
    "sleep call night lecture hearing vision chronic illness ally support dean program"
)
WORDS = WORDS_TEXT.split(" ")


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _members(count: int) -> list[User]:
    made = User.objects.bulk_create(
        User(
            email=f"bench-{n}@example.org",
            name=f"Bench Member {n}",
            membership_status=MembershipStatus.MEMBER,
        )
        for n in range(count)
    )
    for user in made:
        profile_ensure(user=user)
    return made


def _gatherings(count: int, answers: int, people: list[User], rng: random.Random) -> Event:
    now = timezone.now()
    events = Event.objects.bulk_create(
        Event(
            title=f"Monthly gathering {n}: {_text(rng, 4)}",
            description=_text(rng, 60),
            starts_at=now + dt.timedelta(days=30 * (n - count // 2)),
            ends_at=now + dt.timedelta(days=30 * (n - count // 2), minutes=90),
            time_zone="America/New_York",
        )
        for n in range(count)
    )
    for event in events:
        Rsvp.objects.bulk_create(
            Rsvp(event=event, member=person, answer=RsvpAnswer.GOING, answered_at=now)
            for person in rng.sample(people, answers)
        )
    return events[count // 2 + 1]


def _conversations(threads: int, posts: int, people: list[User], rng: random.Random) -> Thread:
    spaces = [
        Space.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in [("general", "General"), ("training", "Training and residency")]
    ]
    now = timezone.now()
    made = Thread.objects.bulk_create(
        Thread(space=rng.choice(spaces), title=_text(rng, 6), author=rng.choice(people))
        for _ in range(threads)
    )
    per_thread = posts // threads
    for thread in made:
        rows = Post.objects.bulk_create(
            Post(
                thread=thread,
                author=rng.choice(people),
                body=_text(rng, 40),
                state=PostState.SHOWN,
            )
            for _ in range(per_thread)
        )
        Thread.objects.filter(pk=thread.pk).update(
            post_count=len(rows), last_post_id=rows[-1].pk, last_post_at=now
        )
    return made[0]


def _search_rebuild() -> None:
    """Index everything, with whatever command the search backend offers for it."""
    for name in get_commands():
        if (name.startswith("search") and "rebuild" in name) or name == "rebuild_search":
            call_command(name)
            return


def _queries(client: Client, path: str) -> dict[str, Any]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return {"status": response.status_code, "queries": len(queries)}


def main() -> None:
    sizes = json.loads(sys.argv[1])
    rng = random.Random(0)
    people = _members(sizes["members"])
    event = _gatherings(sizes["gatherings"], sizes["answers"], people, rng)
    thread = _conversations(sizes["threads"], sizes["posts"], people, rng)
    _search_rebuild()
    cookie_name = settings.SESSION_COOKIE_NAME
    reader = people[0]
    client = Client()
    client.force_login(reader)
    pages = {
        "front page": "/",
        "a gathering": f"/events/{event.pk}/",
        "the directory": "/members/",
        "a thread": f"/conversations/threads/{thread.pk}/",
        "search": "/search/?q=fatigue+interpreter",
    }
    print(
        json.dumps(
            {
                "pages": {
                    name: {"path": path, **_queries(client, path)} for name, path in pages.items()
                },
                "cookie": f"{cookie_name}={client.cookies[cookie_name].value}",
            }
        )
    )


if __name__ == "__main__":
    main()

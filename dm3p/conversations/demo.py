"""Demo conversations: the demo member talks directly with two other members, with replies
both ways; threads in the topic spaces, circles' spaces and gatherings' threads."""

from itertools import islice

from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now
from dm3p.circles.models import Circle
from dm3p.conversations.enums import SpaceKind
from dm3p.conversations.models import Space, Thread, ThreadParticipant
from dm3p.conversations.selectors.access import spaces_visible_to
from dm3p.conversations.services.auto_spaces import circle_space_for, gathering_thread_for
from dm3p.conversations.services.direct import direct_write
from dm3p.conversations.services.posting import post_add, thread_start
from dm3p.core.hooks import DemoOptions
from dm3p.events.models import Event

THREADS = [
    [
        "Hello! I saw you can talk about exam accommodations. Could we meet before my boards?",
        "Of course. Tuesday evenings suit me best; would 7 pm work for you?",
        "Tuesday at 7 is perfect. Thank you so much.",
        "See you then. Bring your questions, nothing is too small.",
    ],
    [
        "Thank you for what you said at the gathering about disclosing in interviews. It helped.",
        "I'm so glad. It took me years to find words for it. How did your interview go?",
        # From the other person, so the demo member has something new to read.
        "It went well, thank you! Could we talk again next week?",
    ],
]


def demo_conversations(demo: DemoOptions) -> None:
    me = User.objects.filter(email="member@example.org").first()
    if me is None or ThreadParticipant.objects.filter(person=me).exists():
        return
    others = list(
        members_now()
        .filter(profile__isnull=False, is_organizer=False, is_admin=False, is_coordinator=False)
        .exclude(pk=me.pk)
        .order_by("id")[: len(THREADS)]
    )
    for other, texts in zip(others, THREADS, strict=False):
        thread = direct_write(sender=other, others=[me], body=texts[0]).thread
        for index, text in enumerate(texts[1:]):
            post_add(thread=thread, author=me if index % 2 == 0 else other, body=text)
    demo.say(f"Demo conversations: {len(others)} for member@example.org.")


FORUM_THREADS = [
    (
        "general",
        "Hello from a new member",
        [
            "Hi everyone! I joined last week. I'm in my second year of training and use a "
            "wheelchair. Glad to have found you.",
            "Welcome! The gatherings are a good place to start; the next one is online.",
            "Welcome from me too. Ask anything here, nothing is too small.",
        ],
    ),
    (
        "working-with-a-disability",
        "Asking for a rest room on call",
        [
            "Has anyone asked their hospital for a room to lie down during long on-call shifts? "
            "How did you put it?",
            "I did, through occupational health. Putting it as a reasonable adjustment helped.",
            "Same here. I wrote down what I needed and why, one paragraph, and it went through.",
            "Thank you both, that gives me the words.",
        ],
    ),
    (
        "off-topic",
        "What are you reading?",
        ["Something light for the evenings, please: what's on your bedside table?"],
    ),
]


FORUM_WRITERS = 4
# Enough to find a few writers for each space among the demo's members and allies.
FORUM_CANDIDATES = 40


def _writers(space: Space, people: list[User]) -> list[User]:
    """The first few of ``people`` who may read ``space`` (a space for members only is
    not the allies'): only they write in it."""
    readers = (
        person for person in people if spaces_visible_to(viewer=person).filter(pk=space.pk).exists()
    )
    return list(islice(readers, FORUM_WRITERS))


def demo_forum(demo: DemoOptions) -> None:
    """A few threads with replies in the default spaces, written as members write them,
    each by people who may read that space."""
    if Thread.objects.filter(space__kind=SpaceKind.TOPIC).exists():
        return
    people = list(
        members_now()
        .filter(profile__isnull=False, is_organizer=False, is_admin=False, is_coordinator=False)
        .order_by("id")[:FORUM_CANDIDATES]
    )
    spaces = {space.slug: space for space in Space.objects.all()}
    made = 0
    for slug, title, texts in FORUM_THREADS:
        space = spaces.get(slug)
        writers = _writers(space, people) if space is not None else []
        if space is None or not writers:
            continue
        thread = thread_start(
            space=space, author=writers[made % len(writers)], title=title, body=texts[0]
        )
        for index, text in enumerate(texts[1:], start=1):
            post_add(thread=thread, author=writers[(made + index) % len(writers)], body=text)
        made += 1
    demo.say(f"Demo conversations: {made} threads in the spaces.")


# Auto spaces (issue 14): each published circle's space with a few posts between its
# people, and the gatherings space with a thread for each upcoming gathering.

CIRCLE_POSTS = [
    "Hello all! Shall we keep our between-meetings notes here?",
    "Yes please. I'll share the article about pacing I mentioned.",
    "Thank you. Take it easy this week, everyone: no need to reply quickly.",
]
GATHERING_POST = "Looking forward to this one. Is anyone else joining by phone?"


def _circle_spaces(demo: DemoOptions) -> None:
    circles = (
        Circle.objects.filter(round__published_at__isnull=False)
        .select_related("round")
        .prefetch_related("memberships__member")
        .order_by("id")
    )
    filled = 0
    for circle in circles:
        space = circle_space_for(circle)
        people = [membership.member for membership in circle.memberships.all()]
        if len(people) < 2 or space.threads.exists():
            continue
        thread = thread_start(
            space=space, author=people[0], title="Between meetings", body=CIRCLE_POSTS[0]
        )
        for index, body in enumerate(CIRCLE_POSTS[1:], start=1):
            post_add(thread=thread, author=people[index % len(people)], body=body)
        filled += 1
    demo.say(f"Demo circle spaces: {filled} with posts.")


def _gathering_threads(demo: DemoOptions) -> None:
    """A thread for each upcoming gathering; the next one has a post from the demo member."""
    upcoming = list(Event.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at"))
    me = User.objects.filter(email="member@example.org").first()
    for index, event in enumerate(upcoming):
        thread = gathering_thread_for(event)
        if index == 0 and me is not None and thread.post_count == 0:
            post_add(thread=thread, author=me, body=GATHERING_POST)
    demo.say(f"Demo gathering threads: {len(upcoming)}.")


def demo_auto_spaces(demo: DemoOptions) -> None:
    _circle_spaces(demo)
    _gathering_threads(demo)

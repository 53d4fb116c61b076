"""Demo conversations: the demo member has written with two other members, with replies
both ways."""

from django.db.models import Q

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now
from dm3p.conversations.models import Conversation, Space, Thread
from dm3p.conversations.services.messages import message_reply, message_send
from dm3p.conversations.services.posting import post_add, thread_start
from dm3p.core.hooks import DemoOptions

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
    if me is None or Conversation.objects.filter(Q(person_a=me) | Q(person_b=me)).exists():
        return
    others = list(
        members_now()
        .filter(profile__isnull=False, is_organizer=False, is_admin=False, is_coordinator=False)
        .exclude(pk=me.pk)
        .order_by("id")[: len(THREADS)]
    )
    for other, texts in zip(others, THREADS, strict=False):
        first = message_send(sender=other, recipient=me, body=texts[0], reveal_email=False)
        for index, text in enumerate(texts[1:]):
            message_reply(sender=me if index % 2 == 0 else other, message=first, body=text)
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


def demo_forum(demo: DemoOptions) -> None:
    """A few threads with replies in the default spaces, written as members write them."""
    if Thread.objects.filter(space__isnull=False).exists():
        return
    people = list(
        members_now()
        .filter(profile__isnull=False, is_organizer=False, is_admin=False, is_coordinator=False)
        .order_by("id")[:4]
    )
    spaces = {space.slug: space for space in Space.objects.all()}
    if not people:
        return
    made = 0
    for slug, title, texts in FORUM_THREADS:
        space = spaces.get(slug)
        if space is None:
            continue
        thread = thread_start(
            space=space, author=people[made % len(people)], title=title, body=texts[0]
        )
        for index, text in enumerate(texts[1:], start=1):
            post_add(thread=thread, author=people[(made + index) % len(people)], body=text)
        made += 1
    demo.say(f"Demo conversations: {made} threads in the spaces.")

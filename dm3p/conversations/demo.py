"""Demo conversations: the demo member talks directly with two other members, with replies
both ways, and the last post of one is new to them."""

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now
from dm3p.conversations.models import ThreadParticipant
from dm3p.conversations.services.direct import direct_write
from dm3p.conversations.services.posting import post_add
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

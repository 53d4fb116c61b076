"""Demo conversations: the demo member has written with two other members, with replies
both ways."""

from django.db.models import Q

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now
from dm3p.conversations.models import Conversation
from dm3p.conversations.services.messages import message_reply, message_send
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

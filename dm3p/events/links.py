"""Answer links for e-mails: a signed, expiring address that names one member, one gathering
and one answer ("going", "maybe", "can't"). The link alone changes nothing: the page it
opens asks to confirm with one button. Its secret part is masked in logs
(dm3p/core/logs.py)."""

from dataclasses import dataclass

from django.core import signing

ANSWER_SALT = "dm3p.events.answer-link"
# Long enough for an invitation sent weeks ahead; a gathering that has ended takes no
# answers whatever the link says.
ANSWER_LINK_MAX_AGE = 60 * 24 * 60 * 60


@dataclass(frozen=True)
class AnswerLink:
    event_id: int
    member_id: int
    answer: str


def answer_token(*, event_id: int, member_id: int, answer: str) -> str:
    return signing.dumps([event_id, member_id, answer], salt=ANSWER_SALT)


def answer_token_read(token: str) -> AnswerLink | None:
    """What a token says, or None if it was changed, is incomplete or has expired."""
    try:
        value = signing.loads(token, salt=ANSWER_SALT, max_age=ANSWER_LINK_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if (
        not isinstance(value, list)
        or len(value) != 3
        or not all(isinstance(part, int) for part in value[:2])
        or not isinstance(value[2], str)
    ):
        return None
    return AnswerLink(event_id=value[0], member_id=value[1], answer=value[2])

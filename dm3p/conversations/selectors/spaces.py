"""Topic spaces as organizers manage them (circle and gathering spaces are the site's)."""

from django.db.models import Count, QuerySet

from dm3p.accounts.models import User
from dm3p.conversations.enums import SpaceKind
from dm3p.conversations.models import Space, SpaceMember


def topic_spaces() -> QuerySet[Space]:
    """Every topic space, archived ones too, with how many threads each has."""
    return Space.objects.filter(kind=SpaceKind.TOPIC).annotate(thread_count=Count("threads"))


def listed_people(space: Space) -> list[User]:
    return [row.person for row in SpaceMember.objects.filter(space=space).select_related("person")]

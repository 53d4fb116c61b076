from django.db.models import Q, QuerySet

from dm3p.accounts.models import User
from dm3p.accounts.selectors import people_active


def organizers_active() -> QuerySet[User]:
    """Organizers who can still act: alerts for organizers go to these."""
    return people_active().filter(is_organizer=True).order_by("pk")


def people_for_admin(*, query: str = "") -> QuerySet[User]:
    people = User.objects.order_by("email")
    if query:
        people = people.filter(Q(email__icontains=query) | Q(name__icontains=query))
    return people

"""The topic spaces a new site starts with (``manage.py setup``); organizers change them."""

from dm3p.conversations.enums import SpaceAudience, SpaceKind
from dm3p.conversations.models import Space

DEFAULT_SPACES = [
    (
        "General",
        "general",
        "Anything about the programme, and saying hello.",
        SpaceAudience.EVERYONE,
    ),
    (
        "Training and residency",
        "training-and-residency",
        "Exams, rotations, rotas, applications and finding your way through training.",
        SpaceAudience.EVERYONE,
    ),
    (
        "Working with a disability",
        "working-with-a-disability",
        "Accommodations, disclosure, energy and everything else of working as a disabled "
        "doctor. Members only: allies don't see this space.",
        SpaceAudience.MEMBERS,
    ),
    (
        "Allies",
        "allies",
        "For allies and members who want to talk with them: how to help, what to ask.",
        SpaceAudience.EVERYONE,
    ),
    ("Off topic", "off-topic", "Books, pets, rest, and whatever else.", SpaceAudience.EVERYONE),
]


def spaces_fill() -> int:
    if Space.objects.filter(kind=SpaceKind.TOPIC).exists():
        return 0
    made = Space.objects.bulk_create(
        [
            Space(
                name=name,
                slug=slug,
                description=description,
                audience=audience,
                kind=SpaceKind.TOPIC,
                position=index * 10,
            )
            for index, (name, slug, description, audience) in enumerate(DEFAULT_SPACES)
        ],
        ignore_conflicts=True,
    )
    return len(made)

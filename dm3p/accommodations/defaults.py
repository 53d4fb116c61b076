"""The kinds of support a new site starts with, and how many days ahead each must be asked
for. Organizers edit them under Staff → Kinds of support; ``manage.py setup`` (and the demo)
add them only while there are none (see dm3p.core.defaults)."""

from dataclasses import dataclass

from dm3p.accommodations.models import AccommodationType


@dataclass(frozen=True)
class StartingType:
    label: str
    lead_days: int
    description: str = ""
    provided_by_default: bool = False
    needs_details: bool = False
    sends_materials: bool = False
    interpreter_in_breakouts: bool = False
    needs_team_over_an_hour: bool = False


STARTING_TYPES = [
    StartingType(
        "CART live captioning",
        7,
        "A person types everything said, live, into Zoom's captions in the main room.",
        provided_by_default=True,
    ),
    StartingType(
        "Automatic captions",
        0,
        "Zoom's automatic captions, on in breakout rooms (where no captioner is working).",
        provided_by_default=True,
    ),
    StartingType(
        "ASL interpretation",
        14,
        "American Sign Language interpreters.",
        interpreter_in_breakouts=True,
        needs_team_over_an_hour=True,
    ),
    StartingType(
        "Other sign language",
        14,
        "Tell us which sign language.",
        needs_details=True,
        interpreter_in_breakouts=True,
        needs_team_over_an_hour=True,
    ),
    StartingType("CART captions in my breakout room", 7, "A captioner in your small group too."),
    StartingType(
        "Slides or materials in advance",
        7,
        "The speaker's slides by e-mail before the gathering.",
        sends_materials=True,
    ),
    StartingType("Large-print or screen-reader-friendly materials", 7, sends_materials=True),
    StartingType("Scheduled breaks", 7),
    StartingType("Something else", 7, "Describe what would help.", needs_details=True),
]


def types_fill() -> int:
    if AccommodationType.objects.exists():
        return 0
    # ignore_conflicts: two machines running setup at once add each kind once.
    AccommodationType.objects.bulk_create(
        [
            AccommodationType(
                label=kind.label,
                lead_days=kind.lead_days,
                description=kind.description,
                provided_by_default=kind.provided_by_default,
                needs_details=kind.needs_details,
                sends_materials=kind.sends_materials,
                interpreter_in_breakouts=kind.interpreter_in_breakouts,
                needs_team_over_an_hour=kind.needs_team_over_an_hour,
                order=index * 10,
            )
            for index, kind in enumerate(STARTING_TYPES)
        ],
        ignore_conflicts=True,
    )
    return AccommodationType.objects.count()

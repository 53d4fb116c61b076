from dm3p.accommodations.models import AccommodationType
from dm3p.core.demo import DemoOptions, demo_step_register

STARTING_TYPES = [
    # label, lead days, provided by default, needs details, description
    (
        "CART live captioning",
        7,
        True,
        False,
        "A person types everything said, live, into Zoom's captions in the main room.",
    ),
    (
        "Automatic captions",
        0,
        True,
        False,
        "Zoom's automatic captions, on in breakout rooms (where no captioner is working).",
    ),
    ("ASL interpretation", 14, False, False, "American Sign Language interpreters."),
    ("Other sign language", 14, False, True, "Tell us which sign language."),
    ("CART captions in my breakout room", 7, False, False, "A captioner in your small group too."),
    (
        "Slides or materials in advance",
        7,
        False,
        False,
        "The speaker's slides by e-mail before the gathering.",
    ),
    ("Large-print or screen-reader-friendly materials", 7, False, False, ""),
    ("Scheduled breaks", 7, False, False, ""),
    ("Something else", 7, False, True, "Describe what would help."),
]


@demo_step_register(50, "accommodation types")
def demo_types(demo: DemoOptions) -> None:
    for order, (label, days, default, details, description) in enumerate(STARTING_TYPES):
        AccommodationType.objects.get_or_create(
            label=label,
            defaults={
                "lead_days": days,
                "sends_materials": label.startswith(("Slides", "Large-print")),
                "interpreter_in_breakouts": "sign language" in label.lower()
                or label.startswith("ASL"),
                "provided_by_default": default,
                "needs_details": details,
                "description": description,
                "order": order * 10,
            },
        )

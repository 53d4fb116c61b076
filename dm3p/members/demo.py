"""Demo data for membership: applications in each state and generated profiles. The lists
they use are the site's defaults (dm3p/members/defaults.py)."""

import random

from django.utils import timezone

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now
from dm3p.core.hooks import DemoOptions
from dm3p.members.enums import ApplicationStatus, JoinsAs, TermKind
from dm3p.members.models import Application, CommunitySettings, Profile, Term
from dm3p.members.profile_fields import default_visibility


def _terms(kind: TermKind) -> dict[str, Term]:
    return {term.label: term for term in Term.objects.filter(kind=kind)}


def demo_membership(demo: DemoOptions) -> None:
    CommunitySettings.objects.get_or_create(
        pk=1,
        defaults={
            "discord_invite_url": "https://discord.example.org/invite/demo",
            "linkedin_group_url": "https://linkedin.example.org/groups/demo",
        },
    )
    professions, stages = _terms(TermKind.PROFESSION), _terms(TermKind.STAGE)
    applicant = User.objects.get(email="applicant@example.org")
    application, created = Application.objects.get_or_create(
        user=applicant,
        defaults={
            "status": ApplicationStatus.SUBMITTED,
            "pronouns": "they/them",
            "stage": stages["Health-professions student"],
            "specialty": "Undecided, leaning towards family medicine",
            "institution": "A state medical school",
            "joins_as": JoinsAs.DISABLED,
            "hopes_to_get": "Advice on asking for exam accommodations.",
            "hopes_to_give": "I know a lot about assistive technology for low vision.",
            "heard_about": "A classmate",
            "code_of_conduct_agreed_at": timezone.now(),
            "submitted_at": timezone.now(),
        },
    )
    if created:
        application.professions.set([professions["Physician"]])
    for number, status in enumerate(
        [ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO, ApplicationStatus.DRAFT], 1
    ):
        person, _ = User.objects.get_or_create(
            email=f"applicant{number}@example.org",
            defaults={
                "name": f"Demo Applicant {number}",
                "membership_status": MembershipStatus.APPLICANT,
            },
        )
        Application.objects.get_or_create(
            user=person,
            defaults={
                "status": status,
                "stage": stages["Resident or trainee"],
                "joins_as": JoinsAs.ALLY if number == 2 else JoinsAs.UNSAID,
                "hopes_to_get": "To meet peers.",
                "info_request": "Could you tell us which profession you train in?"
                if status == ApplicationStatus.MORE_INFO
                else "",
                "submitted_at": timezone.now() if status != ApplicationStatus.DRAFT else None,
            },
        )
    demo.say("Applications to review: sign in as organizer@example.org, then Applications.")


TIME_ZONES = [
    ("America/New_York", 30),
    ("America/Chicago", 20),
    ("America/Denver", 8),
    ("America/Los_Angeles", 18),
    ("America/Toronto", 6),
    ("America/Halifax", 2),
    ("America/Phoenix", 3),
    ("Pacific/Honolulu", 1),
    ("Europe/London", 4),
    ("Europe/Berlin", 2),
    ("Asia/Kolkata", 2),
    ("Australia/Sydney", 1),
]
REGIONS = {
    "America/New_York": ["Boston", "New York", "Philadelphia", "Atlanta", "Miami"],
    "America/Chicago": ["Chicago", "Houston", "Minneapolis", "St. Louis"],
    "America/Denver": ["Denver", "Salt Lake City"],
    "America/Los_Angeles": ["Los Angeles", "Seattle", "Portland", "San Francisco"],
    "America/Toronto": ["Toronto", "Ottawa"],
    "America/Halifax": ["Halifax"],
    "America/Phoenix": ["Phoenix", "Tucson"],
    "Pacific/Honolulu": ["Honolulu"],
    "Europe/London": ["London", "Manchester"],
    "Europe/Berlin": ["Berlin"],
    "Asia/Kolkata": ["Bengaluru"],
    "Australia/Sydney": ["Sydney"],
}
BIOS = [
    "Resident who uses a wheelchair; happy to talk about procedures and ergonomics.",
    "Nurse with type 1 diabetes, twelve years on night shifts.",
    "Deaf pharmacist; ASL user; ask me about interpreters at work.",
    "Medical student with ADHD working out exam accommodations.",
    "Physical therapist living with long COVID, back to part-time practice.",
    "Retired physician, ally, and parent of a disabled clinician.",
]


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in pairs], weights=[w for _, w in pairs])[0]


def _generated_profile(rng: random.Random, user: User, stages: list[Term]) -> Profile:
    zone = _weighted(rng, TIME_ZONES)
    visibility = default_visibility()
    if rng.random() < 0.3:
        visibility["region"] = "organizers"
    if rng.random() < 0.1:
        visibility["topics_offered"] = "only_me"
    evenings = [
        day * 24 + hour
        for day in rng.sample(range(7), k=rng.randint(1, 4))
        for hour in range(17, 22)
    ]
    return Profile(
        user=user,
        display_name=user.name,
        time_zone=zone,
        region=rng.choice(REGIONS[zone]),
        bio=rng.choice(BIOS),
        availability=sorted(evenings),
        visibility=visibility,
        stage=rng.choice(stages) if stages else None,
        specialty=rng.choice(
            [
                "",
                "Family medicine",
                "Pediatrics",
                "Psychiatry",
                "Surgery",
                "Emergency medicine",
                "Oncology",
                "Rehabilitation",
            ]
        ),
    )


def demo_profiles(demo: DemoOptions) -> None:
    rng = random.Random(31)  # noqa: S311 - demo data, not secrets
    terms = {kind: list(Term.objects.filter(kind=kind)) for kind in TermKind}
    # Popular topics come up more often, as they do in real cohorts.
    topic_weights = [1 / (rank + 1) for rank in range(len(terms[TermKind.TOPIC]))]
    people = members_now().filter(profile=None)
    profiles = Profile.objects.bulk_create(
        [_generated_profile(rng, user, terms[TermKind.STAGE]) for user in people], batch_size=500
    )
    through = {
        name: getattr(Profile, name).through
        for name in ("professions", "topics_offered", "topics_sought", "modes")
    }
    rows: dict[str, list[object]] = {name: [] for name in through}
    for profile in profiles:
        chosen = {
            "professions": rng.sample(terms[TermKind.PROFESSION], k=1),
            "topics_offered": set(rng.choices(terms[TermKind.TOPIC], topic_weights, k=3)),
            "topics_sought": set(rng.choices(terms[TermKind.TOPIC], topic_weights, k=2)),
            "modes": rng.sample(terms[TermKind.MODE], k=rng.randint(1, 2)),
        }
        for name, chosen_terms in chosen.items():
            rows[name].extend(
                through[name](profile_id=profile.pk, term_id=term.pk) for term in chosen_terms
            )
    for name, model in through.items():
        model.objects.bulk_create(rows[name], batch_size=2000)

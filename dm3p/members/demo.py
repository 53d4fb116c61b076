"""Demo data for membership: applications in each state and generated profiles. The lists
they use are the site's defaults (dm3p/members/defaults.py)."""

import random
from dataclasses import dataclass

from django.utils import timezone

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now
from dm3p.core.hooks import DemoOptions
from dm3p.members.enums import ApplicationStatus, JoinsAs, TermKind, YearsLived
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


@dataclass(frozen=True)
class Persona:
    """One kind of demo member, whose profession, specialty, lived experience and topics
    agree with each other."""

    profession: str
    specialty: str
    bio: str
    topics: tuple[str, ...]
    condition: str = ""  # a kind of disability or illness (TermKind.CONDITION); "" for allies
    lived_experience: str = ""
    years: str = ""


PERSONAS = [
    Persona(
        "Physician",
        "Physical medicine and rehabilitation",
        "Resident who uses a wheelchair; happy to talk about procedures and ergonomics.",
        (
            "Wheelchair users in procedural specialties",
            "Mobility disability and the clinical environment",
        ),
        "Mobility disability",
        "Spinal cord injury (T10) in my second year of medical school; I use a manual wheelchair.",
        YearsLived.FIVE_TO_TEN,
    ),
    Persona(
        "Physical therapist",
        "Neurologic rehabilitation",
        "Physical therapist with cerebral palsy; I use forearm crutches at work.",
        (
            "Mobility disability and the clinical environment",
            "Choosing a specialty with a disability",
        ),
        "Mobility disability",
        "Cerebral palsy; I walk with forearm crutches and use a scooter for long distances.",
        YearsLived.LIFELONG,
    ),
    Persona(
        "Nurse (RN)",
        "Intensive care",
        "ICU nurse with type 1 diabetes, twelve years on night shifts.",
        ("Chronic illness flares and scheduling", "Working with employee or occupational health"),
        "Chronic illness",
        "Type 1 diabetes since I was nine; I wear a pump and a glucose sensor on shift.",
        YearsLived.OVER_TWENTY,
    ),
    Persona(
        "Physician",
        "Emergency medicine",
        "Emergency physician with Crohn's disease; ask me about shift work and flares.",
        ("Chronic illness flares and scheduling", "Leave, part-time and flexible training"),
        "Chronic illness",
        "Crohn's disease, diagnosed in residency; two surgeries and now in remission.",
        YearsLived.FIVE_TO_TEN,
    ),
    Persona(
        "Pharmacist",
        "Hospital pharmacy",
        "Deaf pharmacist; ASL user; ask me about interpreters at work.",
        (
            "Deaf and hard-of-hearing clinicians (amplified stethoscopes, interpreters, masks)",
            "Requesting exam accommodations (licensing and board exams)",
        ),
        "Deaf or hard of hearing",
        "Deaf since birth; ASL is my first language and I use interpreters at work.",
        YearsLived.LIFELONG,
    ),
    Persona(
        "Nurse practitioner",
        "Family practice",
        "Nurse practitioner with a cochlear implant and an amplified stethoscope.",
        (
            "Deaf and hard-of-hearing clinicians (amplified stethoscopes, interpreters, masks)",
            "Patients' reactions and professional identity",
        ),
        "Deaf or hard of hearing",
        "Progressive hearing loss from my twenties; a cochlear implant since 2019.",
        YearsLived.TEN_TO_TWENTY,
    ),
    Persona(
        "Audiologist",
        "Pediatric audiology",
        "Hard-of-hearing audiologist working with children and their families.",
        ("Deaf and hard-of-hearing clinicians (amplified stethoscopes, interpreters, masks)",),
        "Deaf or hard of hearing",
        "Hard of hearing since childhood; I wear hearing aids and lip-read.",
        YearsLived.LIFELONG,
    ),
    Persona(
        "Occupational therapist",
        "Hand therapy",
        "Occupational therapist with low vision; I use a screen reader and magnification.",
        (
            "Blind and low-vision clinicians (screen readers, EHR access)",
            "Assistive technology and EHR accessibility",
        ),
        "Blind or low vision",
        "Retinitis pigmentosa; my central vision remains and I use a screen reader daily.",
        YearsLived.TEN_TO_TWENTY,
    ),
    Persona(
        "Physician",
        "Psychiatry",
        "Psychiatrist open about my own bipolar disorder; happy to talk about help-seeking.",
        (
            "Mental health and help-seeking in training",
            "Licensing and credentialing questions about health history",
        ),
        "Mental health condition",
        "Bipolar II disorder, diagnosed in medical school and well managed.",
        YearsLived.TEN_TO_TWENTY,
    ),
    Persona(
        "Psychologist",
        "Health psychology",
        "Psychologist living with depression and anxiety; I teach about help-seeking.",
        ("Mental health and help-seeking in training", "Teaching and curriculum on disability"),
        "Mental health condition",
        "Recurrent depression and generalized anxiety; therapy and medication help.",
        YearsLived.OVER_TWENTY,
    ),
    Persona(
        "Physician",
        "Pediatrics",
        "Pediatrics resident with ADHD working out exam accommodations.",
        (
            "ADHD and learning disabilities in training",
            "Requesting exam accommodations (licensing and board exams)",
        ),
        "Neurodivergence (ADHD, autism)",
        "ADHD, diagnosed in my first year of medical school.",
        YearsLived.ONE_TO_FIVE,
    ),
    Persona(
        "Speech-language pathologist",
        "Pediatric language disorders",
        "Autistic speech-language pathologist; I like clear agendas and text chat.",
        ("Autism in medicine", "Disclosing a disability in applications and interviews"),
        "Neurodivergence (ADHD, autism)",
        "Autistic, diagnosed as an adult; I plan my days around sensory load.",
        YearsLived.ONE_TO_FIVE,
    ),
    Persona(
        "Physician assistant / associate",
        "Orthopedics",
        "Physician assistant with dyslexia; text-to-speech got me through school.",
        (
            "ADHD and learning disabilities in training",
            "Assistive technology and EHR accessibility",
        ),
        "Learning disability",
        "Dyslexia; I use text-to-speech and extra time for written exams.",
        YearsLived.LIFELONG,
    ),
    Persona(
        "Physical therapist",
        "Outpatient orthopedics",
        "Physical therapist living with long COVID, back to part-time practice.",
        ("Fatigue and energy management", "Returning to work after illness or injury"),
        "Chronic pain or fatigue",
        "Long COVID since 2021: fatigue that comes back if I overdo a day.",
        YearsLived.ONE_TO_FIVE,
    ),
    Persona(
        "Dietitian",
        "Clinical nutrition",
        "Dietitian with fibromyalgia; ask me about pacing and part-time work.",
        ("Fatigue and energy management", "Leave, part-time and flexible training"),
        "Chronic pain or fatigue",
        "Fibromyalgia; pain and fatigue that I manage by pacing my week.",
        YearsLived.FIVE_TO_TEN,
    ),
    Persona(
        "Physician",
        "Family medicine",
        "Retired family physician, ally, and parent of a disabled clinician.",
        ("Being an ally", "Finding disabled role models"),
    ),
    Persona(
        "Healthcare administrator",
        "Graduate medical education",
        "Residency program administrator and ally; I help programs plan accommodations.",
        ("Being an ally", "Accommodations in residency and fellowship (call, duty hours, leave)"),
    ),
]


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in pairs], weights=[w for _, w in pairs])[0]


def _generated_profile(
    rng: random.Random, user: User, stages: list[Term]
) -> tuple[Profile, Persona]:
    zone = _weighted(rng, TIME_ZONES)
    persona = rng.choice(PERSONAS)
    visibility = default_visibility()
    if rng.random() < 0.3:
        visibility["region"] = "organizers"
    if rng.random() < 0.1:
        visibility["topics_offered"] = "only_me"
    # Most who live with a disability let members find them by it; some keep it private.
    if persona.condition and rng.random() < 0.7:
        visibility["lived_experience_categories"] = "members"
        if rng.random() < 0.5:
            visibility["lived_experience"] = "members"
    evenings = [
        day * 24 + hour
        for day in rng.sample(range(7), k=rng.randint(1, 4))
        for hour in range(17, 22)
    ]
    profile = Profile(
        user=user,
        display_name=user.name,
        pronouns=rng.choice(["she/her", "he/him", "they/them", "she/they", ""]),
        time_zone=zone,
        region=rng.choice(REGIONS[zone]),
        bio=persona.bio,
        availability=sorted(evenings),
        visibility=visibility,
        stage=rng.choice(stages) if stages else None,
        specialty=persona.specialty,
    )
    if persona.condition:
        profile.health_consent_at = timezone.now()
        profile.lived_experience = persona.lived_experience
        profile.lived_experience_years = persona.years
    return profile, persona


def persona_of(profile: Profile) -> Persona | None:
    """The persona a demo profile was made from (by its bio, which is the persona's own)."""
    return next((persona for persona in PERSONAS if persona.bio == profile.bio), None)


def demo_profiles(demo: DemoOptions) -> None:
    rng = random.Random(31)  # noqa: S311 - demo data, not secrets
    terms = {kind: list(Term.objects.filter(kind=kind)) for kind in TermKind}
    labelled = {kind: {term.label: term for term in terms[kind]} for kind in TermKind}
    # Popular topics come up more often, as they do in real cohorts.
    topic_weights = [1 / (rank + 1) for rank in range(len(terms[TermKind.TOPIC]))]
    people = members_now().filter(profile=None)
    made = [_generated_profile(rng, user, terms[TermKind.STAGE]) for user in people]
    profiles = Profile.objects.bulk_create([profile for profile, _ in made], batch_size=500)
    through = {
        name: getattr(Profile, name).through
        for name in (
            "professions",
            "topics_offered",
            "topics_sought",
            "modes",
            "lived_experience_categories",
        )
    }
    rows: dict[str, list[object]] = {name: [] for name in through}
    for profile, (_, persona) in zip(profiles, made, strict=True):
        own_topics = [
            labelled[TermKind.TOPIC][label]
            for label in persona.topics
            if label in labelled[TermKind.TOPIC]
        ]
        chosen = {
            "professions": [labelled[TermKind.PROFESSION].get(persona.profession)],
            "topics_offered": {
                *own_topics,
                *rng.choices(terms[TermKind.TOPIC], topic_weights, k=1),
            },
            "topics_sought": set(rng.choices(terms[TermKind.TOPIC], topic_weights, k=2)),
            "modes": rng.sample(terms[TermKind.MODE], k=rng.randint(1, 2)),
            "lived_experience_categories": [labelled[TermKind.CONDITION].get(persona.condition)],
        }
        for name, chosen_terms in chosen.items():
            rows[name].extend(
                through[name](profile_id=profile.pk, term_id=term.pk)
                for term in chosen_terms
                if term is not None
            )
    for name, model in through.items():
        model.objects.bulk_create(rows[name], batch_size=2000)

"""Demo data for membership: the starting lists, and applications in each state."""

from django.utils import timezone

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.core.demo import DemoOptions, demo_step_register
from dm3p.members.enums import ApplicationStatus, JoinsAs, TermKind
from dm3p.members.models import Application, CommunitySettings, Term

STARTING_TERMS = {
    TermKind.PROFESSION: [
        "Physician",
        "Physician assistant / associate",
        "Nurse (RN)",
        "Nurse practitioner",
        "Licensed practical nurse",
        "Midwife",
        "Pharmacist",
        "Dentist",
        "Dental hygienist",
        "Psychologist",
        "Social worker",
        "Counselor / therapist",
        "Physical therapist",
        "Occupational therapist",
        "Speech-language pathologist",
        "Audiologist",
        "Respiratory therapist",
        "Paramedic / EMT",
        "Optometrist",
        "Podiatrist",
        "Dietitian",
        "Medical laboratory scientist",
        "Radiologic technologist",
        "Genetic counselor",
        "Public health professional",
        "Health researcher",
        "Healthcare administrator",
        "Chaplain",
        "Other",
    ],
    TermKind.STAGE: [
        "Pre-health student",
        "Health-professions student",
        "Resident or trainee",
        "Fellow",
        "Early career (under 10 years in practice)",
        "Mid career",
        "Late career",
        "Former or retired",
        "Between roles",
    ],
    TermKind.TOPIC: [
        "Requesting exam accommodations (licensing and board exams)",
        "Technical standards and admissions",
        "Disclosing a disability in applications and interviews",
        "Accommodations in clinical rotations",
        "Accommodations in residency and fellowship (call, duty hours, leave)",
        "Working with employee or occupational health",
        "The ADA and legal rights at work",
        "Licensing and credentialing questions about health history",
        "Chronic illness flares and scheduling",
        "Fatigue and energy management",
        "Mobility disability and the clinical environment",
        "Wheelchair users in procedural specialties",
        "Deaf and hard-of-hearing clinicians",
        "Blind and low-vision clinicians",
        "ADHD and learning disabilities in training",
        "Autism in medicine",
        "Mental health and help-seeking in training",
        "Returning to work after illness or injury",
        "Choosing a specialty with a disability",
        "Leave, part-time and flexible training",
        "Disability insurance and finances",
        "Assistive technology and EHR accessibility",
        "Patients' reactions and professional identity",
        "Finding disabled role models",
        "Being an ally",
        "Research on disability in medicine",
        "Advocacy, policy and institutional change",
        "Teaching and curriculum on disability",
        "Parenting with a disability",
        "Leadership and promotion",
    ],
    TermKind.MODE: ["Spoken English", "ASL", "Text chat", "Camera off", "Other language"],
}


def _terms(kind: TermKind) -> dict[str, Term]:
    return {term.label: term for term in Term.objects.filter(kind=kind)}


@demo_step_register(30, "membership lists and applications")
def demo_membership(demo: DemoOptions) -> None:
    for kind, labels in STARTING_TERMS.items():
        existing = set(Term.objects.filter(kind=kind).values_list("label", flat=True))
        Term.objects.bulk_create(
            [
                Term(kind=kind, label=label, order=(index + 1) * 10)
                for index, label in enumerate(labels)
                if label not in existing
            ]
        )
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

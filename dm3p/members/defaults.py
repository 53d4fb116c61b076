"""The lists a new site starts with, from the program's starting vocabulary. Organizers edit
them under Staff → Lists; ``manage.py setup`` (and the demo) add them to a list only while it
is empty (see dm3p.core.defaults)."""

from dm3p.members.enums import TermKind
from dm3p.members.models import Term

STARTING_TERMS: dict[TermKind, list[str]] = {
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
        "Deaf and hard-of-hearing clinicians (amplified stethoscopes, interpreters, masks)",
        "Blind and low-vision clinicians (screen readers, EHR access)",
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
    TermKind.CONDITION: [
        "Chronic illness",
        "Mobility disability",
        "Deaf or hard of hearing",
        "Blind or low vision",
        "Mental health condition",
        "Neurodivergence (ADHD, autism)",
        "Learning disability",
        "Chronic pain or fatigue",
        "Other",
    ],
}


def terms_fill(kind: TermKind) -> int:
    if Term.objects.filter(kind=kind).exists():
        return 0
    # ignore_conflicts: two machines running setup at once add each entry once.
    Term.objects.bulk_create(
        [
            Term(kind=kind, label=label, order=(index + 1) * 10)
            for index, label in enumerate(STARTING_TERMS[kind])
        ],
        ignore_conflicts=True,
    )
    return Term.objects.filter(kind=kind).count()

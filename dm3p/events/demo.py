"""Demo gatherings: a monthly series, each month with its own topic and speaker, and one
past gathering with its recording and slides for the archive."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now_q
from dm3p.core.hooks import DemoOptions
from dm3p.events.enums import (
    EventVisibility,
    ResourceAudience,
    ResourceKind,
    RsvpAnswer,
    SegmentKind,
)
from dm3p.events.models import AgendaSegment, Event, EventResource, EventSeries, Rsvp, Speaker
from dm3p.events.services import SeriesAnswers, series_create

FORMAT = (
    "A guest speaker, discussion in the whole group and in small groups, and time to talk. "
    "Live captions (CART) in the main room."
)

# Each month's topic: (title, what it is about, speaker, speaker's bio).
TOPICS = [
    (
        "Disclosure on the wards",
        "When, how and whether to tell supervisors and colleagues about a disability, and "
        "what the law protects.",
        "Dr. Jordan Reyes",
        "Emergency physician and wheelchair user.",
    ),
    (
        "Accommodations for licensing exams",
        "Extra time, breaks, screen readers and separate rooms: asking boards for what you "
        "need, and what to do when they say no.",
        "Priya Natarajan, JD",
        "Disability-rights lawyer who has argued exam accommodation appeals.",
    ),
    (
        "Night shifts and chronic illness",
        "Scheduling, fatigue and negotiating rotas when your body keeps its own hours.",
        "Dr. Sam Okafor",
        "Internist living with type 1 diabetes.",
    ),
    (
        "Deaf and hard of hearing in clinical teams",
        "Interpreters at the bedside, clear masks, stethoscopes that amplify, and teams that "
        "make it work.",
        "Dr. Alex Morgan",
        "Deaf family physician and ASL user.",
    ),
    (
        "Mental health in training",
        "Getting care without putting a career at risk, and what programs can change.",
        "Dr. Lee Chen",
        "Psychiatrist and residency program director.",
    ),
    (
        "Blind and low-vision clinicians",
        "Assistive technology in the electronic record, and the specialties that suit it.",
        "Dr. Maria Gonzalez",
        "Radiation oncologist who is blind.",
    ),
    (
        "Returning to work after a long absence",
        "Phased returns, refresher training and telling your story on your terms.",
        "Dr. Fatima Haddad",
        "Occupational health physician.",
    ),
    (
        "Neurodivergent in medicine",
        "ADHD, autism and dyslexia in training and practice: strengths, supports and notes.",
        "Dr. Rowan Price",
        "Pediatrician with ADHD and dyslexia.",
    ),
    (
        "Applying to residency with a disability",
        "Personal statements, interviews and what programs may and may not ask.",
        "Dr. Noor Aziz",
        "Associate dean for admissions.",
    ),
    (
        "Ergonomics in surgery and procedures",
        "Adapting the operating room and procedure rooms to the clinician.",
        "Dr. Chris Walker",
        "Orthopedic surgeon with a limb difference.",
    ),
    (
        "Mentoring across disabilities",
        "What makes a mentoring relationship work when needs differ.",
        "Dr. Aisha Bello",
        "Nurse practitioner and mentorship researcher.",
    ),
    (
        "A year of the program: what we learned",
        "Members look back on the year and choose next year's topics.",
        "The organizers",
        "Members who run the program.",
    ),
]


def _programme(event: Event, speaker: str, bio: str) -> None:
    for order, (kind, minutes) in enumerate(
        [
            (SegmentKind.SPEAKER, 30),
            (SegmentKind.LARGE_GROUP, 20),
            (SegmentKind.BREAKOUTS, 25),
            (SegmentKind.SOCIAL, 15),
        ]
    ):
        AgendaSegment.objects.create(event=event, kind=kind, minutes=minutes, order=order)
    Speaker.objects.create(event=event, name=speaker, bio=bio)


def _answers(event: Event) -> None:
    """Answers to the next gathering, so organizers' counts have something to count: the
    demo member and ally are coming, and so are most of the first generated members."""
    people = list(
        User.objects.filter(members_now_q(), is_organizer=False, is_coordinator=False).order_by(
            "pk"
        )[:22]
    )
    answers = [RsvpAnswer.GOING] * 16 + [RsvpAnswer.MAYBE] * 4 + [RsvpAnswer.CANT] * 2
    Rsvp.objects.bulk_create(
        Rsvp(event=event, member=person, answer=answer, answered_at=timezone.now())
        for person, answer in zip(people, answers, strict=False)
    )


def demo_events(demo: DemoOptions) -> None:
    if EventSeries.objects.exists():
        return
    organizer = User.objects.get(email="organizer@example.org")
    series = series_create(
        actor=organizer,
        answers=SeriesAnswers(
            title="Monthly gathering",
            description=FORMAT,
            week_of_month=2,
            weekday=1,
            start_time=dt.time(19, 0),
            time_zone="America/New_York",
            duration_minutes=90,
            visibility=EventVisibility.PUBLIC,
            capacity=100,
        ),
        first_month=timezone.localdate(),
        months=12,
    )
    for number, event in enumerate(series.events.order_by("starts_at")):
        title, topic, speaker, bio = TOPICS[number % len(TOPICS)]
        event.title = title
        event.description = f"{topic}\n\n{FORMAT}"
        if number == 0:
            event.meeting_url = "https://zoom.example.org/j/123456789"
            event.meeting_id = "123 456 789"
            event.meeting_passcode = "demo-passcode"
        event.save()
        if number == 0:
            _answers(event)
        _programme(event, speaker, bio)
    start = dt.datetime(2026, 10, 13, 19, 0, tzinfo=ZoneInfo("America/New_York"))
    past = Event.objects.create(
        title="Disclosure in residency interviews",
        description="Whether to mention a disability in interviews, and how programs "
        f"respond.\n\n{FORMAT}",
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=90),
        time_zone="America/New_York",
        is_recorded=True,
    )
    _programme(past, "Dr. Taylor Brooks", "Residency program director and stroke survivor.")
    EventResource.objects.create(
        event=past,
        kind=ResourceKind.RECORDING,
        title="Recording of the main room",
        url="https://video.example.org/disclosure-in-interviews",
        audience=ResourceAudience.MEMBERS,
        has_captions=True,
        has_transcript=True,
    )
    EventResource.objects.create(
        event=past,
        kind=ResourceKind.SLIDES,
        title="Slides: disclosure in interviews",
        url="https://slides.example.org/disclosure-in-interviews",
        audience=ResourceAudience.PUBLIC,
    )

"""Generate a synthetic matching cohort with realistic spreads, as JSON on stdout.

    python -m bench.generate_cohort --members 500 --seed 1 > cohort.json

Members live mostly across North America, some beyond; each gives local evening, lunch,
early-morning or weekend availability, converted to UTC hours of the week (0 = Monday 00:00
UTC) with the standard-time offset of a round starting in early March. Topics are skewed:
a few are sought by many, many by few. A few members use ASL, some have avoid entries, and a
third were in circles last round.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")

# (zone, UTC offset in hours at the round's start, share of members)
TIME_ZONES: tuple[tuple[str, float, float], ...] = (
    ("Pacific/Honolulu", -10, 1),
    ("America/Anchorage", -9, 1),
    ("America/Los_Angeles", -8, 14),
    ("America/Denver", -7, 6),
    ("America/Chicago", -6, 15),
    ("America/Mexico_City", -6, 2),
    ("America/New_York", -5, 30),
    ("America/Toronto", -5, 6),
    ("America/Halifax", -4, 2),
    ("America/St_Johns", -3.5, 1),
    ("Europe/London", 0, 6),
    ("Europe/Berlin", 1, 4),
    ("Africa/Nairobi", 3, 2),
    ("Asia/Kolkata", 5.5, 3),
    ("Australia/Sydney", 11, 3),
    ("Pacific/Auckland", 13, 1),
)

STAGES: tuple[tuple[str, float], ...] = (
    ("pre-health-student", 8),
    ("health-professions-student", 22),
    ("resident-or-trainee", 15),
    ("fellow", 6),
    ("early-career", 20),
    ("mid-career", 15),
    ("late-career", 7),
    ("former-or-retired", 3),
    ("between-roles", 4),
)
STUDENT_STAGES = frozenset({"pre-health-student", "health-professions-student"})
SENIOR_STAGES = frozenset({"mid-career", "late-career", "former-or-retired"})

PROFESSIONS: tuple[tuple[str, float], ...] = (
    ("physician", 34),
    ("physician-assistant", 5),
    ("nurse-rn", 12),
    ("nurse-practitioner", 4),
    ("licensed-practical-nurse", 1),
    ("midwife", 1),
    ("pharmacist", 4),
    ("dentist", 2),
    ("dental-hygienist", 1),
    ("psychologist", 3),
    ("social-worker", 4),
    ("counselor-therapist", 2),
    ("physical-therapist", 4),
    ("occupational-therapist", 4),
    ("speech-language-pathologist", 3),
    ("audiologist", 1),
    ("respiratory-therapist", 1),
    ("paramedic-emt", 2),
    ("optometrist", 1),
    ("podiatrist", 0.5),
    ("dietitian", 1),
    ("medical-laboratory-scientist", 1),
    ("radiologic-technologist", 1),
    ("genetic-counselor", 1),
    ("public-health-professional", 4),
    ("health-researcher", 4),
    ("healthcare-administrator", 2),
    ("chaplain", 0.5),
    ("other", 2),
)

# Training-related topics first: students seek them more, seniors offer them more.
TOPICS: tuple[str, ...] = (
    "exam-accommodations",
    "technical-standards-and-admissions",
    "disclosure-in-applications-and-interviews",
    "accommodations-in-clinical-rotations",
    "accommodations-in-residency-and-fellowship",
    "adhd-and-learning-disabilities-in-training",
    "mental-health-and-help-seeking-in-training",
    "choosing-a-specialty-with-a-disability",
    "employee-and-occupational-health",
    "ada-and-legal-rights-at-work",
    "licensing-and-credentialing-health-history",
    "chronic-illness-flares-and-scheduling",
    "fatigue-and-energy-management",
    "mobility-disability-in-the-clinical-environment",
    "wheelchair-users-in-procedural-specialties",
    "deaf-and-hard-of-hearing-clinicians",
    "blind-and-low-vision-clinicians",
    "autism-in-medicine",
    "returning-to-work-after-illness-or-injury",
    "leave-part-time-and-flexible-training",
    "disability-insurance-and-finances",
    "assistive-technology-and-ehr-accessibility",
    "patients-reactions-and-professional-identity",
    "finding-disabled-role-models",
    "being-an-ally",
    "research-on-disability-in-medicine",
    "advocacy-policy-and-institutional-change",
    "teaching-and-curriculum-on-disability",
    "parenting-with-a-disability",
    "leadership-and-promotion",
)
TRAINING_TOPICS = 8

# Local (first day, last day, first hour, last hour) windows; days 0 = Monday.
WINDOWS: tuple[tuple[str, tuple[int, int, int, int], float], ...] = (
    ("weekday-evenings", (0, 4, 18, 21), 45),
    ("weekday-late-evenings", (0, 4, 20, 22), 10),
    ("weekday-lunch", (0, 4, 12, 13), 12),
    ("weekday-early-mornings", (0, 4, 6, 7), 6),
    ("saturday-daytime", (5, 5, 9, 17), 15),
    ("sunday-daytime", (6, 6, 10, 18), 15),
    ("weekend-evenings", (5, 6, 17, 20), 8),
)


def _pick[T](rng: random.Random, weighted: Sequence[tuple[T, float]]) -> T:
    return rng.choices([item for item, _ in weighted], [w for _, w in weighted])[0]


def _local_window_hours(rng: random.Random, window: tuple[int, int, int, int]) -> list[int]:
    first_day, last_day, first_hour, last_hour = window
    days = list(range(first_day, last_day + 1))
    # People rarely offer every day of a window: keep a random subset of days and hours.
    chosen_days = sorted(rng.sample(days, k=rng.randint(max(1, len(days) // 2), len(days))))
    start = rng.randint(first_hour, last_hour)
    stop = rng.randint(start, last_hour)
    return [day * 24 + hour for day in chosen_days for hour in range(start, stop + 1)]


def _utc_slots(local_hours: list[int], offset: float) -> list[int]:
    # A meeting starting at local hour h starts at UTC h - offset; in half-hour zones that
    # falls inside the UTC hour h - offset rounded down.
    return sorted({math.floor(hour - offset) % 168 for hour in local_hours})


def _slots(rng: random.Random, stage: str, offset: float) -> list[int] | None:
    roll = rng.random()
    if roll < 0.03:
        return None
    if roll < 0.05:
        return [rng.randrange(168)]
    window_count = 1 if stage in {"resident-or-trainee", "fellow"} else rng.choice((1, 2, 2, 3))
    names = [name for name, _, _ in WINDOWS]
    weights = [weight for _, _, weight in WINDOWS]
    local: list[int] = []
    for name in sorted(set(rng.choices(names, weights, k=window_count))):
        local += _local_window_hours(rng, next(w for n, w, _ in WINDOWS if n == name))
    return _utc_slots(local, offset)


def _topics(rng: random.Random, count: int, boost_training: bool, skew: float) -> list[str]:
    weights = []
    for rank, _topic in enumerate(TOPICS):
        weight = 1 / (rank + 1) ** skew
        if boost_training and rank < TRAINING_TOPICS:
            weight *= 3
        weights.append(weight)
    chosen: list[str] = []
    while len(chosen) < count:
        topic = rng.choices(TOPICS, weights)[0]
        if topic not in chosen:
            chosen.append(topic)
    return chosen


def _modes(rng: random.Random) -> list[str] | None:
    roll = rng.random()
    if roll < 0.08:
        return None
    if roll < 0.11:
        return ["asl"] if rng.random() < 0.4 else ["asl", "text-chat"]
    if roll < 0.13:
        return ["other-language", "text-chat"]
    modes = ["spoken-english"]
    if rng.random() < 0.7:
        modes.append("text-chat")
    if rng.random() < 0.25:
        modes.append("camera-off")
    return modes


def _member(
    rng: random.Random, number: int, zones: Sequence[tuple[float, float]]
) -> dict[str, Any]:
    stage = _pick(rng, STAGES)
    zone_offset = _pick(rng, zones)
    student = stage in STUDENT_STAGES
    offer_count = rng.randint(0, 2) if student else rng.randint(1, 4)
    if stage in SENIOR_STAGES:
        offer_count += 1
    member: dict[str, Any] = {
        "id": f"m{number:05d}",
        "stage": stage,
        "profession": _pick(rng, PROFESSIONS),
        # Seeks are skewed towards a few popular topics; offers are spread more evenly.
        "offers": _topics(rng, offer_count, boost_training=not student, skew=0.5),
        "seeks": _topics(rng, rng.randint(1, 4), boost_training=student, skew=1.0),
        "slots": _slots(rng, stage, zone_offset),
        "modes": _modes(rng),
        "avoid": [],
        "past_groupmates": [],
        "profession_preference": "similar" if rng.random() < 0.15 else "mixed",
    }
    return member


def _add_avoid_pairs(rng: random.Random, members: list[dict[str, Any]]) -> None:
    by_profession: dict[str, list[str]] = {}
    for member in members:
        by_profession.setdefault(member["profession"], []).append(member["id"])
    for member in members:
        if rng.random() < 0.015:
            colleagues = [i for i in by_profession[member["profession"]] if i != member["id"]]
            if colleagues:
                member["avoid"].append(rng.choice(colleagues))
        if rng.random() < 0.003:
            member["avoid"].append("m-not-in-this-round")


def _add_past_circles(rng: random.Random, members: list[dict[str, Any]]) -> None:
    returning = [member for member in members if rng.random() < 0.35]
    rng.shuffle(returning)
    for start in range(0, len(returning), 5):
        circle = returning[start : start + 5]
        # Someone from last round's circle who did not come back this time.
        absent = f"m-past-{start // 5}"
        for member in circle:
            others = [other["id"] for other in circle if other is not member]
            member["past_groupmates"] = [*others, absent]


def generate_cohort(
    members: int,
    *,
    seed: int = 0,
    min_size: int = 4,
    max_size: int = 6,
    time_limit_s: float = 120,
    single_region: bool = False,
) -> dict[str, Any]:
    """`single_region` keeps everyone in the North American Eastern and Central zones, for
    small dense cohorts."""
    rng = random.Random(seed)
    zones = [(offset, share) for _, offset, share in TIME_ZONES]
    if single_region:
        zones = [(offset, share) for offset, share in zones if offset in (-5, -6)]
    people = [_member(rng, number, zones) for number in range(members)]
    _add_avoid_pairs(rng, people)
    _add_past_circles(rng, people)
    return {
        "group_size": {"min": min_size, "max": max_size},
        "time_limit_s": time_limit_s,
        "seed": seed,
        "members": people,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--min", type=int, default=4, dest="min_size")
    parser.add_argument("--max", type=int, default=6, dest="max_size")
    parser.add_argument("--time-limit", type=float, default=120)
    parser.add_argument("--single-region", action="store_true")
    args = parser.parse_args(argv)
    cohort = generate_cohort(
        args.members,
        seed=args.seed,
        min_size=args.min_size,
        max_size=args.max_size,
        time_limit_s=args.time_limit,
        single_region=args.single_region,
    )
    json.dump(cohort, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

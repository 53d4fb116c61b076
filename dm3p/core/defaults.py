"""What a new site starts with: each app registers the lists and pages it fills.

``manage.py setup`` runs every step (and ``manage.py demo`` runs them before its demo data).
A step fills its list only while the list is empty and returns how many entries it added:
once a list has anything in it, it belongs to the organizers, and running setup again
changes nothing, even after they rename, hide or delete the starting entries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction


@dataclass(frozen=True)
class DefaultsStep:
    order: int
    name: str
    fill: Callable[[], int]


_steps: dict[str, DefaultsStep] = {}


def defaults_register(*, order: int, name: str, fill: Callable[[], int]) -> None:
    _steps.setdefault(name, DefaultsStep(order, name, fill))


def defaults_steps() -> list[DefaultsStep]:
    return sorted(_steps.values(), key=lambda step: (step.order, step.name))


def defaults_fill() -> list[tuple[str, int]]:
    """Run every step, each in its own transaction; say how many entries each one added."""
    added = []
    for step in defaults_steps():
        with transaction.atomic():
            added.append((step.name, step.fill()))
    return added

"""What a new site starts with: each app adds the lists and pages it fills to the
``DEFAULTS_STEPS`` hook (``dm3p.core.hooks``).

``manage.py setup`` runs every step (and ``manage.py demo`` runs them before its demo data).
A step fills its list only while the list is empty and returns how many entries it added:
once a list has anything in it, it belongs to the organizers, and running setup again
changes nothing, even after they rename, hide or delete the starting entries.
"""

from django.db import transaction

from dm3p.core.hooks import DEFAULTS_STEPS, DefaultsStep


def defaults_steps_in_order() -> list[DefaultsStep]:
    return sorted(DEFAULTS_STEPS, key=lambda step: (step.order, step.name))


def defaults_fill() -> list[tuple[str, int]]:
    """Run every step, each in its own transaction; say how many entries each one added."""
    added = []
    for step in defaults_steps_in_order():
        with transaction.atomic():
            added.append((step.name, step.fill()))
    return added

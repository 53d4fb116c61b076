"""Demo data: each app adds its steps to the ``DEMO_STEPS`` hook (``dm3p.core.hooks``);
``manage.py demo`` runs them in order."""

from dm3p.core.hooks import DEMO_STEPS, DemoStep


def demo_steps_in_order() -> list[DemoStep]:
    return sorted(DEMO_STEPS, key=lambda step: (step.order, step.name))

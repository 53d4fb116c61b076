"""Demo data: each app adds its steps to the ``demo_steps`` hook (``dm3p.core.hooks``);
``manage.py demo`` runs them in order."""

from dm3p.core.hooks import DemoStep, demo_steps


def demo_steps_in_order() -> list[DemoStep]:
    return sorted(demo_steps, key=lambda step: (step.order, step.name))

"""Demo data: each app adds its steps to the ``demo_steps`` hook (``dm3p.core.hooks``);
``manage.py demo`` runs them in order."""

from collections.abc import Callable

from dm3p.core.hooks import DemoOptions, DemoStep, demo_steps

__all__ = ["DemoOptions", "DemoStep", "demo_step_register", "demo_steps_in_order"]


def demo_steps_in_order() -> list[DemoStep]:
    return sorted(demo_steps, key=lambda step: (step.order, step.name))


def demo_step_register(
    order: int, name: str
) -> Callable[[Callable[[DemoOptions], None]], Callable[[DemoOptions], None]]:
    """Kept until members and circles register on the ``demo_steps`` hook themselves."""

    def decorator(run: Callable[[DemoOptions], None]) -> Callable[[DemoOptions], None]:
        demo_steps.register(DemoStep(order=order, name=name, run=run))
        return run

    return decorator

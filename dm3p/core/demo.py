"""Demo data: each app registers a step; ``manage.py demo`` runs them in order.

Steps must be safe to run again: they update what exists instead of duplicating it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class DemoOptions:
    password: str
    members: int = 0
    report: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.report.append(line)


DemoStep = Callable[[DemoOptions], None]

_steps: list[tuple[int, str, DemoStep]] = []


def demo_step_register(order: int, name: str) -> Callable[[DemoStep], DemoStep]:
    def decorator(step: DemoStep) -> DemoStep:
        if all(existing != name for _, existing, _ in _steps):
            _steps.append((order, name, step))
        return step

    return decorator


def demo_steps() -> list[tuple[str, DemoStep]]:
    return [(name, step) for _, name, step in sorted(_steps, key=lambda item: (item[0], item[1]))]

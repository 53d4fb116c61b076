"""How circles' services say no (each a ServiceRefusal: its message is for people)."""

from dm3p.core.refusals import ServiceRefusal


class RoundClosed(ServiceRefusal):
    """Sign-up (or the round itself) is over, so the change can't be made."""


class CircleChangeRefused(ServiceRefusal):
    """The circles can't be changed that way now: published, matching running, locked, a
    constraint applies, or the person isn't one of the circle's people."""


class PublishRefused(ServiceRefusal):
    """Some draft circles break a hard rule; ``problems`` says which, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("Not published yet: " + "; ".join(problems))
        self.problems = problems


class ZoomFileRefused(ServiceRefusal):
    """Zoom's pre-assignment file can't be made (or rooms can't be assigned for Zoom)."""


class TooBigForZoom(ZoomFileRefused):
    pass


class FormulaInZoomFile(ZoomFileRefused):
    pass


class BreakoutMoveRefused(ServiceRefusal):
    """Someone can't be moved to that breakout room: it is full, they have no room yet, or a
    constraint applies (which one is never said: it may be a need for interpretation)."""

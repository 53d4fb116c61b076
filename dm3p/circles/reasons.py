"""Why someone was left out of every circle, as organizers and the member may read it.

The engine's reasons are plain language, but two of them speak of avoid lists; those are
private, so organizers read only that a constraint applies, and the member's own data
export says no more than that they weren't placed.
"""

from dm3p.circles.matching import reasons as engine

TAKEN_OUT = "Taken out of the circles by an organizer"
CONSTRAINT = "A constraint applies: no circle fits them"
FULL_OR_CONSTRAINT = (
    "The circles they could join are full or a constraint applies, and too few compatible "
    "members are left to form another"
)
NOT_PLACED = "Not placed in a circle"

_FOR_ORGANIZERS = {engine.ALL_AVOIDED: CONSTRAINT, engine.CIRCLES_FULL: FULL_OR_CONSTRAINT}


def reason_for_organizers(engine_reason: str) -> str:
    return _FOR_ORGANIZERS.get(engine_reason, engine_reason)


def reason_for_the_member(stored: str) -> str:
    return NOT_PLACED if stored in {CONSTRAINT, FULL_OR_CONSTRAINT} else stored

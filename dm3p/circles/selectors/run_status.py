"""How a matching run is going, in plain words with a guess at the time left, and whether it
has taken so long that its worker has surely stopped (organizers may then run it again; the
stopped run, if it ever finishes, changes nothing: its run number is out of date)."""

import datetime as dt
import math
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import ngettext

from dm3p.circles.enums import RunPhase, RunStatus
from dm3p.circles.models import MatchingRound

START_USUALLY = dt.timedelta(minutes=1)
"""A queued run usually starts within this."""
START_STALLED = dt.timedelta(minutes=5)
"""A run still waiting to start after this is taking longer than usual."""
RUN_MARGIN = dt.timedelta(minutes=2)
"""A run still going this long after the engine's time limit is taking longer than usual."""
FEWEST_PERCENT_TO_GUESS = 5
"""Below this, the progress so far says too little to guess from: the time limit is used."""

_PHASE_WORDS = {
    RunPhase.STARTING: "Getting ready",
    RunPhase.FORMING_FIRST_CIRCLES: "Forming the first circles",
    RunPhase.PLACING_EVERYONE: "Finding a place for everyone",
    RunPhase.SEARCHING_BEST_POSSIBLE: "Looking for the best circles it can",
    RunPhase.FINE_TUNING: "Fine-tuning the circles",
    RunPhase.FINAL_POLISH: "Final checks",
}


@dataclass(frozen=True)
class RunWords:
    doing: str  # "Matching is running: fine-tuning the circles."
    time_left: str  # "About 2 minutes left." ("" when not running)
    slow: bool  # taking longer than usual: organizers may run it again


def _limit() -> dt.timedelta:
    return dt.timedelta(seconds=settings.CIRCLES_MATCH_TIME_LIMIT_S)


def run_stalled(round: MatchingRound, now: dt.datetime) -> bool:
    """A queued or running run that has taken far longer than any run does."""
    if not round.run_pending:
        return False
    if round.run_started_at is None:
        return False
    elapsed = now - round.run_started_at
    if round.run_status == RunStatus.QUEUED:
        return elapsed > START_STALLED
    return elapsed > START_STALLED + _limit() + RUN_MARGIN


def _minutes(left: dt.timedelta, *, at_most: bool = False) -> str:
    if left <= dt.timedelta(minutes=1):
        return "Less than a minute left."
    minutes = math.ceil(left.total_seconds() / 60)
    words = ngettext("about %(n)d minute left.", "about %(n)d minutes left.", minutes) % {
        "n": minutes
    }
    return f"At most {words}" if at_most else words.capitalize()


def _time_left(round: MatchingRound, now: dt.datetime) -> str:
    started = round.run_started_at or now
    elapsed = max(now - started, dt.timedelta(0))
    percent = round.run_percent
    by_limit = _limit() - elapsed
    if percent >= FEWEST_PERCENT_TO_GUESS:
        by_progress = elapsed * (100 - percent) / percent
        return _minutes(min(by_progress, by_limit) if by_limit > dt.timedelta(0) else by_progress)
    if by_limit > dt.timedelta(0):
        return _minutes(by_limit, at_most=True)
    return "Less than a minute left."


def run_words(round: MatchingRound, now: dt.datetime) -> RunWords:
    slow = run_stalled(round, now)
    status = round.run_status
    if status == RunStatus.QUEUED:
        return RunWords(
            doing="Matching is about to start.",
            time_left="" if slow else "Starting usually takes under a minute.",
            slow=slow,
        )
    if status == RunStatus.RUNNING:
        phase = _PHASE_WORDS.get(RunPhase(round.run_phase), "") if round.run_phase else ""
        return RunWords(
            doing=f"Matching is running: {phase[:1].lower()}{phase[1:]}."
            if phase
            else "Matching is running.",
            time_left="" if slow else _time_left(round, now),
            slow=slow,
        )
    if status == RunStatus.DONE:
        return RunWords(doing="Matching has finished.", time_left="", slow=False)
    if status == RunStatus.FAILED:
        return RunWords(
            doing="Matching stopped with an error. Run it again; if it happens again, tell "
            "the site's administrators.",
            time_left="",
            slow=False,
        )
    return RunWords(doing="Matching hasn't run yet.", time_left="", slow=False)

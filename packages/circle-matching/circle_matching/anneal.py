"""Simulated annealing over single moves and pairwise swaps between circles.

Pairwise-swap descent stops at the first assignment that no single move or swap improves.
Annealing keeps going: it also accepts, with a probability that shrinks as the temperature
falls, moves that lose a little, so it can walk through a worse assignment to reach a much
better one (the chains of moves and swaps that descent cannot see). Proposals are aimed:
most take a member to a circle holding someone who offers a topic the member seeks and
does not get yet, or bring them someone who seeks what they offer.

Everything is counted in steps and drawn from a seeded generator, so the same input gives
the same result; the placed members stay placed (only who sits with whom changes), and the
best assignment seen is the one returned.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from .local import Assignment, open_hours
from .problem import bits_of
from .score import circle_value

# Temperatures in objective units: at the start, losing a covered topic (1000) is accepted
# about half the time; at the end, losing one mixing point (100) almost never is.
START_TEMPERATURE = 1500.0
END_TEMPERATURE = 30.0
AIMED_SHARE = 0.8
PARTNER_TRIES = 8
VALUE_CACHE_SIZE = 1 << 17
# How often (in steps) the wall-clock safety cap is looked at.
STOP_CHECK_EVERY = 2048


@dataclass(frozen=True, slots=True)
class AnnealSettings:
    steps: int
    seed: int = 0
    start_temperature: float = START_TEMPERATURE
    end_temperature: float = END_TEMPERATURE


@dataclass(frozen=True, slots=True)
class AnnealReport:
    steps: int
    accepted: int
    gain: int


def anneal(
    assignment: Assignment,
    settings: AnnealSettings,
    *,
    should_stop: Callable[[], bool] = lambda: False,
) -> AnnealReport:
    """Improve `assignment` in place by `settings.steps` annealing steps (fewer only if the
    safety cap stops it); it ends at the best assignment seen, never worse than the start."""
    problem = assignment.problem
    circles = assignment.circles
    values = assignment.values
    placed = [m for circle in circles for m in circle]
    if settings.steps <= 0 or len(circles) < 2 or not placed:
        return AnnealReport(0, 0, 0)
    rng = random.Random(settings.seed)  # noqa: S311 - seeded for repeatable search
    low, high = problem.min_size, problem.max_size
    slots, modes, offers, seeks, avoid = (
        problem.slots,
        problem.modes,
        problem.offers,
        problem.seeks,
        problem.avoid,
    )
    circle_of = [-1] * problem.size
    for index, circle in enumerate(circles):
        for member in circle:
            circle_of[member] = index
    # Hours at which someone could take the place of one of a circle's members.
    opens = [open_hours(problem, circle) for circle in circles]
    offered_by: dict[int, list[int]] = {}
    sought_by: dict[int, list[int]] = {}
    for member in placed:
        for topic in bits_of(offers[member]):
            offered_by.setdefault(topic, []).append(member)
        for topic in bits_of(seeks[member]):
            sought_by.setdefault(topic, []).append(member)

    # Values of circles seen before: at low temperature most proposals are turned down and
    # the same circles come up again and again.
    seen: dict[frozenset[int], int] = {}

    def value_of(members: list[int]) -> int:
        key = frozenset(members)
        value = seen.get(key)
        if value is None:
            if len(seen) >= VALUE_CACHE_SIZE:
                seen.clear()
            value = seen[key] = circle_value(problem, members)
        return value

    current = start = sum(values)
    best = current
    # The best assignment is copied only when the search is about to leave it.
    best_circles: list[list[int]] = []
    at_best = True
    accepted = 0
    temperature = settings.start_temperature
    cooling = (settings.end_temperature / settings.start_temperature) ** (1 / settings.steps)
    random_float = rng.random
    done = 0
    for done in range(1, settings.steps + 1):
        temperature *= cooling
        if done % STOP_CHECK_EVERY == 0 and should_stop():
            done -= 1
            break
        member = placed[int(random_float() * len(placed))]
        home = circle_of[member]
        circle_a = circles[home]
        my_hours = slots[member]
        pool = placed
        if random_float() < AIMED_SHARE:
            others_offer = others_seek = 0
            for other in circle_a:
                if other != member:
                    others_offer |= offers[other]
                    others_seek |= seeks[other]
            unmet = seeks[member] & ~others_offer
            ungiven = offers[member] & ~others_seek
            if unmet and (not ungiven or random_float() < 0.5):
                topics = bits_of(unmet)
                pool = offered_by.get(topics[int(random_float() * len(topics))], placed)
            elif ungiven:
                topics = bits_of(ungiven)
                pool = sought_by.get(topics[int(random_float() * len(topics))], placed)
        # A partner who shares an hour with the member, in another circle: a few tries.
        away = home
        for _ in range(PARTNER_TRIES):
            partner = pool[int(random_float() * len(pool))]
            if (
                slots[partner] & my_hours
                and circle_of[partner] != home
                and my_hours & opens[circle_of[partner]]
            ):
                away = circle_of[partner]
                break
        if away == home:
            continue
        circle_b = circles[away]
        # Of taking `member` into the partner's circle alone, or in exchange for one of
        # its members, the best option that keeps both circles within the hard rules.
        hours_a = modes_a = -1
        rest_a = [m for m in circle_a if m != member]
        for m in rest_a:
            hours_a &= slots[m]
            modes_a &= modes[m]
        member_avoids = avoid[member]
        before = values[home] + values[away]
        delta = -(1 << 62)
        new_a = new_b = rest_a
        arriving = -1
        best_a = best_b = 0
        if len(circle_b) < high and len(circle_a) > low:
            hours_b = slots[member]
            modes_b = modes[member]
            for m in circle_b:
                hours_b &= slots[m]
                modes_b &= modes[m]
            if hours_b and modes_b and (not member_avoids or member_avoids.isdisjoint(circle_b)):
                value_a = value_of(rest_a)
                option = [*circle_b, member]
                value_b = value_of(option)
                delta = value_a + value_b - before
                new_a, new_b, best_a, best_b = rest_a, option, value_a, value_b
        for leaving in circle_b:
            if not slots[leaving] & hours_a or not modes[leaving] & modes_a:
                continue
            if avoid[leaving] and not avoid[leaving].isdisjoint(rest_a):
                continue
            rest_b = [m for m in circle_b if m != leaving]
            if member_avoids and not member_avoids.isdisjoint(rest_b):
                continue
            hours_b = slots[member]
            modes_b = modes[member]
            for m in rest_b:
                hours_b &= slots[m]
                modes_b &= modes[m]
            if not hours_b or not modes_b:
                continue
            option_a = [*rest_a, leaving]
            option_b = [*rest_b, member]
            value_a = value_of(option_a)
            value_b = value_of(option_b)
            gain = value_a + value_b - before
            if gain > delta:
                delta, new_a, new_b, arriving = gain, option_a, option_b, leaving
                best_a, best_b = value_a, value_b
        if new_a is new_b:
            continue
        if delta < 0 and random_float() >= math.exp(delta / temperature):
            continue
        if delta < 0 and at_best:
            best_circles = [list(circle) for circle in circles]
            at_best = False
        circles[home] = new_a
        circles[away] = new_b
        values[home] = best_a
        values[away] = best_b
        opens[home] = open_hours(problem, new_a)
        opens[away] = open_hours(problem, new_b)
        circle_of[member] = away
        if arriving >= 0:
            circle_of[arriving] = home
        accepted += 1
        current += delta
        if current > best:
            best = current
            at_best = True
    if not at_best:
        for index, circle in enumerate(best_circles):
            assignment.replace(index, circle)
    return AnnealReport(steps=done, accepted=accepted, gain=best - start)

"""CP-SAT model that partitions a set of members into circles, optimally or within a budget.

Used both for large-neighbourhood search (a few circles and some unplaced members at a time)
and as the exact model for small cohorts. Hard rules are constraints; the objective is the
same weighted sum as `score.py`, with placing people weighted above everything else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .problem import TIME_CAP_HOURS, UNKNOWN, Problem, bits_of
from .score import (
    COVERAGE_WEIGHT,
    MIXING_WEIGHT,
    MUTUALITY_WEIGHT,
    REPEAT_PENALTY,
    TIME_WEIGHT,
)


@dataclass(frozen=True, slots=True)
class PartitionResult:
    circles: list[list[int]]
    optimal: bool
    objective: int
    best_bound: float
    place_weight: int


@dataclass(frozen=True, slots=True)
class SolveLimits:
    deterministic_time: float
    wall_time_cap_s: float
    seed: int = 0


def _hour_classes(problem: Problem, members: Sequence[int]) -> list[tuple[int, int]]:
    """Hours grouped by which members (local bit positions) can meet then: (mask, hours)."""
    counts: dict[int, int] = defaultdict(int)
    for hour in range(problem.week_slots):
        available = 0
        for local, member in enumerate(members):
            if problem.slots[member] >> hour & 1:
                available |= 1 << local
        if available.bit_count() >= problem.min_size:
            counts[available] += 1
    return sorted(counts.items())


class _PartitionModel:
    """Builds the model; when a hint is given, computes every variable's hinted value too."""

    def __init__(
        self,
        problem: Problem,
        members: Sequence[int],
        circle_count: int,
        hint: Sequence[Sequence[int]] | None,
    ) -> None:
        self.problem = problem
        self.members = list(members)
        self.model = cp_model.CpModel()
        self.circle_count = circle_count
        local = {member: position for position, member in enumerate(self.members)}
        self.hint_circle: dict[int, int] | None = None
        if hint is not None:
            # Label hinted circles by their smallest local member, as symmetry breaking wants.
            ordered = sorted(
                (sorted(local[m] for m in circle) for circle in hint if circle),
                key=lambda circle: circle[0],
            )
            self.hint_circle = {m: g for g, circle in enumerate(ordered) for m in circle}
        self.hints: list[tuple[cp_model.IntVar, int]] = []
        self.hint_values: dict[int, int] = {}
        # (weight, variable, upper bound of the variable)
        self.objective: list[tuple[int, cp_model.IntVar, int]] = []
        self.place_weight = 1
        self.place_terms: list[cp_model.IntVar] = []
        self.x: list[dict[int, cp_model.IntVar]] = []
        self.used: list[cp_model.IntVar] = []

    # Hints -----------------------------------------------------------------------------
    def _in(self, local: int, circle: int) -> bool:
        return self.hint_circle is not None and self.hint_circle.get(local) == circle

    def _bool(self, name: str, hinted: bool | None) -> cp_model.IntVar:
        var = self.model.new_bool_var(name)
        if self.hint_circle is not None and hinted is not None:
            self.hints.append((var, int(hinted)))
            self.hint_values[var.index] = int(hinted)
        return var

    # Structure ---------------------------------------------------------------------------
    def build_assignment(self) -> None:
        problem, count = self.problem, self.circle_count
        for local in range(len(self.members)):
            # Member `local` may only join circles 0..local (circles labelled by first member).
            row = {g: self._bool(f"x{local}_{g}", self._in(local, g)) for g in range(count)}
            self.x.append({g: var for g, var in row.items() if g <= local})
            for g, var in row.items():
                if g > local:
                    self.model.add(var == 0)
            placed = self.x[local].values()
            self.model.add(sum(placed) <= 1)
        for g in range(count):
            hinted = self.hint_circle is not None and g in self.hint_circle.values()
            used = self._bool(f"used{g}", hinted)
            self.used.append(used)
            in_circle = [row[g] for row in self.x if g in row]
            self.model.add(sum(in_circle) >= problem.min_size * used)
            self.model.add(sum(in_circle) <= problem.max_size * used)
            if g:
                self.model.add(self.used[g - 1] >= used)

    def add_avoid_rule(self) -> None:
        position = {member: local for local, member in enumerate(self.members)}
        for local, member in enumerate(self.members):
            for other in self.problem.avoid[member]:
                other_local = position.get(other)
                if other_local is None or other_local < local:
                    continue
                for g, var in self.x[local].items():
                    if g in self.x[other_local]:
                        self.model.add_bool_or([var.Not(), self.x[other_local][g].Not()])

    def add_mode_rule(self) -> None:
        problem = self.problem
        listed = 0
        for member in self.members:
            if problem.lists_modes[member]:
                listed |= problem.modes[member]
        if not listed:
            return
        for g in range(self.circle_count):
            options: list[cp_model.IntVar] = []
            for mode in bits_of(listed):
                excluded = [
                    local
                    for local, member in enumerate(self.members)
                    if g in self.x[local]
                    and problem.lists_modes[member]
                    and not problem.modes[member] >> mode & 1
                ]
                hinted = self._hint_members(g)
                hint = bool(hinted) and not any(local in excluded for local in hinted)
                option = self._bool(f"mode{g}_{mode}", hint)
                for local in excluded:
                    self.model.add_implication(self.x[local][g], option.Not())
                options.append(option)
            self.model.add(sum(options) >= self.used[g])

    def add_hour_rule_and_time(self) -> None:
        classes = _hour_classes(self.problem, self.members)
        everyone = (1 << len(self.members)) - 1
        for g in range(self.circle_count):
            hinted = self._hint_members(g)
            hinted_mask = sum(1 << local for local in hinted)
            options: list[tuple[cp_model.IntVar, int]] = []
            for number, (available, hours) in enumerate(classes):
                option = self._bool(
                    f"hour{g}_{number}", bool(hinted) and hinted_mask & available == hinted_mask
                )
                for local in bits_of(everyone & ~available):
                    if g in self.x[local]:
                        self.model.add_implication(self.x[local][g], option.Not())
                options.append((option, hours))
            if not options:
                self.model.add(self.used[g] == 0)
                continue
            self.model.add(sum(option for option, _ in options) >= self.used[g])
            hint_hours = sum(hours for option, hours in options if self.hints_value(option))
            per_hour = self.problem.slots_per_hour
            time = self.model.new_int_var(0, TIME_CAP_HOURS, f"time{g}")
            if self.hint_circle is not None:
                self.hints.append((time, self.problem.time_hours(hint_hours) if hinted else 0))
            starts = sum(hours * option for option, hours in options)
            if per_hour > 1:  # whole hours, rounded up (Problem.time_hours)
                self.model.add(per_hour * time <= starts + per_hour - 1)
            else:
                self.model.add(time <= starts)
            self.model.add(time <= TIME_CAP_HOURS * self.used[g])
            self.objective.append((TIME_WEIGHT, time, TIME_CAP_HOURS))

    def _hint_members(self, circle: int) -> list[int]:
        if self.hint_circle is None:
            return []
        return [local for local, g in self.hint_circle.items() if g == circle]

    def _joint(
        self, name: str, local: int, partners: list[int], weight: int
    ) -> list[cp_model.IntVar]:
        """Per circle, a literal true only if `local` and one of `partners` are both in it."""
        literals: list[cp_model.IntVar] = []
        for g, var in self.x[local].items():
            in_g = [self.x[p][g] for p in partners if g in self.x[p]]
            if not in_g:
                continue
            hint = self._in(local, g) and any(self._in(p, g) for p in partners)
            literal = self._bool(f"{name}{local}_{g}", hint)
            self.model.add_implication(literal, var)
            self.model.add_bool_or([literal.Not(), *in_g])
            literals.append(literal)
            if weight:
                self.objective.append((weight, literal, 1))
        return literals

    def add_soft_goals(self) -> None:
        problem = self.problem
        members = self.members
        for local, member in enumerate(members):
            received: list[cp_model.IntVar] = []
            given: list[cp_model.IntVar] = []
            for topic in bits_of(problem.seeks[member]):
                offerers = [
                    o
                    for o, m in enumerate(members)
                    if o != local and problem.offers[m] >> topic & 1
                ]
                received += self._joint(f"cov{topic}_", local, offerers, COVERAGE_WEIGHT)
            for topic in bits_of(problem.offers[member]):
                seekers = [
                    s for s, m in enumerate(members) if s != local and problem.seeks[m] >> topic & 1
                ]
                given += self._joint(f"give{topic}_", local, seekers, 0)
            if received and given:
                hint = any(self.hints_value(v) for v in received) and any(
                    self.hints_value(v) for v in given
                )
                mutual = self._bool(f"mutual{local}", hint)
                self.model.add_bool_or([mutual.Not(), *received])
                self.model.add_bool_or([mutual.Not(), *given])
                self.objective.append((MUTUALITY_WEIGHT, mutual, 1))
            if problem.wants_similar[member] and problem.profession[member] != UNKNOWN:
                same = [
                    o
                    for o, m in enumerate(members)
                    if o != local and problem.profession[m] == problem.profession[member]
                ]
                self._joint("similar", local, same, MIXING_WEIGHT)
        for attribute in (problem.stage, problem.profession):
            holders: dict[int, list[int]] = defaultdict(list)
            for local, member in enumerate(members):
                if attribute[member] != UNKNOWN:
                    holders[attribute[member]].append(local)
            for value, locals_with in sorted(holders.items()):
                for g in range(self.circle_count):
                    in_g = [self.x[local][g] for local in locals_with if g in self.x[local]]
                    if not in_g:
                        continue
                    hint = any(self._in(local, g) for local in locals_with)
                    present = self._bool(f"has{value}_{g}", hint)
                    self.model.add_bool_or([present.Not(), *in_g])
                    self.objective.append((MIXING_WEIGHT, present, 1))
        self._add_repeats()

    def _add_repeats(self) -> None:
        position = {member: local for local, member in enumerate(self.members)}
        for local, member in enumerate(self.members):
            for other in sorted(self.problem.past[member]):
                other_local = position.get(other)
                if other_local is None or other_local < local:
                    continue
                for g, var in self.x[local].items():
                    if g not in self.x[other_local]:
                        continue
                    hint = self._in(local, g) and self._in(other_local, g)
                    repeat = self._bool(f"repeat{local}_{other_local}_{g}", hint)
                    self.model.add_bool_or([var.Not(), self.x[other_local][g].Not(), repeat])
                    self.objective.append((-REPEAT_PENALTY, repeat, 1))

    def hints_value(self, var: cp_model.IntVar) -> bool:
        return self.hint_values.get(var.index, 0) == 1

    def finish(self, min_placed: int) -> None:
        # Any change of the soft part is smaller than `spread`, so placing one more member
        # always wins: placement is ranked first, as MATCHING.md asks.
        spread = sum(abs(weight) * upper for weight, _, upper in self.objective) + 1
        self.place_weight = spread
        placed = [var for row in self.x for var in row.values()]
        soft = sum(weight * var for weight, var, _ in self.objective)
        self.model.maximize(spread * sum(placed) + soft)
        if min_placed:
            self.model.add(sum(placed) >= min_placed)
        for var, value in self.hints:
            self.model.add_hint(var, value)


def solve_partition(
    problem: Problem,
    members: Sequence[int],
    *,
    circle_count: int,
    limits: SolveLimits,
    hint: Sequence[Sequence[int]] | None = None,
    min_placed: int = 0,
) -> PartitionResult | None:
    """Best partition of `members` into at most `circle_count` circles found within
    `limits`; `None` if the solver found no solution in time."""
    built = _PartitionModel(problem, members, circle_count, hint)
    built.build_assignment()
    built.add_avoid_rule()
    built.add_mode_rule()
    built.add_hour_rule_and_time()
    built.add_soft_goals()
    built.finish(min_placed)
    solver = cp_model.CpSolver()
    parameters = solver.parameters
    parameters.num_workers = 1
    parameters.random_seed = limits.seed
    parameters.max_deterministic_time = limits.deterministic_time
    parameters.max_time_in_seconds = max(limits.wall_time_cap_s, 0.01)
    status = solver.solve(built.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    circles: list[list[int]] = [[] for _ in range(circle_count)]
    for local, row in enumerate(built.x):
        for g, var in row.items():
            if solver.boolean_value(var):
                circles[g].append(built.members[local])
    weight = built.place_weight
    return PartitionResult(
        circles=[circle for circle in circles if circle],
        optimal=status == cp_model.OPTIMAL,
        objective=round(solver.objective_value),
        best_bound=solver.best_objective_bound,
        place_weight=weight,
    )

"""The bench's baselines keep the hard rules; the exact model proves the small optimum."""

from __future__ import annotations

from circle_matching import (
    Cohort,
    GroupSize,
    Member,
    circles_output,
    exact_circles,
    greedy_only,
    greedy_with_swaps,
    hard_rule_violations,
    match_circles,
    random_circles,
)

from tests.circle_matching.small import UNCROSSED, crossed_pairs, partition

TOPICS = ("exams", "fatigue", "rotations", "disclosure")


def _cohort(seed: int) -> Cohort:
    members = tuple(
        Member(
            f"m{n}",
            offers=(TOPICS[n % 4],),
            seeks=(TOPICS[(n * 3 + 1) % 4],),
            slots=(1, 2) if n % 3 else (2, 3),
            avoid=("m0",) if n == 5 else (),
        )
        for n in range(14)
    )
    return Cohort(members=members, group_size=GroupSize(3, 4), seed=seed)


def test_random_circles_keep_the_rules_and_repeat_with_the_seed() -> None:
    cohort = _cohort(seed=3)
    outcome = random_circles(cohort)
    assert outcome.solver == "random"
    assert hard_rule_violations(cohort.members, cohort.group_size, circles_output(outcome)) == []
    assert random_circles(cohort).circles == outcome.circles


def test_swaps_never_end_below_greedy() -> None:
    cohort = _cohort(seed=0)
    greedy = greedy_only(cohort)
    swapped = greedy_with_swaps(cohort, seconds=5.0)
    assert hard_rule_violations(cohort.members, cohort.group_size, circles_output(swapped)) == []
    assert swapped.value >= greedy.value
    assert (greedy.solver, swapped.solver) == ("greedy", "greedy+swap")


def test_exact_circles_prove_the_optimum_and_bound_it() -> None:
    cohort = crossed_pairs().cohort
    exact = exact_circles(cohort, deterministic_time=5.0, hint=greedy_only(cohort))
    assert exact is not None
    assert exact.outcome.optimal
    assert partition(exact.outcome.circles) == UNCROSSED
    assert exact.outcome.value.soft == 2002
    assert exact.soft_bound >= 2002
    assert match_circles(cohort).value == exact.outcome.value

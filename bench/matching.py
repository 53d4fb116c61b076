"""Benchmark of the matching engine against random, greedy and greedy + swap baselines.

    python -m bench.matching                      # 50, 500, 2,000 and 5,000 members
    python -m bench.matching --sizes 50,500 --exact 12,20,30
    python -m bench.matching --sizes 500 --slot-minutes 30   # the same cohort in half hours

For each size it generates a cohort, runs the engine, then gives greedy + pairwise swaps
the same number of seconds the engine took, and prints one row per method. With --exact,
small cohorts are also solved by the exact CP-SAT model and the engine's gap to the proven
optimum (or to the best bound, when optimality is not proven in time) is printed. With
--slot-minutes 30 or 15, each generated hour becomes two or four slots (the cohort is the
same; only its slots are finer), to measure what half- or quarter-hour slots cost.
Figures, not tests: nothing here fails.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as `python bench/matching.py`: make the repository root importable.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from circle_matching import (
    Cohort,
    MatchOutcome,
    circles_output,
    exact_circles,
    greedy_only,
    greedy_with_swaps,
    hard_rule_violations,
    match_circles,
    parse_cohort,
    quality_figures,
    random_circles,
)

from bench.generate_cohort import generate_cohort

DEFAULT_SIZES = (50, 500, 2000, 5000)
HEADER = (
    f"{'method':<12} {'seconds':>8} {'violations':>10} {'unassigned':>10} "
    f"{'coverage':>9} {'mutuality':>9} {'mixing':>7} {'repeats':>7} {'objective':>11}"
)


def _row(name: str, cohort: Cohort, outcome: MatchOutcome) -> str:
    output = circles_output(outcome)
    violations = hard_rule_violations(
        cohort.members, cohort.group_size, output, slot_minutes=cohort.slot_minutes
    )
    figures = quality_figures(cohort.members, output)
    value = outcome.value
    mutual_share = figures.mutual / figures.placed if figures.placed else 0.0
    return (
        f"{name:<12} {outcome.seconds:>8.1f} {len(violations):>10} {figures.unassigned:>10} "
        f"{figures.coverage_share:>9.3f} {mutual_share:>9.3f} {figures.mixing:>7.2f} "
        f"{figures.repeats:>7} {value.soft:>11}"
    )


def in_finer_slots(raw: dict[str, Any], slot_minutes: int) -> dict[str, Any]:
    """The same cohort with each hour of its slots split into ``60 // slot_minutes``."""
    if slot_minutes == 60:
        return raw
    per_hour = 60 // slot_minutes
    members = [
        {
            **member,
            "slots": [
                hour * per_hour + part for hour in member["slots"] for part in range(per_hour)
            ],
        }
        if member.get("slots") is not None
        else member
        for member in raw["members"]
    ]
    return {**raw, "slot_minutes": slot_minutes, "members": members}


def bench_size(members: int, seed: int, slot_minutes: int = 60) -> None:
    cohort = parse_cohort(in_finer_slots(generate_cohort(members, seed=seed), slot_minutes))
    print(f"\n== {members} members (seed {seed}, {slot_minutes}-minute slots) ==")
    print(HEADER)
    engine = match_circles(cohort)
    rows: list[tuple[str, Callable[[], MatchOutcome]]] = [
        ("random", lambda: random_circles(cohort)),
        ("greedy", lambda: greedy_only(cohort)),
        ("greedy+swap", lambda: greedy_with_swaps(cohort, seconds=engine.seconds)),
    ]
    for name, run in rows:
        print(_row(name, cohort, run()), flush=True)
    print(_row("engine", cohort, engine), flush=True)


def bench_exact(members: int, seed: int, seconds: float) -> None:
    raw = generate_cohort(members, seed=seed, single_region=True)
    cohort = parse_cohort(raw)
    engine = match_circles(cohort)
    found = engine.value
    exact = exact_circles(cohort, deterministic_time=seconds, hint=engine)
    if exact is None:
        print(f"{members:>7} exact model found no solution")
        return
    best = exact.outcome.value
    bound = exact.soft_bound
    took = exact.outcome.seconds
    # Gap to the best exact solution (the proven optimum when `proven` is True).
    gap = (best.soft - found.soft) / best.soft if best.soft else 0.0
    print(
        f"{members:>7} {engine.seconds:>7.1f} {found.placed:>6} {found.soft:>9} "
        f"{best.placed:>6} {best.soft:>9} {bound:>11.0f} {exact.outcome.optimal!s:>8} {took:>7.1f} "
        f"{gap:>7.2%}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in DEFAULT_SIZES),
        help="comma-separated cohort sizes (default: %(default)s); empty for none",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--exact",
        default="",
        help="comma-separated sizes up to 30 to compare with the exact CP-SAT optimum",
    )
    parser.add_argument("--exact-seconds", type=float, default=60.0)
    parser.add_argument("--slot-minutes", type=int, choices=(60, 30, 15), default=60)
    args = parser.parse_args(argv)
    print(
        "coverage = share of its upper bound (topics each member seeks that someone else "
        "offers); mutuality = share of placed members who both give and receive; mixing = "
        "distinct stages + professions per circle; objective = engine's soft score"
    )
    for size in [int(part) for part in args.sizes.split(",") if part.strip()]:
        bench_size(size, args.seed, args.slot_minutes)
    exact_sizes = [int(part) for part in args.exact.split(",") if part.strip()]
    if exact_sizes:
        print("\n== gap to the exact CP-SAT model (single-region cohorts) ==")
        print(
            f"{'members':>7} {'eng s':>7} {'placed':>6} {'engine':>9} {'placed':>6} "
            f"{'exact':>9} {'bound':>11} {'proven':>8} {'exact s':>7} {'gap':>7}"
        )
        for size in exact_sizes:
            bench_exact(size, args.seed, args.exact_seconds)


if __name__ == "__main__":
    main()

"""Command line: `python -m circle_matching [rooms] < input.json > output.json`.

Input errors exit with status 2 and one line on stderr naming the member and field.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from .engine import circles_output, match_circles
from .model import InputError, parse_cohort
from .rooms import assign_rooms, parse_gathering, rooms_output

USAGE = "usage: python -m circle_matching [rooms] < input.json > output.json"
EXIT_BAD_INPUT = 2


def run_circles(raw: object) -> dict[str, Any]:
    return circles_output(match_circles(parse_cohort(raw)))


def run_rooms(raw: object) -> dict[str, Any]:
    return rooms_output(assign_rooms(parse_gathering(raw)))


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    source = stdin or sys.stdin
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    modes: dict[tuple[str, ...], Callable[[object], dict[str, Any]]] = {
        (): run_circles,
        ("circles",): run_circles,
        ("rooms",): run_rooms,
    }
    run = modes.get(tuple(arguments))
    if run is None:
        err.write(USAGE + "\n")
        return EXIT_BAD_INPUT
    try:
        raw = json.load(source)
    except json.JSONDecodeError as error:
        err.write(f"error: input is not valid JSON: {error}\n")
        return EXIT_BAD_INPUT
    try:
        result = run(raw)
    except InputError as error:
        err.write(f"error: {error}\n")
        return EXIT_BAD_INPUT
    json.dump(result, out, indent=2, ensure_ascii=False)
    out.write("\n")
    return 0

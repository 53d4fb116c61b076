"""CSV files that staff open in spreadsheet programs."""

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: members write names, and a name starting with
    "=" must not run as a formula on an organizer's computer."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_bytes(rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 CSV with every cell made safe for spreadsheets."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([cell_safe(str(cell)) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8")

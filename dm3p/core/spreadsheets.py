"""CSV files that staff open in spreadsheet programs."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ADDRESS_MESSAGE = (
    "An e-mail address can't start with =, +, - or @. Check the address and type it again."
)


def starts_like_formula(value: str) -> bool:
    """Whether a spreadsheet would read the cell as a formula."""
    return value.startswith(FORMULA_STARTS)


def email_address_check(value: str) -> None:
    """A validator for every e-mail address the site takes in. Addresses go into CSV files
    (Zoom's breakout rooms, attendee lists) where escaping one would change the address, so
    one that a spreadsheet would run as a formula is refused at the door."""
    if starts_like_formula(str(value).lstrip(" ")):
        raise ValidationError(FORMULA_ADDRESS_MESSAGE, code="formula_start")


def cell_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: members write names, and a name starting with
    "=" must not run as a formula on an organizer's computer."""
    return f"'{value}" if starts_like_formula(value) else value


def csv_bytes(rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 CSV with every cell made safe for spreadsheets."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([cell_safe(str(cell)) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8")

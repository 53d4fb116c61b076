"""Named placeholders in words organizers edit: ``{name}`` is filled in for each person;
``{{`` and ``}}`` are braces. Checked when an organizer saves, never when an e-mail is sent."""

import re
import string
from collections.abc import Mapping, Sequence


def _placeholder_written(field: str, spec: str | None, conversion: str | None) -> str:
    """A placeholder as the organizer wrote it, e.g. ``{name:>50}``."""
    return (
        "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
    )


def _braced(names: Sequence[str]) -> str:
    return ", ".join("{" + name + "}" for name in names)


def placeholders_used(text: str) -> set[str]:
    """The plain placeholders in ``text`` (for a text without problems)."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def placeholder_problems(
    text: str, allowed: Sequence[str], *, required: Sequence[str] = ()
) -> list[str]:
    """What is wrong with the placeholders in ``text`` (for the editing form). Only plain
    names are allowed: ``{name}``, never ``{name:>9999}``, ``{name!r}`` or ``{name.x}``;
    each of ``required`` must be there."""
    try:
        parsed = [
            (field, spec, conversion)
            for _, field, spec, conversion in string.Formatter().parse(text)
            if field is not None
        ]
    except ValueError:
        return ["A brace is not closed. Write placeholders as {name}; to show a brace, double it."]
    problems = []
    misused = [
        (field, spec, conversion) for field, spec, conversion in parsed if spec or conversion
    ]
    misused = [entry for entry in misused if entry[0] in allowed]
    if misused:
        written = ", ".join(sorted({_placeholder_written(*entry) for entry in misused}))
        plain = _braced(sorted({field for field, _, _ in misused}))
        problems.append(
            f"{written} can't be used here: write placeholders as a plain name in braces, "
            f"like {plain}."
        )
    unknown = sorted({field for field, _, _ in parsed if field not in allowed})
    if unknown:
        problems.append(f"{_braced(unknown)} can't be used here. You can use: {_braced(allowed)}.")
    missing = [name for name in required if name not in {field for field, _, _ in parsed}]
    if missing:
        problems.append(
            f"Keep {_braced(missing)}: without {'it' if len(missing) == 1 else 'them'} the "
            "e-mail is no use to the person who gets it."
        )
    return problems


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([a-z_]+)\}")


def fill_placeholders(text: str, values: Mapping[str, object]) -> str:
    """Put the values in place of plain placeholders (``{name}``; ``{{`` and ``}}`` are
    braces). Anything else in braces stays as it was written, so a stored template with a
    bad placeholder still makes a small, readable e-mail, never an error or a huge one."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in {"{{", "}}"}:
            return token[0]
        name = match.group(1)
        return str(values[name]) if name in values else token

    return _PLACEHOLDER.sub(replace, text)

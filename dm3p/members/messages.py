"""The membership e-mails organizers can reword, with their starting text and placeholders."""

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class MessageDefault:
    key: str
    label: str
    subject: str
    body: str
    placeholders: tuple[str, ...]


COMMON = ("name", "site_name")

DEFAULTS: dict[str, MessageDefault] = {
    message.key: message
    for message in [
        MessageDefault(
            key="application_received",
            label="Application received",
            subject="We have your application to join {site_name}",
            body="Dear {name},\n\nThank you for applying to join {site_name}. An organizer "
            "will read your application, usually within two weeks, and e-mail you.\n\n"
            "You can see where your application is at any time: {status_link}",
            placeholders=(*COMMON, "status_link"),
        ),
        MessageDefault(
            key="application_approved",
            label="Welcome (application approved)",
            subject="Welcome to {site_name}",
            body="Dear {name},\n\nYour application is approved: welcome to {site_name}!\n\n"
            "First, choose a password for your account: {set_password_link}\n\n"
            "We meet online once a month, with a guest speaker, time to talk in small groups "
            "and social time. Live captions are always on; you can ask for sign language "
            "interpretation or other support when you say you are coming.\n\n"
            "Between gatherings, members talk in our private spaces:\n{community_links}\n\n"
            "When you have a moment, complete your profile and choose who can see each part "
            "of it.\n\n{message}",
            placeholders=(*COMMON, "set_password_link", "community_links", "message"),
        ),
        MessageDefault(
            key="application_declined",
            label="Application declined",
            subject="Your application to {site_name}",
            body="Dear {name},\n\nThank you for your interest in {site_name}. We are not able "
            "to offer you membership at this time.\n\n{message}\n\nYour application and what "
            "you told us will be deleted after {retention_days} days.",
            placeholders=(*COMMON, "message", "retention_days"),
        ),
        MessageDefault(
            key="application_more_info",
            label="More information requested",
            subject="A question about your application to {site_name}",
            body="Dear {name},\n\nAn organizer read your application and would like to know "
            "a little more:\n\n{message}\n\nYou can add to your application here: "
            "{resume_link}",
            placeholders=(*COMMON, "message", "resume_link"),
        ),
        MessageDefault(
            key="application_resume",
            label="Link to finish an application",
            subject="Finish your application to {site_name}",
            body="Dear {name},\n\nHere is your link to come back to your application. It "
            "works for 30 days; keep it private, as anyone with it can read your answers.\n\n"
            "{resume_link}\n\nIf you did not start an application, you can ignore this e-mail.",
            placeholders=(*COMMON, "resume_link"),
        ),
        MessageDefault(
            key="application_known_address",
            label="Someone applied with an address we know",
            subject="Applying to {site_name} with this address",
            body="Dear {name},\n\nSomeone, probably you, just started an application to "
            "{site_name} with this e-mail address. This address already has an account or an "
            "application with us, so nothing was changed and what was typed was not kept.\n\n"
            "To come back to an application you haven't sent yet, ask for a new link: "
            "{link_request_link}\n\nIf you are a member, sign in here: {sign_in_link}\n\n"
            "If this wasn't you, you can ignore this e-mail.",
            placeholders=(*COMMON, "link_request_link", "sign_in_link"),
        ),
        MessageDefault(
            key="application_no_link",
            label="Link asked for, but no unfinished application",
            subject="Your link to {site_name}",
            body="Dear {name},\n\nSomeone, probably you, asked for a link to finish an "
            "application to {site_name} with this e-mail address. There is no unfinished "
            "application for it.\n\nIf you have sent your application, we will write to you. "
            "If you are a member, sign in here: {sign_in_link}\n\nTo apply, start here: "
            "{apply_link}\n\nIf this wasn't you, you can ignore this e-mail.",
            placeholders=(*COMMON, "sign_in_link", "apply_link"),
        ),
    ]
}


def _placeholder_written(field: str, spec: str | None, conversion: str | None) -> str:
    """A placeholder as the organizer wrote it, e.g. ``{name:>50}``."""
    return (
        "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
    )


def placeholder_problems(text: str, allowed: tuple[str, ...]) -> list[str]:
    """What is wrong with the placeholders in ``text`` (for the editing form). Only plain
    names are allowed: ``{name}``, never ``{name:>9999}``, ``{name!r}`` or ``{name.x}``."""
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
        plain = ", ".join(sorted({"{" + field + "}" for field, _, _ in misused}))
        problems.append(
            f"{written} can't be used here: write placeholders as a plain name in braces, "
            f"like {plain}."
        )
    unknown = sorted({field for field, _, _ in parsed if field not in allowed})
    if unknown:
        names = ", ".join("{" + field + "}" for field in unknown)
        problems.append(
            f"{names} can't be used here. You can use: "
            + ", ".join("{" + name + "}" for name in allowed)
            + "."
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

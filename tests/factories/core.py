"""Factories for the core app's rows: the audit log, display choices, opt-outs, demo mail."""

from itertools import count
from typing import Any

from dm3p.core.models import (
    AuditEntry,
    DemoEmail,
    DisplayPreference,
    EmailOptOut,
    EmailWording,
    OutboundEmail,
    SearchEntry,
    SiteSettings,
)
from tests.factories import make_user
from tests.factories.rows import create


def make_audit_entry(**fields: Any) -> AuditEntry:
    return create(AuditEntry, fields, action=lambda: "site_settings.update")


def make_display_preference(**fields: Any) -> DisplayPreference:
    return create(DisplayPreference, fields, user=make_user)


def make_email_opt_out(**fields: Any) -> EmailOptOut:
    return create(EmailOptOut, fields, user=make_user, kind=lambda: "event_updates")


def make_demo_email(**fields: Any) -> DemoEmail:
    """An e-mail the demo site kept instead of sending."""
    return create(
        DemoEmail,
        fields,
        to_addresses=lambda: "rosa@example.org",
        subject=lambda: "Hello",
        text_body=lambda: "Hello",
    )


_keys = count(1)


def make_outbound_email(**fields: Any) -> OutboundEmail:
    """An e-mail waiting in the outbox (not sent: a test that wants it sent queues it with
    dm3p.core.services.email_queue)."""
    return create(
        OutboundEmail,
        fields,
        key=lambda: f"test-{next(_keys)}",
        kind=lambda: "security",
        to_address=lambda: "rosa@example.org",
    )


def make_site_settings(**fields: Any) -> SiteSettings:
    """The site's one settings row (pk 1), with ``fields`` changed."""
    return create(SiteSettings, {"pk": 1, **fields})


def make_email_wording(**fields: Any) -> EmailWording:
    """Organizers' own words for one of the site's e-mails (by default the decline)."""
    return create(
        EmailWording,
        fields,
        key=lambda: "application_declined",
        subject=lambda: "About your application",
        body=lambda: "Dear {name}, thank you.",
    )


def make_search_entry(**fields: Any) -> SearchEntry:
    """An entry of the search index as an app puts it there (apps index their own rows as
    they are saved; this is for the index alone)."""
    return create(
        SearchEntry,
        fields,
        kind=lambda: "pages",
        object_id=lambda: next(_keys),
        title=lambda: "Resting between shifts",
        text=lambda: "Where to rest on a long day.",
        url=lambda: "/about/",
    )

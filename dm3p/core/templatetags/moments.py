"""Moments written out for people in templates: ``{{ post.created_at|moment:zone }}``."""

import datetime as dt

from django import template

from dm3p.core.times import moment_short

register = template.Library()


@register.filter
def moment(value: dt.datetime | None, zone: str = "") -> str:
    """ "9 Dec 2026, 7:00 pm EST" in ``zone`` (the reader's; UTC if none is given)."""
    if value is None:
        return ""
    return moment_short(value, zone or "UTC")

"""Moments written out for people in templates: ``{{ post.created_at|moment:zone }}``."""

import datetime as dt

from django import template

from dm3p.core.times import moment_short

register = template.Library()


@register.filter
def moment(value: dt.datetime | None, zone: object = "") -> str:
    """ "9 Dec 2026, 7:00 pm EST" in ``zone`` (``reader_zone``, the reader's, on pages; UTC
    if none is given)."""
    if value is None:
        return ""
    return moment_short(value, str(zone) or "UTC")

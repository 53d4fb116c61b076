"""The profile header's photo: the "photo" field's value when the viewer may see it."""

from collections.abc import Iterable

from django import template

register = template.Library()


@register.filter
def shown_value(fields: Iterable[object], name: str) -> object:
    """The value of the shown field called ``name``, or "" when the viewer may not see it."""
    for field in fields or ():
        if getattr(field, "name", None) == name:
            return getattr(field, "value", "")
    return ""

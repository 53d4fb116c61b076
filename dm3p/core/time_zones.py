"""Choosing a time zone: a text box with the common zones suggested first (a <datalist>),
that accepts a zone's name ("America/Chicago"), a friendly name ("Central Time") or a city
("Chicago"), and refuses anything else with a clear message, keeping what was typed."""

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from dm3p.core.times import COMMON_TIME_ZONES, time_zone_label


@cache
def all_time_zones() -> list[str]:
    return sorted(
        zone
        for zone in zoneinfo.available_timezones()
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "posix/", "right/"))
    )


@cache
def time_zone_suggestions() -> list[tuple[str, str]]:
    """(zone, label) for the list of suggestions: the common ones first, then all."""
    common = [zone for zone, _ in COMMON_TIME_ZONES]
    rest = [zone for zone in all_time_zones() if zone not in common]
    return [(zone, time_zone_label(zone)) for zone in [*common, *rest]]


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").replace(",", " ").lower().split())


@cache
def _known_names() -> dict[str, str]:
    """Every way of writing a zone that we accept, folded (see _key), with its zone."""
    known: dict[str, str] = {}
    cities: dict[str, list[str]] = {}
    for zone in all_time_zones():
        cities.setdefault(_key(zone.rsplit("/", 1)[-1]), []).append(zone)
    for city, zones in cities.items():
        if len(zones) == 1:
            known[city] = zones[0]
    for zone, label in time_zone_suggestions():
        known[_key(label)] = zone
    for zone, friendly in COMMON_TIME_ZONES:
        known[_key(friendly)] = zone
        known.setdefault(_key(friendly.split(" (")[0]), zone)  # "Eastern Time"
    for zone in all_time_zones():
        known[_key(zone)] = zone
    return known


def time_zone_from_text(text: str) -> str | None:
    """The zone ``text`` names, or None."""
    return _known_names().get(_key(text))


class TimeZoneInput(forms.TextInput):
    template_name = "components/widgets/time_zone.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        list_id = f"{(attrs or {}).get('id') or 'id_' + name}_suggestions"
        context = super().get_context(name, value, {**(attrs or {}), "list": list_id})
        context["widget"]["list_id"] = list_id
        context["widget"]["common"] = [
            (zone, time_zone_label(zone)) for zone, _ in COMMON_TIME_ZONES
        ]
        context["widget"]["suggestions"] = time_zone_suggestions()
        return context


class TimeZoneField(forms.CharField):
    """A time zone typed or picked from suggestions; cleans to its name, "America/Chicago"."""

    widget = TimeZoneInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = str(super().to_python(value) or "")
        if not text:
            return ""
        zone = time_zone_from_text(text)
        if zone is None:
            raise ValidationError(
                "We don't know the time zone “%(text)s”. Type the city you live in or the "
                "nearest big city, such as “Chicago”, or choose one of the suggestions.",
                code="unknown_time_zone",
                params={"text": text[:100]},
            )
        return zone

"""The one way the factories save a row: the fields given, and a sensible default for each
required field not given (a related row made by its own factory)."""

from collections.abc import Callable
from typing import Any

from django.db.models import Model


def create[M: Model](model: type[M], fields: dict[str, Any], **defaults: Callable[[], object]) -> M:
    """``model``'s row with ``fields``; each required field missing from them (neither it nor
    its ``_id`` given) is filled by calling its default."""
    for name, make in defaults.items():
        if name not in fields and f"{name}_id" not in fields:
            fields[name] = make()
    return model._default_manager.create(**fields)

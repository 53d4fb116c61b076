"""Every model of the site has a factory in tests/factories, so tests never build rows by
hand."""

import inspect
import typing
from types import ModuleType

from django.apps import apps

import tests.factories
from tests.factories import accommodations, circles, conversations, core, events, members

MODULES: list[ModuleType] = [
    tests.factories,
    accommodations,
    circles,
    conversations,
    core,
    events,
    members,
]


def models_with_a_factory() -> set[str]:
    made = set()
    for module in MODULES:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("make_") and function.__module__ == module.__name__:
                returned = typing.get_type_hints(function).get("return")
                for model in typing.get_args(returned) or (returned,):
                    if hasattr(model, "_meta"):
                        made.add(model._meta.label)
    return made


def test_factories_cover_every_model() -> None:
    ours = {
        model._meta.label for model in apps.get_models() if model.__module__.startswith("dm3p.")
    }
    assert sorted(ours - models_with_a_factory()) == []

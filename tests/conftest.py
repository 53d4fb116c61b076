from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.test import Client
from hypothesis import settings as hypothesis_settings

from tests.factories import ROLES, user_for_role
from tests.helpers import signed_in


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _media_in_tmp(
    settings: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _clock(request: pytest.FixtureRequest) -> Iterator[time_machine.Traveller | None]:
    """Freezes the clock at the instant a test asks for with ``@pytest.mark.clock(instant)``
    (see tests/clock.py); ``tick=True`` lets it run on from there. Tests that don't ask run on
    the real clock."""
    marker = request.node.get_closest_marker("clock")
    if marker is None:
        yield None
        return
    with time_machine.travel(marker.args[0], tick=marker.kwargs.get("tick", False)) as moved:
        yield moved


@pytest.fixture
def clock(_clock: time_machine.Traveller | None) -> time_machine.Traveller:
    """The frozen clock of a test marked ``clock``, to move on: ``clock.shift(timedelta)``."""
    assert _clock is not None, "Mark the test with @pytest.mark.clock(instant) first."
    return _clock


@pytest.fixture
def client_for(db: None) -> Callable[[str], Client]:
    """A test client signed in as a new person in ``role`` (anonymous: not signed in)."""

    def make(role: str) -> Client:
        assert role in ROLES, role
        user = user_for_role(role)
        if user is None:
            return Client()
        client = signed_in(user)
        client.user = user  # type: ignore[attr-defined]
        return client

    return make


# Hypothesis: a fixed seed and a modest number of examples, so runs repeat and stay quick.
hypothesis_settings.register_profile(
    "dm3p", derandomize=True, max_examples=40, deadline=None, print_blob=True
)
hypothesis_settings.load_profile("dm3p")

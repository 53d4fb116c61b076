"""What later apps can react to in accounts, and the hooks it offers (dm3p.core.hooks).

``WELCOME_STEPS``: the steps of the welcome checklist (see below)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.dispatch import Signal

from dm3p.core.hooks import Hook

# Sent inside the transaction that changed someone's membership status: sender=User,
# person=..., before=MembershipStatus, after=MembershipStatus, actor=User or None.
# events issues a new calendar-feed address when access ends or comes back.
membership_status_changed = Signal()


# The welcome checklist a new member lands on (/account/welcome/), right after setting up
# their account from the approval e-mail. Each app adds its own steps from its handlers.py:
#     WELCOME_STEPS.register(WelcomeStep(key="calendar", title=..., text=..., url_name=...,
#                                        link_text=..., done=lambda user: ..., order=40))
# ``done(user)`` answers True/False where that is knowable, None where it isn't (the step
# then shows no state); ``applies(user)`` leaves a step out for some people (e.g. allies).
# Known by key; shown by ``order``.


@dataclass(frozen=True)
class WelcomeStep:
    key: str
    title: str
    text: str
    url_name: str
    link_text: str
    done: Callable[[Any], bool | None] | None = None
    applies: Callable[[Any], bool] | None = None
    order: int = 50


WELCOME_STEPS: Hook[WelcomeStep] = Hook("accounts.welcome_steps", key=lambda step: step.key)

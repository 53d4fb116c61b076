"""How a service says no, and how a page tells the person.

A service that won't do what was asked raises ``ServiceRefusal`` (or a subclass naming the
case) with a message written for the person who asked: what stopped it and, where there is
one, what they can do. Views catch it and call ``refusal_show``, which puts the message next
to the field it concerns, at the top of the form, or in a flash message on the next page.
Bulk actions collect refusals per item in a ``BulkOutcome`` and report what actually
happened.
"""

from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.http import HttpRequest


class ServiceRefusal(Exception):  # noqa: N818 (a refusal is not an error in the program)
    """A service declined, for a reason a person can read. ``field`` names the form field
    the reason is about, if any."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class TooManyRequests(ServiceRefusal):
    """Tried too often recently (a rate limit): the view answers with status 429, showing
    the form again as it was filled in, with the message."""


def refusal_show(
    refusal: ServiceRefusal,
    *,
    form: forms.BaseForm | None = None,
    request: HttpRequest | None = None,
) -> None:
    """Tell the person: as an error on ``form`` (beside its field when the refusal names one
    the form has, otherwise at the top), or else as an error message on the next page."""
    if form is not None:
        field = refusal.field if refusal.field in form.fields else None
        form.add_error(field, refusal.message)
    elif request is not None:
        messages.error(request, refusal.message)
    else:
        raise ValueError("refusal_show needs a form or a request to show the refusal on.")


@dataclass
class BulkOutcome:
    """What a bulk action did: how many items it changed, and each item it refused, by
    name, with the reason."""

    done: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)

    def refuse(self, name: str, refusal: ServiceRefusal) -> None:
        self.refused.append((name, refusal.message))

    def show(self, request: HttpRequest, *, done_text: str) -> None:
        """Flash what happened: ``done_text`` takes ``{count}``; each refusal follows."""
        if self.done:
            messages.success(request, done_text.format(count=self.done))
        for name, reason in self.refused:
            messages.error(request, f"Not changed: {name}. {reason}")

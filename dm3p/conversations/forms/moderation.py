"""What an organizer fills in to act on a post or a thread."""

from typing import Any

from django import forms

from dm3p.conversations.enums import PostState
from dm3p.conversations.models import Post, Space, Thread

REASON_HINT = (
    "The author is e-mailed what you did and this reason. Say what you can without naming "
    "who reported it."
)

# What can be done to a post in each state, in the words the form offers.
POST_ACTIONS = {
    PostState.SHOWN: [
        ("hide", "Hide it while you look into it (its author still sees it)"),
        ("remove", "Remove it for good"),
    ],
    PostState.HIDDEN: [("show", "Show it again"), ("remove", "Remove it for good")],
    PostState.HELD: [
        ("approve", "Publish it (their next posts appear at once)"),
        ("decline", "Don't publish it"),
    ],
}
# The actions whose reason the author must be told (they lose something by them).
NEEDS_REASON = {"hide", "remove", "decline", "lock", "move"}


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label="Reason",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the reason the author will read."},
    )


def _reason_needed_for(field: forms.Field, actions: list[str]) -> None:
    """The reason is asked for only by the actions in ``NEEDS_REASON`` (``clean`` checks):
    when every action offered needs one, the field is simply required; otherwise its hint
    names those that do."""
    needing = [action for action in actions if action in NEEDS_REASON]
    field.required = needing == actions
    if field.required or not needing:
        field.help_text = REASON_HINT
    else:
        field.help_text = f"Needed to {' or '.join(needing)} it. {REASON_HINT}"


class PostModerationForm(forms.Form):
    action = forms.ChoiceField(
        label="What to do",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with the post."},
    )
    reason = _reason_field()

    def __init__(self, *args: Any, post: Post, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = POST_ACTIONS.get(PostState(post.state), [])
        self.fields["action"].choices = choices  # type: ignore[attr-defined]
        _reason_needed_for(self.fields["reason"], [value for value, _ in choices])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("action") in NEEDS_REASON
            and "reason" not in self.errors
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", "Write the reason the author will read.")
        return cleaned


class ThreadModerationForm(forms.Form):
    action = forms.ChoiceField(
        label="What to do",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with the thread."},
    )
    space = forms.ModelChoiceField(
        queryset=Space.objects.none(),
        required=False,
        label="Move it to",
        help_text="Only for “Move it”. Topic spaces only.",
        empty_label="Choose a space",
    )
    reason = _reason_field()

    def __init__(self, *args: Any, thread: Thread, spaces: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            ("unlock", "Unlock it: replies are open again")
            if thread.locked
            else ("lock", "Lock it: nobody can reply"),
            ("unpin", "Unpin it") if thread.pinned else ("pin", "Pin it to the top of its space"),
        ]
        self.offers_move = spaces.exists()
        if self.offers_move:
            choices.append(("move", "Move it to another space"))
            self.fields["space"].queryset = spaces  # type: ignore[attr-defined]
        else:
            del self.fields["space"]
        self.fields["action"].choices = choices  # type: ignore[attr-defined]
        _reason_needed_for(self.fields["reason"], [value for value, _ in choices])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        action = cleaned.get("action")
        if action == "move" and cleaned.get("space") is None:
            self.add_error("space", "Choose the space to move the thread to.")
        if (
            action in NEEDS_REASON
            and "reason" not in self.errors
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", "Write the reason the person who started it will read.")
        return cleaned

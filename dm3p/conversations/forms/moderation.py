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
NEEDS_REASON = {"hide", "remove", "decline"}


def _reason_field(needed_for: str) -> forms.CharField:
    """The reason the author is told: asked for by ``clean`` only for the actions that
    need one, which the hint names."""
    return forms.CharField(
        label="Reason",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"Needed to {needed_for}. {REASON_HINT}",
    )


class PostModerationForm(forms.Form):
    action = forms.ChoiceField(
        label="What to do",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with the post."},
    )
    reason = _reason_field("hide, remove or decline it")

    def __init__(self, *args: Any, post: Post, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = POST_ACTIONS.get(  # type: ignore[attr-defined]
            PostState(post.state), []
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") in NEEDS_REASON and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Give a reason: the author is told it.")
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
    reason = _reason_field("lock or move it")

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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        action = cleaned.get("action")
        if action == "move" and cleaned.get("space") is None:
            self.add_error("space", "Choose the space to move the thread to.")
        if action in ("lock", "move") and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Give a reason: the person who started it is told it.")
        return cleaned

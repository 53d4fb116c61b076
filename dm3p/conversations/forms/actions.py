"""Forms of the post actions (issue 14): editing one's own post."""

from django import forms

from dm3p.conversations.models.forum import CONTENT_NOTE_MAX

POST_MAX = 10000


class PostEditForm(forms.Form):
    body = forms.CharField(
        label="Your post",
        max_length=POST_MAX,
        strip=True,
        error_messages={"required": "Write your post, or delete it instead."},
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="You can use Markdown: **bold**, *italics*, lists with - and links. "
        "The post shows that it was edited; moderators can read what it said before.",
    )
    content_note = forms.CharField(
        label="Content note (optional)",
        max_length=CONTENT_NOTE_MAX,
        required=False,
        help_text="A few words readers see before opening the post, such as "
        "\u201ca hospital stay\u201d. Leave it empty if the post needs none.",
    )

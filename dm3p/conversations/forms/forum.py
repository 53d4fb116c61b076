"""The forms of the conversation pages: a new thread, a reply, a space."""

from typing import Any

from django import forms
from django.core.files.base import ContentFile

from dm3p.accounts.selectors import members_now
from dm3p.conversations.enums import SpaceAudience
from dm3p.conversations.models import Space
from dm3p.conversations.models.forum import CONTENT_NOTE_MAX, TITLE_MAX
from dm3p.core.fields import checkboxes
from dm3p.core.images import ImageUploadField, image_upload_check, image_without_metadata

BODY_MAX = 10000
MARKDOWN_HINT = (
    "Written in Markdown: a blank line between paragraphs, “- ” before a list item, "
    "[link text](https://example.org) for a link. To name someone, type @ and their name as "
    "members know it (such as @Ana Ruiz): they are told, if they can read this thread."
)


class PostForm(forms.Form):
    body = forms.CharField(
        label="Your post",
        max_length=BODY_MAX,
        error_messages={"required": "Write your post."},
        widget=forms.Textarea(attrs={"rows": 8, "data-mentions": ""}),
        help_text=MARKDOWN_HINT,
    )
    content_note = forms.CharField(
        label="Content note (optional)",
        required=False,
        max_length=CONTENT_NOTE_MAX,
        help_text="A few words on what the post touches on, such as “a hospital stay”. The "
        "post is then folded, and readers open it when they choose.",
    )
    image = ImageUploadField(
        label="Image (optional)",
        required=False,
        help_text="PNG, JPEG, GIF or WebP, up to 5 MB. Location and camera details are removed.",
    )
    alt_text = forms.CharField(
        label="What the image shows",
        required=False,
        max_length=300,
        help_text="Needed with an image, for people who can't see it: a sentence or two.",
    )

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image:
            image_upload_check(image)
        return image

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("image") and not (cleaned.get("alt_text") or "").strip():
            self.add_error("alt_text", "Say what the image shows, so everyone can know what it is.")
        return cleaned

    def images(self) -> list[tuple[ContentFile[bytes], str]]:
        image = self.cleaned_data.get("image")
        if not image:
            return []
        return [(image_without_metadata(image), self.cleaned_data["alt_text"].strip())]


class ThreadForm(PostForm):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX,
        error_messages={"required": "Give the thread a title."},
        help_text="What the thread is about, in a few words.",
    )
    field_order = ["title", "body", "content_note", "image", "alt_text"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].label = "First post"


class SpaceForm(forms.ModelForm):  # type: ignore[type-arg]
    listed_people = checkboxes(
        "People in the space",
        "Only for a space whose audience is “Only the people listed”.",
    )

    class Meta:
        model = Space
        fields = ["name", "slug", "description", "audience", "position"]
        labels = {
            "name": "Name",
            "slug": "Web address",
            "description": "Description",
            "audience": "Who can read and write in it",
            "position": "Position in the list",
        }
        help_texts = {
            "slug": "The end of the space's address, such as “off-topic”. Lower-case letters, "
            "numbers and hyphens.",
            "description": "One sentence saying what the space is for.",
            "position": "Lower numbers come first.",
        }
        widgets = {"audience": forms.RadioSelect}
        error_messages = {
            "name": {"required": "Give the space a name."},
            "slug": {
                "required": "Enter the space's web address.",
                "unique": "Another space has this address. Choose another.",
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["listed_people"]
        field.queryset = members_now().select_related("profile").order_by("name", "pk")  # type: ignore[attr-defined]
        field.label_from_instance = lambda person: person.display_name  # type: ignore[attr-defined]
        field.required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("audience") == SpaceAudience.LISTED and not cleaned.get("listed_people"):
            self.add_error("listed_people", "Choose the people who can use this space.")
        return cleaned

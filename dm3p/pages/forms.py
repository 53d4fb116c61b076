from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve

from dm3p.core.images import ImageUploadField, image_upload_check
from dm3p.core.markdown import markdown_image_problems
from dm3p.pages.enums import PageLocation
from dm3p.pages.models import Page
from dm3p.pages.services import PageAnswers


class PageForm(forms.ModelForm[Page]):
    class Meta:
        model = Page
        fields = ["title", "slug", "body", "location", "menu_order", "is_published"]
        labels = {
            "slug": "Web address",
            "body": "Content",
            "location": "Where the page is linked",
            "menu_order": "Position in its menu",
            "is_published": "Published: anyone can read this page",
        }
        help_texts = {
            "slug": "The end of the page's address, e.g. “code-of-conduct” for "
            "/code-of-conduct/. Lower-case letters, numbers and hyphens.",
            "body": "Written in Markdown: a blank line between paragraphs, “## ” before a "
            "heading, “- ” before a list item, [link text](https://example.org) for a link. "
            "Every image needs alt text, ![what it shows](address); for a purely decorative "
            'image write ![](address "decorative").',
            "menu_order": "Lower numbers come first.",
        }
        error_messages = {
            "slug": {
                "unique": "Another page already has this address. Choose another.",
                "required": "Enter the page's web address.",
            },
            "title": {"required": "Enter a title for the page."},
        }
        widgets = {
            "location": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 20}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Changing an address breaks links people have shared; keep it once made.
            self.fields["slug"].disabled = True

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if self.instance.pk:
            return slug
        try:
            match = resolve(f"/{slug}/")
        except Resolver404:
            match = None
        if match is None or match.view_name != "pages:detail":
            raise ValidationError(
                "That address is used by another part of the site. Choose another."
            )
        return slug

    def answers(self) -> PageAnswers:
        data = self.cleaned_data
        return PageAnswers(
            title=data["title"],
            slug=data["slug"],
            body=data["body"],
            location=PageLocation(data["location"]),
            menu_order=data["menu_order"],
            is_published=data["is_published"],
        )

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        problems = markdown_image_problems(body)
        if problems:
            numbers = ", ".join(str(problem.number) for problem in problems)
            raise ValidationError(
                f"Image {numbers} has no alt text. Describe what it shows between the "
                'square brackets, or mark it decorative with ![](address "decorative").'
            )
        return body


class PageImageForm(forms.Form):
    image = ImageUploadField(
        label="Image file",
        help_text="PNG, JPEG, GIF or WebP, up to 5 MB. Location and camera details are removed.",
    )
    alt_text = forms.CharField(
        label="Alt text",
        required=False,
        max_length=300,
        help_text="What the image shows, for people who can't see it, in a sentence or two.",
    )
    is_decorative = forms.BooleanField(
        label="This image is decorative: it adds nothing that the text doesn't say",
        required=False,
    )

    def clean_image(self) -> Any:
        image = self.cleaned_data["image"]
        image_upload_check(image)
        return image

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("is_decorative") and not (cleaned.get("alt_text") or "").strip():
            self.add_error(
                "alt_text",
                "Enter alt text that says what the image shows, or mark it as decorative.",
            )
        return cleaned

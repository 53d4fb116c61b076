"""Uploaded images: checked by content, size and type, and re-encoded without metadata.

A small file can claim enormous dimensions (a "decompression bomb": a few hundred
kilobytes that unpack into gigabytes), so the pixel count is read from the header and
checked before anything is decoded."""

import io
import secrets
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps

MAX_IMAGE_BYTES = 5 * 1024 * 1024
# 24 million pixels: a 6000 × 4000 camera photo fits; decoding one takes about 100 MB.
MAX_IMAGE_PIXELS = 24_000_000
# What is kept: large enough for any screen the site shows images on.
MAX_IMAGE_SIDE = 2000
IMAGE_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}

# Pillow's own guard: it warns above this many pixels and refuses above twice as many, on
# every Image.open in the process (Django's ImageField opens each upload with it).
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS


def too_many_pixels_error() -> ValidationError:
    return ValidationError(
        "The image has more pixels than the site takes (24 million, such as 6000 × 4000). "
        "Make it smaller and try again.",
        code="too_many_pixels",
    )


def image_pixels_check(size: tuple[int, int]) -> None:
    width, height = size
    if width * height > MAX_IMAGE_PIXELS:
        raise too_many_pixels_error()


class ImageUploadField(forms.ImageField):
    """Django's ImageField, with a clear message when Pillow refuses an image for its size
    (Django would call it "not an image or a corrupted image")."""

    def to_python(self, data: Any) -> Any:
        try:
            return super().to_python(data)
        except ValidationError as error:
            if isinstance(
                error.__cause__, Image.DecompressionBombError | Image.DecompressionBombWarning
            ):
                raise too_many_pixels_error() from error
            raise


def image_upload_check(image: Any) -> None:
    """For a form's clean_<field>: the file Django's ImageField already opened with Pillow
    (which read the header only, so the size is known before any decoding)."""
    if image.size > MAX_IMAGE_BYTES:
        raise ValidationError("The image is larger than 5 MB. Make it smaller and try again.")
    opened = getattr(image, "image", None)
    image_format = getattr(opened, "format", None)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError("The file must be a PNG, JPEG, GIF or WebP image.")
    image_pixels_check(opened.size)  # type: ignore[union-attr]


def image_without_metadata(upload: UploadedFile[bytes]) -> ContentFile[bytes]:
    """Re-encode the image so camera metadata (such as location) never reaches the site,
    no larger than MAX_IMAGE_SIDE on its long side.
    The file gets a random name: names people give files can say too much."""
    with Image.open(upload) as original:
        # Checked again here: this also runs for files that skipped a form's checks.
        image_pixels_check(original.size)
        image_format = original.format or "PNG"
        # JPEG can decode straight at a fraction of its size, which saves most of the memory.
        original.draft(None, (MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
        cleaned = ImageOps.exif_transpose(original)
        cleaned.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        cleaned.save(buffer, format=image_format)
    return ContentFile(buffer.getvalue(), name=f"{secrets.token_hex(8)}.{image_format.lower()}")

"""Uploaded images: checked by content, size and type, and re-encoded without metadata."""

import io
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps

MAX_IMAGE_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}


def image_upload_check(image: Any) -> None:
    """For a form's clean_<field>: the file Django's ImageField already opened with Pillow."""
    if image.size > MAX_IMAGE_BYTES:
        raise ValidationError("The image is larger than 5 MB. Make it smaller and try again.")
    image_format = getattr(getattr(image, "image", None), "format", None)
    if image_format not in IMAGE_FORMATS:
        raise ValidationError("The file must be a PNG, JPEG, GIF or WebP image.")


def image_without_metadata(upload: UploadedFile[bytes]) -> ContentFile[bytes]:
    """Re-encode the image so camera metadata (such as location) never reaches the site.
    The file gets a random name: names people give files can say too much."""
    with Image.open(upload) as original:
        image_format = original.format or "PNG"
        cleaned = ImageOps.exif_transpose(original)
        buffer = io.BytesIO()
        cleaned.save(buffer, format=image_format)
    return ContentFile(buffer.getvalue(), name=f"{secrets.token_hex(8)}.{image_format.lower()}")

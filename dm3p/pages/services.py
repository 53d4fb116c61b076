import io
from pathlib import Path

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL import Image, ImageOps

from dm3p.core.services import audit_record
from dm3p.pages.models import Page, PageImage

PAGE_FIELDS = ("slug", "title", "body", "location", "menu_order", "is_published")


@transaction.atomic
def page_save(*, actor: AbstractBaseUser, page: Page, values: dict[str, object]) -> Page:
    """Create or update a page from already-validated values."""
    changed = [
        name for name in PAGE_FIELDS if name in values and getattr(page, name) != values[name]
    ]
    for name in changed:
        setattr(page, name, values[name])
    page.updated_by = actor  # type: ignore[assignment]
    page.full_clean()
    action = "page.update" if page.pk else "page.create"
    page.save()
    audit_record(actor=actor, action=action, target=page, fields=changed)
    return page


def _image_without_metadata(upload: UploadedFile) -> ContentFile[bytes]:
    """Re-encode the image so camera metadata (such as location) never reaches the site."""
    with Image.open(upload) as original:
        image_format = original.format or "PNG"
        cleaned = ImageOps.exif_transpose(original)
        buffer = io.BytesIO()
        cleaned.save(buffer, format=image_format)
    name = Path(upload.name or "image").stem[:60] or "image"
    return ContentFile(buffer.getvalue(), name=f"{name}.{image_format.lower()}")


@transaction.atomic
def page_image_upload(
    *, actor: AbstractBaseUser, upload: UploadedFile, alt_text: str, is_decorative: bool
) -> PageImage:
    image = PageImage(
        alt_text="" if is_decorative else alt_text.strip(),
        is_decorative=is_decorative,
        uploaded_by=actor,
    )
    cleaned = _image_without_metadata(upload)
    image.image.save(cleaned.name or "image", cleaned, save=False)
    image.full_clean()
    image.save()
    audit_record(actor=actor, action="page_image.upload", target=image)
    return image

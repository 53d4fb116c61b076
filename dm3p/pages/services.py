from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from dm3p.accounts.models import User
from dm3p.core.images import image_without_metadata
from dm3p.core.services import audit_record
from dm3p.pages.models import Page, PageImage

PAGE_FIELDS = ("slug", "title", "body", "location", "menu_order", "is_published")


@transaction.atomic
def page_save(*, actor: User, page: Page, values: dict[str, object]) -> Page:
    """Create or update a page from already-validated values."""
    # Compare with what is stored: a bound ModelForm has already changed ``page`` in memory.
    stored = Page.objects.filter(pk=page.pk).first() if page.pk else Page()
    changed = [
        name for name in PAGE_FIELDS if name in values and getattr(stored, name) != values[name]
    ]
    for name in changed:
        setattr(page, name, values[name])
    page.updated_by = actor
    page.full_clean()
    action = "page.update" if page.pk else "page.create"
    page.save()
    audit_record(actor=actor, action=action, target=page, fields=changed)
    return page


@transaction.atomic
def page_image_upload(
    *, actor: User, upload: UploadedFile[bytes], alt_text: str, is_decorative: bool
) -> PageImage:
    image = PageImage(
        alt_text="" if is_decorative else alt_text.strip(),
        is_decorative=is_decorative,
        uploaded_by=actor,
    )
    cleaned = image_without_metadata(upload)
    image.image.save(cleaned.name or "image", cleaned, save=False)
    image.full_clean()
    image.save()
    audit_record(actor=actor, action="page_image.upload", target=image)
    return image

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from dm3p.accounts.models import User
from dm3p.core.images import image_without_metadata
from dm3p.core.services import audit_record, instance_update
from dm3p.pages.models import Page, PageImage

PAGE_FIELDS = ("slug", "title", "body", "location", "menu_order", "is_published")


@transaction.atomic
def page_save(*, actor: User, page: Page, values: dict[str, object]) -> Page:
    """Create or update a page from already-validated values."""
    action = "page.update" if page.pk else "page.create"
    page.updated_by = actor
    fields = {name: value for name, value in values.items() if name in PAGE_FIELDS}
    instance_update(actor=actor, instance=page, values=fields, action=action)
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

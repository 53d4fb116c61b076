from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from dm3p.accounts.models import User
from dm3p.core.images import image_without_metadata
from dm3p.core.services import answers_save, audit_record
from dm3p.pages.enums import PageLocation
from dm3p.pages.models import Page, PageImage


@dataclass(frozen=True)
class PageAnswers:
    title: str
    slug: str
    body: str
    location: PageLocation
    menu_order: int
    is_published: bool


@transaction.atomic
def page_save(*, actor: User, page: Page | None, answers: PageAnswers) -> Page:
    """Add a page (``page`` None) or change one."""
    instance = Page.objects.select_for_update().get(pk=page.pk) if page is not None else Page()
    instance.updated_by = actor
    action = "page.update" if instance.pk else "page.create"
    answers_save(actor=actor, instance=instance, answers=answers, action=action)
    return instance


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

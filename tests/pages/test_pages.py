import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from dm3p.core.models import AuditEntry
from dm3p.pages.enums import PageLocation
from dm3p.pages.models import Page, PageImage
from tests.factories import make_page, make_pages, make_user
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import page_shown

pytestmark = pytest.mark.django_db

NEW_PAGE = {
    "title": "Resources",
    "slug": "resources",
    "body": "## Reading\n\nA list of **good** things.",
    "location": PageLocation.FOOTER,
    "menu_order": "40",
    "is_published": "on",
}


@pytest.fixture
def organizer() -> Client:
    return signed_in(make_user(is_organizer=True))


def png_bytes(with_location: bool = False) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (4, 4), "teal")
    exif = Image.Exif()
    if with_location:
        exif[0x010F] = "CameraMaker"  # Make
    image.save(buffer, format="JPEG" if with_location else "PNG", exif=exif)
    return buffer.getvalue()


def test_organizer_adds_a_page_that_visitors_read(organizer: Client) -> None:
    response = organizer.post("/manage/pages/new/", NEW_PAGE)
    assert response["Location"] == "/manage/pages/"
    html = Client().get("/resources/").content.decode()
    assert "<h1>Resources</h1>" in html
    assert "<h2>Reading</h2>\n<p>A list of <strong>good</strong> things.</p>" in html
    assert '<a href="/resources/">Resources</a>' in Client().get("/").content.decode()
    assert AuditEntry.objects.get(action="page.create").object_id == str(
        Page.objects.get(slug="resources").pk
    )


def test_page_edit_keeps_the_address_and_records_changed_fields(organizer: Client) -> None:
    page = make_page(slug="join", title="Join")
    organizer.post(f"/manage/pages/{page.slug}/", {**NEW_PAGE, "slug": "other", "title": "Join us"})
    page.refresh_from_db()
    assert (page.slug, page.title) == ("join", "Join us")
    assert AuditEntry.objects.get(action="page.update").fields == [
        "body",
        "location",
        "menu_order",
        "title",
    ]


def test_page_preview_shows_the_result_without_saving(organizer: Client) -> None:
    response = organizer.post("/manage/pages/new/", {**NEW_PAGE, "preview": "1"})
    html = response.content.decode()
    assert "Preview (not saved yet)" in html
    assert "<p>A list of <strong>good</strong> things.</p>" in html
    assert not Page.objects.filter(slug="resources").exists()


def test_page_image_without_alt_text_is_refused_and_text_kept(organizer: Client) -> None:
    body = "Intro\n\n![](/images/1/photo.png)"
    response = organizer.post("/manage/pages/new/", {**NEW_PAGE, "body": body})
    html = response.content.decode()
    assert "Image 1 has no alt text." in html
    assert "Intro\n\n![](/images/1/photo.png)</textarea>" in html
    assert not Page.objects.filter(slug="resources").exists()


def test_page_address_used_by_another_part_of_the_site_is_refused(organizer: Client) -> None:
    response = organizer.post("/manage/pages/new/", {**NEW_PAGE, "slug": "display"})
    assert "That address is used by another part of the site." in response.content.decode()


def test_page_duplicate_address_is_refused(organizer: Client) -> None:
    make_page(slug="resources")
    response = organizer.post("/manage/pages/new/", NEW_PAGE)
    assert "Another page already has this address. Choose another." in response.content.decode()


def test_unpublished_page_is_hidden_from_menus(client: Client) -> None:
    make_page(slug="draft", title="Draft page", location=PageLocation.MAIN, is_published=False)
    assert "Draft page" not in page_shown(
        client.get("/"), "Disability in Medicine Mutual Mentorship Program"
    )


def test_image_upload_with_alt_text_is_served(organizer: Client) -> None:
    upload = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    response = organizer.post(
        "/manage/pages/images/", {"image": upload, "alt_text": "Three members laughing"}
    )
    assert response["Location"] == "/manage/pages/images/"
    image = PageImage.objects.get()
    assert image.alt_text == "Three members laughing"
    served = Client().get(f"/images/{image.pk}/{str(image.image.name)[6:]}")
    assert b"".join(served.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"  # type: ignore[attr-defined]


def test_image_upload_removes_camera_metadata(organizer: Client) -> None:
    upload = SimpleUploadedFile(
        "photo.jpg", png_bytes(with_location=True), content_type="image/jpeg"
    )
    organizer.post("/manage/pages/images/", {"image": upload, "alt_text": "A photo"})
    with PageImage.objects.get().image.open("rb") as stored, Image.open(stored) as image:
        assert dict(image.getexif()) == {}


def test_image_upload_needs_alt_text_or_decorative(organizer: Client) -> None:
    upload = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    response = organizer.post("/manage/pages/images/", {"image": upload, "alt_text": " "})
    assert "Enter alt text that says what the image shows, or mark it as decorative." in (
        response.content.decode()
    )
    upload = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    organizer.post("/manage/pages/images/", {"image": upload, "is_decorative": "on"})
    assert list(PageImage.objects.values_list("alt_text", "is_decorative")) == [("", True)]


def test_image_upload_refuses_a_file_that_is_not_an_image(organizer: Client) -> None:
    upload = SimpleUploadedFile(
        "photo.png", b"<script>not an image</script>", content_type="image/png"
    )
    response = organizer.post("/manage/pages/images/", {"image": upload, "alt_text": "x"})
    assert "Upload a valid image." in response.content.decode()
    assert PageImage.objects.count() == 0


@pytest.mark.parametrize("url", ["/", "/manage/pages/"])
def test_pages_query_count_is_fixed(organizer: Client, url: str) -> None:
    make_page(location=PageLocation.MAIN)
    with_one = queries_for_page(organizer, url)
    make_pages(40, location=PageLocation.FOOTER)
    assert queries_for_page(organizer, url) == with_one

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from dm3p.core.images import image_without_metadata
from dm3p.members.models import Profile
from dm3p.pages.models import PageImage
from tests.factories import make_user
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

TOO_MANY_PIXELS = (
    "The image has more pixels than the site takes (24 million, such as 6000 × 4000). "
    "Make it smaller and try again."
)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def black_and_white_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG, written by hand so that making it never holds the pixels in memory:
    all-white rows compress to almost nothing, as in a real decompression bomb."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    pixels = zlib.compressobj(9)
    body = b"".join(pixels.compress(row) for _ in range(height)) + pixels.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", body)
        + png_chunk(b"IEND", b"")
    )


def test_image_upload_with_huge_dimensions_is_refused_before_decoding() -> None:
    bomb = black_and_white_png(9000, 9000)
    assert len(bomb) < 100_000
    client = signed_in(make_user(is_organizer=True))
    upload = SimpleUploadedFile("photo.png", bomb, content_type="image/png")
    response = client.post("/manage/pages/images/", {"image": upload, "alt_text": "A chart"})
    assert response.status_code == 200
    html = response.content.decode()
    assert TOO_MANY_PIXELS in html
    assert 'value="A chart"' in html
    assert PageImage.objects.count() == 0


def test_image_upload_just_over_the_pixel_budget_is_refused() -> None:
    client = signed_in(make_user(is_organizer=True))
    upload = SimpleUploadedFile(
        "big.png", black_and_white_png(6000, 4001), content_type="image/png"
    )
    response = client.post("/manage/pages/images/", {"image": upload, "alt_text": "A chart"})
    assert response.status_code == 200
    assert TOO_MANY_PIXELS in response.content.decode()
    assert PageImage.objects.count() == 0


def test_profile_photo_with_huge_dimensions_is_refused() -> None:
    owner = make_user()
    client = signed_in(owner)
    upload = SimpleUploadedFile("me.png", black_and_white_png(9000, 9000), content_type="image/png")
    response = client.post("/profile/edit/about-you/", {"photo": upload, "photo_alt_text": "Me"})
    assert response.status_code == 200
    assert TOO_MANY_PIXELS in response.content.decode()
    assert not Profile.objects.get(user=owner).photo


def test_image_upload_over_the_kept_size_is_stored_downscaled() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 1200), "teal").save(buffer, format="PNG")
    client = signed_in(make_user(is_organizer=True))
    upload = SimpleUploadedFile("wide.png", buffer.getvalue(), content_type="image/png")
    response = client.post("/manage/pages/images/", {"image": upload, "alt_text": "A banner"})
    assert response["Location"] == "/manage/pages/images/"
    with PageImage.objects.get().image.open("rb") as stored, Image.open(stored) as image:
        assert (image.format, image.size) == ("PNG", (2000, 800))


def test_image_without_metadata_downscales_a_tall_jpeg_and_drops_its_exif() -> None:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    Image.new("RGB", (1000, 4000), "navy").save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("tall.jpg", buffer.getvalue(), content_type="image/jpeg")
    cleaned = image_without_metadata(upload)
    with Image.open(cleaned) as image:
        assert (image.format, image.size, dict(image.getexif())) == ("JPEG", (500, 2000), {})


def test_image_without_metadata_keeps_a_small_image_at_its_size() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "navy").save(buffer, format="PNG")
    upload = SimpleUploadedFile("small.png", buffer.getvalue(), content_type="image/png")
    with Image.open(image_without_metadata(upload)) as image:
        assert image.size == (640, 480)

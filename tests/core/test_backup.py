import io
import stat
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from PIL import Image

from dm3p.accounts.models import User
from dm3p.core.backup import database_dump
from dm3p.events.enums import RsvpAnswer
from dm3p.events.models import Event, Rsvp, Speaker
from dm3p.members.models import Profile
from dm3p.members.services import profile_ensure
from dm3p.pages.models import Page
from tests.factories import make_page, make_user
from tests.factories.events import make_event, make_rsvp, make_speaker


def png(colour: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(buffer, format="PNG")
    return SimpleUploadedFile(f"{colour}.png", buffer.getvalue(), content_type="image/png")


def row_counts() -> dict[str, int]:
    """The number of rows in every table of the database."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def media_files() -> dict[str, bytes]:
    """Every uploaded file, by its path under MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def a_site_with_data() -> tuple[User, Event]:
    make_page(slug="kept", title="Kept page")
    member = make_user(email="ada@example.org", name="Ada Quinn")
    profile = profile_ensure(user=member)
    profile.lived_experience = "Lives with MS; uses a wheelchair."
    profile.health_consent_at = timezone.now()
    profile.photo = png("teal")
    profile.photo_alt_text = "Ada, smiling"
    profile.save()
    event = make_event(days_ahead=10, meeting_passcode="482913")
    make_speaker(
        event=event, name="Dr Rao", photo=png("navy"), photo_alt_text="Dr Rao at a lectern"
    )
    make_rsvp(event=event, member=member, answer=RsvpAnswer.GOING, answered_at=event.starts_at)
    return member, event


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_brings_back_every_row_and_uploaded_file(tmp_path: Path) -> None:
    member, event = a_site_with_data()
    counts = row_counts()
    files = media_files()
    assert (counts["events_speaker"], counts["members_profile"], len(files)) == (1, 1, 2)
    backup_file = tmp_path / "site.tar"
    call_command("backup", str(backup_file))

    # Everything changes after the backup: rows deleted, edited and added, files lost and new.
    Page.objects.all().delete()
    make_page(slug="after-backup")
    User.objects.filter(pk=member.pk).update(name="Someone else")
    Profile.objects.filter(user=member).update(lived_experience="changed")
    Event.objects.filter(pk=event.pk).delete()
    for name in files:
        (Path(settings.MEDIA_ROOT) / name).unlink()
    (Path(settings.MEDIA_ROOT) / "photos" / "later.png").write_bytes(b"later")

    call_command("restore", str(backup_file), "--yes-replace-everything")

    assert row_counts() == counts
    assert media_files() == files
    assert list(Page.objects.values_list("slug", "title")) == [("kept", "Kept page")]
    restored = Profile.objects.select_related("user").get()
    assert (restored.user.name, restored.lived_experience, restored.photo.name) == (
        "Ada Quinn",
        "Lives with MS; uses a wheelchair.",
        "photos/teal.png",
    )
    restored_event = Event.objects.get()
    assert (restored_event.title, restored_event.meeting_passcode) == (
        "Monthly gathering",
        "482913",
    )
    assert list(Rsvp.objects.values_list("member__email", "answer")) == [
        ("ada@example.org", "going")
    ]
    speaker = Speaker.objects.get()
    assert speaker.photo.storage.exists(str(speaker.photo.name))


@pytest.mark.django_db(transaction=True)
def test_backup_is_one_archive_only_its_owner_can_read(tmp_path: Path) -> None:
    a_site_with_data()
    backup_file = tmp_path / "site.tar"
    call_command("backup", str(backup_file))
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600
    with tarfile.open(backup_file) as archive:
        names = sorted(archive.getnames())
    assert names == [
        "database",
        "manifest.json",
        "media",
        "media/photos",
        "media/photos/teal.png",
        "media/speakers",
        "media/speakers/navy.png",
    ]


@pytest.mark.django_db
def test_restore_needs_confirmation(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Restoring replaces everything"):
        call_command("restore", str(tmp_path / "x.backup"))


@pytest.mark.django_db
def test_restore_of_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="There is no backup file at"):
        call_command("restore", str(tmp_path / "x.backup"), "--yes-replace-everything")


@pytest.mark.django_db
def test_restore_of_another_archive_says_so_and_changes_nothing(tmp_path: Path) -> None:
    make_page(slug="kept")
    other = tmp_path / "photos.tar"
    with tarfile.open(other, mode="w") as archive:
        archive.addfile(tarfile.TarInfo("holiday.jpg"), io.BytesIO(b""))
    with pytest.raises(CommandError, match="This file is not a backup made by the backup"):
        call_command("restore", str(other), "--yes-replace-everything")
    assert list(Page.objects.values_list("slug", flat=True)) == ["kept"]


@pytest.mark.django_db(transaction=True)
def test_restore_of_an_older_database_only_backup_leaves_uploaded_files_alone(
    tmp_path: Path,
) -> None:
    make_page(slug="kept")
    old_backup = tmp_path / "dm3p.backup"
    database_dump(destination=old_backup)
    make_page(slug="after-backup")
    (Path(settings.MEDIA_ROOT) / "later.png").write_bytes(b"later")
    call_command("restore", str(old_backup), "--yes-replace-everything")
    assert list(Page.objects.values_list("slug", flat=True)) == ["kept"]
    assert media_files() == {"later.png": b"later"}

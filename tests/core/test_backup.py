from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dm3p.pages.models import Page
from tests.factories import make_page


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_brings_data_back(tmp_path: Path) -> None:
    make_page(slug="kept", title="Kept page")
    backup_file = tmp_path / "site.backup"
    call_command("backup", str(backup_file))
    Page.objects.all().delete()
    make_page(slug="after-backup")
    call_command("restore", str(backup_file), "--yes-replace-everything")
    assert list(Page.objects.values_list("slug", "title")) == [("kept", "Kept page")]


@pytest.mark.django_db
def test_restore_needs_confirmation(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Restoring replaces everything"):
        call_command("restore", str(tmp_path / "x.backup"))


@pytest.mark.django_db
def test_restore_of_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="There is no backup file at"):
        call_command("restore", str(tmp_path / "x.backup"), "--yes-replace-everything")

"""Back up and restore the whole site: the database (SQLite's online backup, or
pg_dump/pg_restore) and the uploaded files in MEDIA_ROOT, together in one tar archive."""

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.db import connection

# Inside the archive: what it holds, the database, and the uploaded files under media/.
MANIFEST = "manifest.json"
DATABASE = "database"
MEDIA = "media"
FORMAT = 1


class BackupError(Exception):
    pass


def _postgres_environment() -> dict[str, str]:
    settings_dict = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(settings_dict.get("HOST") or ""),
            "PGPORT": str(settings_dict.get("PORT") or ""),
            "PGUSER": str(settings_dict.get("USER") or ""),
            "PGPASSWORD": str(settings_dict.get("PASSWORD") or ""),
            "PGDATABASE": str(settings_dict["NAME"]),
        }
    )
    return {key: value for key, value in env.items() if value != ""}


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            command, env=_postgres_environment(), capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed (on Debian: postgresql-client)."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _sqlite_connection() -> sqlite3.Connection:
    connection.ensure_connection()
    raw = connection.connection
    if not isinstance(raw, sqlite3.Connection):
        raise BackupError("The database connection is not an SQLite connection.")
    return raw


def database_dump(*, destination: Path) -> None:
    """A consistent copy of the database alone, taken while the site runs (the format of
    backups before they held the uploaded files too)."""
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(destination)) as target:
            _sqlite_connection().backup(target)
    elif connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={destination}"])
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def _database_load(source: Path) -> None:
    if connection.vendor == "sqlite":
        with closing(sqlite3.connect(source)) as backup:
            backup.backup(_sqlite_connection())
    elif connection.vendor == "postgresql":
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ]
        )
    else:
        raise BackupError(f"Restoring {connection.vendor} databases is not supported.")


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def site_backup(*, destination: Path) -> Path:
    """Write the database and the uploaded files to one archive at ``destination``, readable
    only by its owner (it holds everyone's data). The database is copied first: a file
    uploaded while the backup runs is then at worst an unused extra, never missing."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=destination.parent) as work:
        dump = Path(work) / DATABASE
        database_dump(destination=dump)
        partial = Path(work) / "archive.tar"
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as archive:
            manifest = json.dumps(
                {
                    "format": FORMAT,
                    "database": connection.vendor,
                    "created_at": dt.datetime.now(tz=dt.UTC).isoformat(),
                }
            ).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(manifest)
            info.mode = 0o600
            archive.addfile(info, io.BytesIO(manifest))
            archive.add(dump, arcname=DATABASE)
            media = _media_root()
            if media.is_dir():
                archive.add(media, arcname=MEDIA)
        partial.replace(destination)
    return destination


def _manifest(archive: tarfile.TarFile) -> dict[str, object]:
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.loads(member.read()) if member else None
    except (KeyError, ValueError) as error:
        raise BackupError("This file is not a backup made by the backup command.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This backup was made by a different version of the site.")
    return manifest


def _media_replace(archive: tarfile.TarFile, work: Path) -> None:
    """Put the archive's media/ in place of MEDIA_ROOT's contents (unpacked beside it first,
    so a failure leaves the current files as they were)."""
    members = [
        member
        for member in archive.getmembers()
        if member.name == MEDIA or member.name.startswith(f"{MEDIA}/")
    ]
    unpacked = work / "unpacked"
    archive.extractall(unpacked, members=members, filter="data")
    new_media = unpacked / MEDIA
    media = _media_root()
    media.mkdir(parents=True, exist_ok=True)
    for old in media.iterdir():
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
        else:
            old.unlink()
    if new_media.is_dir():
        for new in new_media.iterdir():
            shutil.move(new, media / new.name)


def site_restore(*, source: Path) -> None:
    """Replace the database's contents and the uploaded files with a backup made by
    site_backup. An older backup holding only a database file restores the database alone."""
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    if not tarfile.is_tarfile(source):
        _database_load(source)
        return
    media = _media_root()
    media.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside MEDIA_ROOT when the site may write there, so files move rather than copy.
    beside = media.parent if os.access(media.parent, os.W_OK) else None
    with (
        tarfile.open(source, mode="r") as archive,
        tempfile.TemporaryDirectory(dir=beside) as work_name,
    ):
        work = Path(work_name)
        manifest = _manifest(archive)
        if manifest.get("database") != connection.vendor:
            raise BackupError(
                f"This backup holds a {manifest.get('database')} database, but the site uses "
                f"{connection.vendor}."
            )
        archive.extractall(work, members=[archive.getmember(DATABASE)], filter="data")
        _database_load(work / DATABASE)
        _media_replace(archive, work)

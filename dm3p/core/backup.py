"""Back up and restore the whole database: SQLite's online backup, or pg_dump/pg_restore."""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


def _postgres_environment() -> dict[str, str]:
    settings = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(settings.get("HOST") or ""),
            "PGPORT": str(settings.get("PORT") or ""),
            "PGUSER": str(settings.get("USER") or ""),
            "PGPASSWORD": str(settings.get("PASSWORD") or ""),
            "PGDATABASE": str(settings["NAME"]),
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


def database_backup(*, destination: Path) -> Path:
    """Write a consistent copy of the database to ``destination`` while the site runs."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        with sqlite3.connect(destination) as target:
            _sqlite_connection().backup(target)
        target.close()
    elif connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={destination}"])
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    return destination


def database_restore(*, source: Path) -> None:
    """Replace the database's contents with a backup made by database_backup."""
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    if connection.vendor == "sqlite":
        with sqlite3.connect(source) as backup:
            backup.backup(_sqlite_connection())
        backup.close()
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

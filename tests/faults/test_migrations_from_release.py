"""Upgrading a site from each release keeps its data readable, and so does going back: every
migration since runs forwards and backwards over real data, on the suite's database."""

from collections.abc import Iterable
from types import ModuleType

import pytest
from cryptography.fernet import InvalidToken
from django.apps import apps as current_apps
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from encrypted_fields.fields import EncryptedFieldMixin, EncryptedJSONField

from tests.releases import RELEASES

Node = tuple[str, str]
OUR_APPS = {
    "core",
    "accounts",
    "pages",
    "members",
    "events",
    "accommodations",
    "circles",
    "conversations",
}


def migrate(targets: list[Node]) -> None:
    MigrationExecutor(connection).migrate(targets)


def latest_migrations() -> list[Node]:
    leaves: list[Node] = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return leaves


def models_at(targets: list[Node]) -> Apps:
    """The historical models of the schema those migrations make (an app whose target is
    None had no migrations then)."""
    applied = [(app, name) for app, name in targets if name is not None]
    return MigrationExecutor(connection).loader.project_state(applied).apps


def encrypted_columns_not_encrypted(apps: Apps, app_labels: Iterable[str]) -> list[str]:
    """Fields declared encrypted whose stored values are not ciphertext for the site's keys
    (the field would hand such a value back as it is, so reading alone can't tell)."""
    found = set()
    quote = connection.ops.quote_name
    for model in apps.get_models():
        if model._meta.app_label not in app_labels:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, EncryptedFieldMixin) or isinstance(field, EncryptedJSONField):
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {quote(field.column)} FROM {quote(model._meta.db_table)}"  # noqa: S608
                )
                stored = [value for (value,) in cursor.fetchall() if value]
            for value in stored:
                try:
                    field.f.decrypt(value.encode())
                except InvalidToken:
                    found.add(f"{model._meta.label}.{field.name}")
    return sorted(found)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("release", RELEASES, ids=lambda release: release.NAME)
def test_data_from_a_release_survives_migrating_forwards_and_back(release: ModuleType) -> None:
    at_release = list(release.LEAVES.items())
    latest = latest_migrations()
    try:
        migrate(at_release)
        release_models = models_at(at_release)
        release.load(release_models)
        assert release.read(release_models) == release.EXPECTED

        migrate(latest)
        assert release.read(current_apps) == release.EXPECTED
        assert encrypted_columns_not_encrypted(current_apps, OUR_APPS) == []

        migrate(at_release)
        assert release.read(release_models) == release.EXPECTED
        assert encrypted_columns_not_encrypted(release_models, OUR_APPS) == []
    finally:
        # The rest of the suite needs the latest schema.
        migrate(latest)


def test_each_release_names_a_migration_of_every_app_of_ours() -> None:
    graph = MigrationExecutor(None).loader.graph
    for release in RELEASES:
        assert set(release.LEAVES) == OUR_APPS, release.NAME
        assert all(node in graph.nodes for node in release.LEAVES.items() if node[1] is not None), (
            release.NAME
        )

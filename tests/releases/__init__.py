"""One fixture per release of the site: its leaf migrations and data to load at its schema.

When a release is made, add a module here for it (copy the last one, set NAME and LEAVES to
the release's commit and each app's last migration, and load whatever the release added), and
list it in RELEASES. tests/faults/test_migrations_from_release.py migrates each one forwards
to the latest migrations and back again, on SQLite and on PostgreSQL.
"""

from tests.releases import release_890cb57

RELEASES = [release_890cb57]

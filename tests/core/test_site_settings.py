import pytest
from django.test import Client

from dm3p.core.models import AuditEntry, SiteSettings
from tests.factories import make_user
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import parse

pytestmark = pytest.mark.django_db

VALID = {
    "name": "PeerMed",
    "long_name": "Peer Mentorship in Medicine",
    "tagline": "Together.",
    "contact_email": "team@example.org",
    "time_zone": "America/New_York",
}


@pytest.fixture
def admin_client() -> Client:
    return signed_in(make_user(is_admin=True))


def test_site_settings_change_shows_everywhere_and_is_audited(admin_client: Client) -> None:
    response = admin_client.post("/manage/site/", VALID)
    assert response["Location"] == "/manage/site/"
    html = Client().get("/display/").content.decode()
    assert "<title>Display settings – PeerMed</title>" in html
    assert "mailto:team@example.org" in html
    entry = AuditEntry.objects.get(action="site_settings.update")
    assert entry.fields == ["contact_email", "long_name", "name", "tagline"]


def test_site_settings_bad_email_keeps_input_and_explains(admin_client: Client) -> None:
    response = admin_client.post("/manage/site/", {**VALID, "contact_email": "not an address"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Site settings – DM3P</title>" in html
    assert '<a href="#id_contact_email">Contact email: Enter a valid email address.</a>' in html
    assert 'value="PeerMed"' in html
    assert 'aria-describedby="id_contact_email_helptext id_contact_email_error"' in html
    assert SiteSettings.objects.count() == 0


def test_site_settings_missing_name_is_refused(admin_client: Client) -> None:
    response = admin_client.post("/manage/site/", {**VALID, "name": ""})
    summary = '<a href="#id_name">Short name: Enter a short name for the site.</a>'
    assert summary in response.content.decode()


def test_audit_log_lists_entries_newest_first(admin_client: Client) -> None:
    admin_client.post("/manage/site/", VALID)
    admin_client.post("/manage/site/", {**VALID, "name": "Second"})
    cells = [
        [cell.text() for cell in row.all("td")]
        for row in parse(admin_client.get("/manage/audit/")).all("tr")
    ]
    rows = [row[-1] for row in cells if "Site settings: changed" in row]
    # The second save changed only the name; the first set every field, each named as the
    # settings page names it.
    assert len(rows) == 2
    assert rows[0] == "name"
    assert "contact email" in rows[1]
    assert "contact_email" not in rows[1]


def add_audit_entries(count: int) -> None:
    actor = make_user()
    AuditEntry.objects.bulk_create(
        [AuditEntry(actor=actor, subject_user=actor, action=f"test.{n}") for n in range(count)]
    )


def test_audit_log_query_count_is_fixed(admin_client: Client) -> None:
    add_audit_entries(1)
    with_one = queries_for_page(admin_client, "/manage/audit/")
    add_audit_entries(120)
    # session, user, MFA check, count, page of entries, site settings, menu pages, new messages,
    # the reader's time zone
    assert queries_for_page(admin_client, "/manage/audit/") == with_one == 10

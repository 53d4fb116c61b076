import pytest

from dm3p.accounts.enums import MembershipStatus
from dm3p.core.emails import email_kinds_in_order
from dm3p.core.hooks import EMAIL_KINDS, EmailKind
from dm3p.core.models import AuditEntry, EmailOptOut
from tests.factories import make_user
from tests.factories.core import make_email_opt_out
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import parse

pytestmark = pytest.mark.django_db

REMINDERS = EmailKind(key="test-reminders", label="Reminders", description="Before gatherings.")


@pytest.fixture(autouse=True)
def reminders_kind() -> object:
    EMAIL_KINDS.register(REMINDERS)
    yield REMINDERS
    EMAIL_KINDS.unregister(REMINDERS)


def all_on(**changes: str) -> dict[str, str]:
    """The form with every kind of e-mail ticked, then ``changes``."""
    data = {kind.key: "on" for kind in email_kinds_in_order() if not kind.security}
    data.update(changes)
    return {key: value for key, value in data.items() if value}


def test_email_preferences_turn_a_kind_off_and_on() -> None:
    user = make_user()
    client = signed_in(user)
    client.post("/account/emails/", all_on(**{"test-reminders": ""}))
    assert list(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True)) == [
        "test-reminders"
    ]
    client.post("/account/emails/", all_on())
    assert EmailOptOut.objects.filter(user=user).count() == 0
    assert (
        AuditEntry.objects.filter(action="email_preferences.update", subject_user=user).count() == 2
    )


def test_email_preferences_security_cannot_be_turned_off() -> None:
    user = make_user()
    client = signed_in(user)
    html = client.get("/account/emails/").content.decode()
    checkbox = (
        '<input type="checkbox" name="security" disabled aria-describedby="id_security_helptext"'
        ' id="id_security" checked>'
    )
    assert checkbox in html
    client.post("/account/emails/", all_on(security=""))
    assert EmailOptOut.objects.filter(user=user).count() == 0


def test_email_preferences_show_the_current_choice() -> None:
    user = make_user()
    make_email_opt_out(user=user, kind="test-reminders")
    client = signed_in(user)
    html = client.get("/account/emails/").content.decode()
    checkbox = (
        '<input type="checkbox" name="test-reminders"'
        ' aria-describedby="id_test-reminders_helptext" id="id_test-reminders">'
    )
    assert checkbox in html


def _kinds_shown(html: bytes) -> dict[str, str]:
    """Each choice on the page: its label, and the text of the hint right under it (the one
    its checkbox names in aria-describedby)."""
    page = parse(html)
    shown = {}
    for box in page.one("main").all("input", type="checkbox"):
        [label] = page.all("label", **{"for": box.attrs["id"]})
        [hint] = page.all(id=box.attrs["aria-describedby"])
        shown[label.text()] = hint.text()
    return shown


def test_members_see_only_the_kinds_they_can_receive_each_with_its_hint() -> None:
    member = make_user()
    shown = _kinds_shown(signed_in(member).get("/account/emails/").content)
    assert "Alerts for organizers" not in shown
    assert "Alerts for accommodations coordinators" not in shown
    assert shown["Messages from other members"].startswith("A copy of each message or reply")
    assert shown["Your mentorship circle"].startswith("When a round of circles opens")
    assert shown["Account and security (always sent)"].startswith("Confirming your address")


def test_organizers_and_coordinators_see_their_alerts() -> None:
    organizer = make_user(is_organizer=True)
    assert "Alerts for organizers" in _kinds_shown(
        signed_in(organizer).get("/account/emails/").content
    )
    coordinator = make_user(is_coordinator=True)
    shown = _kinds_shown(signed_in(coordinator).get("/account/emails/").content)
    assert "Alerts for accommodations coordinators" in shown
    assert "Alerts for organizers" not in shown


def test_an_applicant_sees_no_member_kinds() -> None:
    applicant = make_user(membership_status=MembershipStatus.APPLICANT)
    shown = _kinds_shown(signed_in(applicant).get("/account/emails/").content)
    assert "Messages from other members" not in shown
    assert "Your mentorship circle" not in shown
    assert "Your application to join (always sent)" in shown


def test_a_choice_about_a_kind_not_shown_is_kept() -> None:
    former_organizer = make_user()
    make_email_opt_out(user=former_organizer, kind="staff_alerts")
    signed_in(former_organizer).post("/account/emails/", all_on())
    assert list(
        EmailOptOut.objects.filter(user=former_organizer).values_list("kind", flat=True)
    ) == ["staff_alerts"]


def test_email_preferences_page_queries_do_not_grow_with_opt_outs() -> None:
    user = make_user()
    client = signed_in(user)
    make_email_opt_out(user=user, kind="test-reminders")
    one = queries_for_page(client, "/account/emails/")
    for kind in ("member_messages", "circle_updates", "event_updates"):
        make_email_opt_out(user=user, kind=kind)
    assert queries_for_page(client, "/account/emails/") == one

import pytest

from dm3p.core.emails import email_kinds_in_order
from dm3p.core.hooks import EMAIL_KINDS, EmailKind
from dm3p.core.models import AuditEntry, EmailOptOut
from tests.factories import make_user
from tests.factories.core import make_email_opt_out
from tests.helpers import signed_in

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

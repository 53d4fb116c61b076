"""The task worker killed with SIGKILL at each point of sending a batch of e-mails, then
started again: every e-mail arrives, and only the one cut off between the mail server's
acceptance and being marked sent arrives twice, with the same Message-ID."""

from collections import Counter
from pathlib import Path

import pytest

from dm3p.core.enums import EmailStatus
from dm3p.core.models import OutboundEmail
from tests.faults.helpers import (
    Hold,
    Service,
    SmtpServer,
    database_url,
    queue_emails,
    running,
    wait_until,
)

pytestmark = pytest.mark.django_db(transaction=True)


def reach(hold: Hold, worker: Service) -> str:
    """Wait until the worker's SMTP session stops at the hold; the held Message-ID."""
    wait_until(
        lambda: hold.reached.is_set() or not worker.alive(),
        what=f"{worker.name} to reach the mail server's {hold.point}",
    )
    assert worker.alive(), f"{worker.name} stopped:\n{worker.log()}"
    return hold.message_id


def status_of(outbox_id: int) -> str:
    return OutboundEmail.objects.get(pk=outbox_id).status


def test_worker_killed_at_each_point_sends_all_and_repeats_only_the_accepted_unmarked(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    outbox = queue_emails(6)
    with running(tmp_path, database_url=database_url(), smtp=smtp) as services:
        # 1. Killed while the mail server has the message but has not accepted it.
        hold = smtp.hold_next("data")
        worker = services.worker("worker-1")
        not_accepted = reach(hold, worker)
        worker.kill()
        hold.released.set()
        assert status_of(outbox[not_accepted]) == EmailStatus.QUEUED

        # 2. Killed after the server accepted it, before it was marked sent.
        hold = smtp.hold_next("quit")
        worker = services.worker("worker-2")
        accepted_unmarked = reach(hold, worker)
        worker.kill()
        hold.released.set()
        assert status_of(outbox[accepted_unmarked]) == EmailStatus.QUEUED

        # 3. Killed after it was marked sent, while opening the next e-mail's session.
        hold = smtp.hold_next("quit")
        worker = services.worker("worker-3")
        marked = reach(hold, worker)
        next_session = smtp.hold_next("greeting")
        hold.released.set()
        reach(next_session, worker)
        assert status_of(outbox[marked]) == EmailStatus.SENT
        worker.kill()
        next_session.released.set()

        # 4. Started once more, it sends everything still waiting.
        worker = services.worker("worker-4")
        wait_until(
            lambda: (
                set(smtp.message_ids()) == set(outbox)
                and not OutboundEmail.objects.exclude(status=EmailStatus.SENT).exists()
            ),
            what="every e-mail to arrive and be marked sent",
        )
        assert worker.alive(), worker.log()

    copies = Counter(smtp.message_ids())
    assert copies == {
        message_id: 2 if message_id == accepted_unmarked else 1 for message_id in outbox
    }
    assert not_accepted != accepted_unmarked
    twice = [message for message in smtp.received if message.message_id == accepted_unmarked]
    assert [(message.subject, message.to) for message in twice] == [
        (twice[0].subject, twice[0].to)
    ] * 2
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}

"""Two worker processes on one PostgreSQL queue, as on two machines: every task runs and
every e-mail is sent once, and both share the work."""

from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from dm3p.core.enums import EmailStatus
from dm3p.core.models import OutboundEmail
from dm3p.core.tasks import email_send
from tests.faults.helpers import SmtpServer, database_url, queue_emails, running, wait_until

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="Workers on several machines share a PostgreSQL queue; SQLite serves one machine.",
    ),
]

EMAILS = 300


def test_two_workers_send_every_email_once_and_share_the_work(
    tmp_path: Path, smtp: SmtpServer
) -> None:
    with transaction.atomic():
        expected = set(queue_emails(EMAILS))
    assert len(expected) == EMAILS
    email_tasks = DBTaskResult.objects.filter(task_path=email_send.module_path)
    # Neither worker starts sending until both are: each holds one session open.
    smtp.start_together(2)
    with running(tmp_path, database_url=database_url(), smtp=smtp) as services:
        workers = [services.worker("worker-a"), services.worker("worker-b")]
        wait_until(
            lambda: (
                (
                    len(smtp.message_ids()) >= EMAILS
                    and not OutboundEmail.objects.exclude(status=EmailStatus.SENT).exists()
                    and not email_tasks.exclude(status="SUCCESSFUL").exists()
                )
                or not all(worker.alive() for worker in workers)
            ),
            what=f"{EMAILS} e-mails to be sent",
            timeout=120,
        )
        for worker in workers:
            assert worker.alive(), worker.log()

    assert Counter(smtp.message_ids()) == dict.fromkeys(expected, 1)
    assert set(email_tasks.values_list("status", flat=True)) == {"SUCCESSFUL"}
    # Each task was claimed once, by one worker.
    claims = list(email_tasks.values_list("worker_ids", flat=True))
    assert {len(worker_ids) for worker_ids in claims} == {1}
    shares = Counter(worker_ids[0] for worker_ids in claims)
    assert set(shares) == {"worker-a", "worker-b"}
    assert sum(shares.values()) == len(claims) >= EMAILS
    # Other tasks (repeating work queued at start) ran once or wait for their time.
    others = DBTaskResult.objects.exclude(task_path=email_send.module_path)
    assert {len(worker_ids) for worker_ids in others.values_list("worker_ids", flat=True)} <= {0, 1}

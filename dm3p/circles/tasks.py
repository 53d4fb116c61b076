from django.tasks import task

from dm3p.circles.services.circle_life import check_in_reminders_send
from dm3p.circles.services.drafts import matching_run, round_publication_send
from dm3p.circles.services.rounds import round_announcement_send
from dm3p.core.periodic import periodic_queue_next


@task()
def round_match(round_id: int, run_count: int) -> None:
    """Run the matching engine for a round, reporting progress on the round as it goes."""
    matching_run(round_id=round_id, run_count=run_count)


@task()
def round_publication(round_id: int) -> int:
    """E-mail the members of a round just published."""
    return round_publication_send(round_id=round_id)


@task()
def round_announcement(round_id: int) -> int:
    """E-mail members that a round's sign-up is open."""
    return round_announcement_send(round_id=round_id)


@task()
def check_in_reminders_daily() -> int:
    """Remind members whose circle check-in is due, every day."""
    sent = check_in_reminders_send()
    periodic_queue_next(check_in_reminders_daily)
    return sent

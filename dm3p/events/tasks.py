from django.tasks import task

from dm3p.events.services import event_invitations_send, event_reminders_send


@task()
def event_reminders(event_id: int, days_before: int, sequence: int) -> int:
    """Send one round of reminders. A run queued before the event changed (an older
    sequence) does nothing: the change queued its own. The outbox key per member keeps a
    retried or doubled run from sending anything twice."""
    return event_reminders_send(event_id=event_id, days_before=days_before, sequence=sequence)


@task()
def event_invitations(event_id: int) -> int:
    """Invite the members who haven't answered a gathering yet (once each: the outbox key)."""
    return event_invitations_send(event_id=event_id)

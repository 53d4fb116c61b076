"""What later apps can react to in accounts."""

from django.dispatch import Signal

# Sent inside the transaction that changed someone's membership status: sender=User,
# person=..., before=MembershipStatus, after=MembershipStatus, actor=User or None.
# events issues a new calendar-feed address when access ends or comes back.
membership_status_changed = Signal()

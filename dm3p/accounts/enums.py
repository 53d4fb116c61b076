from django.db import models


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", "Applicant"
    DECLINED = "declined", "Declined"
    MEMBER = "member", "Member"
    ALLY = "ally", "Ally member"
    SUSPENDED = "suspended", "Suspended"


class StaffRole(models.TextChoices):
    COORDINATOR = "coordinator", "Accommodations coordinator"
    ORGANIZER = "organizer", "Organizer"
    ADMIN = "admin", "Admin"


# Who counts as a member now: every member-only page, list and e-mail asks this (through
# accounts.selectors.members_now and accounts.rules.is_member). Declined and suspended people,
# and applicants, are not members, whatever they were before.
MEMBER_NOW_STATUSES = frozenset({MembershipStatus.MEMBER, MembershipStatus.ALLY})

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

from django.db import models


class TermKind(models.TextChoices):
    PROFESSION = "profession", "Professions"
    STAGE = "stage", "Stages of training or career"
    TOPIC = "topic", "Topics to share or learn about"
    MODE = "mode", "Ways of communicating"
    CONDITION = "condition", "Kinds of disability or chronic illness"


class JoinsAs(models.TextChoices):
    DISABLED = "disabled", "A person with a disability or chronic illness"
    ALLY = "ally", "An ally"
    UNSAID = "unsaid", "I'd rather not say"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Not sent yet"
    SUBMITTED = "submitted", "Waiting for review"
    MORE_INFO = "more_info", "More information requested"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"

    @property
    def awaits_decision(self) -> bool:
        """Sent, and not yet approved or declined (organizers may decide it)."""
        return self in {ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO}

    @property
    def editable_by_applicant(self) -> bool:
        """Not sent yet, or sent back with a question: the applicant may change it."""
        return self in {ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO}


class Decision(models.TextChoices):
    APPROVE = "approve", "Approve"
    DECLINE = "decline", "Decline"
    MORE_INFO = "more_info", "Ask for more information"


class YearsLived(models.TextChoices):
    UNDER_ONE = "under_1", "Less than a year"
    ONE_TO_FIVE = "1_5", "1 to 5 years"
    FIVE_TO_TEN = "5_10", "5 to 10 years"
    TEN_TO_TWENTY = "10_20", "10 to 20 years"
    OVER_TWENTY = "20_plus", "More than 20 years"
    LIFELONG = "lifelong", "Since birth or childhood"


class DayPart(models.TextChoices):
    MORNING = "morning", "Morning (6 am to noon)"
    AFTERNOON = "afternoon", "Afternoon (noon to 5 pm)"
    EVENING = "evening", "Evening (5 pm to 10 pm)"
    NIGHT = "night", "Night (10 pm to 6 am)"

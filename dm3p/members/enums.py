from django.db import models


class TermKind(models.TextChoices):
    PROFESSION = "profession", "Professions"
    STAGE = "stage", "Stages of training or career"
    TOPIC = "topic", "Topics to share or learn about"
    MODE = "mode", "Ways of communicating"


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


class Decision(models.TextChoices):
    APPROVE = "approve", "Approve"
    DECLINE = "decline", "Decline"
    MORE_INFO = "more_info", "Ask for more information"

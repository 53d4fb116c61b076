from django.db.models import Q, QuerySet

from dm3p.accounts.models import User
from dm3p.members.enums import ApplicationStatus, TermKind
from dm3p.members.messages import DEFAULTS
from dm3p.members.models import Application, CommunitySettings, EmailTemplate, Term


def community_settings_get() -> CommunitySettings:
    return CommunitySettings.objects.filter(pk=1).first() or CommunitySettings(pk=1)


def email_template_get(*, key: str) -> EmailTemplate:
    """The organizers' wording of an e-mail, or the starting wording if never edited."""
    saved = EmailTemplate.objects.filter(key=key).first()
    if saved is not None:
        return saved
    default = DEFAULTS[key]
    return EmailTemplate(key=key, subject=default.subject, body=default.body)


def terms_active(*, kind: TermKind) -> QuerySet[Term]:
    return Term.objects.filter(kind=kind, is_active=True)


def terms_all() -> QuerySet[Term]:
    return Term.objects.all()


def applications_for_review(*, status: str | None = None) -> QuerySet[Application]:
    """Applications organizers work on; drafts stay private to the applicant."""
    applications = (
        Application.objects.exclude(status=ApplicationStatus.DRAFT)
        .select_related("user", "stage")
        .prefetch_related("professions")
    )
    if status:
        applications = applications.filter(status=status)
    return applications


def application_of(*, user_id: int | None) -> Application | None:
    if user_id is None:
        return None
    return (
        Application.objects.select_related("user", "stage")
        .prefetch_related("professions")
        .filter(user_id=user_id)
        .first()
    )


def people_for_admin(*, query: str = "") -> QuerySet[User]:
    people = User.objects.order_by("email")
    if query:
        people = people.filter(Q(email__icontains=query) | Q(name__icontains=query))
    return people

"""Applying to join: starting, saving and sending an application, and the e-mailed link
that opens it again."""

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core import signing
from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.core.emails import declared_email_get
from dm3p.core.links import site_link
from dm3p.core.ratelimits import Limit, within_client_and_key_limits, within_limits
from dm3p.core.refusals import TooManyRequests
from dm3p.core.services import audit_record, email_wording_queue
from dm3p.members.enums import ApplicationStatus
from dm3p.members.models import (
    Application,
    Term,
)
from dm3p.members.selectors import application_unfinished_for

RESUME_LINK_DAYS = 30
# The status link in the "application received" e-mail opens the status page on any device,
# without the session that applied (applicants have no password), for this long.
STATUS_LINK_DAYS = 120
_STATUS_SALT = "dm3p.members.application-status"
# A new link isn't sent within this many minutes of the last: it would stop that one working.
RESUME_LINK_RESEND_MINUTES = 15
LINK_EMAIL_LIMITS = (Limit(1, RESUME_LINK_RESEND_MINUTES * 60),)
# Rate limits: per e-mail address typed (or person), and per client (dm3p.core.clients).
# What someone who tried too often is told (the form is shown again as typed, status 429).
TOO_MANY_TRIES = (
    "There have been a lot of tries from here or for this address in a short while. Please "
    "wait an hour and try again; what you typed is still here."
)
APPLY_LIMITS_PER_ADDRESS = (Limit(5, 3600), Limit(10, 86400))
APPLY_LIMITS_PER_CLIENT = (Limit(30, 3600), Limit(100, 86400))
LINK_LIMITS_PER_ADDRESS = (Limit(3, 3600), Limit(6, 86400))
LINK_LIMITS_PER_CLIENT = (Limit(10, 3600), Limit(30, 86400))

APPLICATION_FIELDS = (
    "pronouns",
    "profession_other",
    "stage",
    "specialty",
    "institution",
    "joins_as",
    "hopes_to_get",
    "hopes_to_give",
    "heard_about",
)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _resume_token_store(application: Application, token: str) -> None:
    """Make ``token`` the applicant's secret link; only its hash is stored."""
    application.resume_token_hash = _token_hash(token)
    application.resume_token_created_at = timezone.now()
    application.save(update_fields=["resume_token_hash", "resume_token_created_at"])


def _resume_link_recent(application: Application) -> bool:
    """Whether a link went out so recently that a new one would only replace it (and stop
    the one the applicant may be about to open)."""
    created = application.resume_token_created_at
    return created is not None and created > timezone.now() - timedelta(
        minutes=RESUME_LINK_RESEND_MINUTES
    )


def resume_token_lookup(token: str) -> Application | None:
    if not token:
        return None
    oldest = timezone.now() - timedelta(days=RESUME_LINK_DAYS)
    return (
        Application.objects.select_related("user")
        .filter(resume_token_hash=_token_hash(token), resume_token_created_at__gte=oldest)
        .exclude(status__in=[ApplicationStatus.APPROVED, ApplicationStatus.DECLINED])
        .first()
    )


def status_link(application: Application) -> str:
    """The applicant's signed, expiring link to their application's status page."""
    token = signing.dumps(application.pk, salt=_STATUS_SALT)
    return site_link("members:apply_status_link", token)


def status_token_lookup(token: str) -> Application | None:
    """The application a status link is for; None when the link was altered, has expired,
    or its application is gone."""
    try:
        pk = signing.loads(token, salt=_STATUS_SALT, max_age=timedelta(days=STATUS_LINK_DAYS))
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(pk, int):
        return None
    return Application.objects.select_related("user").filter(pk=pk).first()


def _person_email(
    *, key: str, user: User | None, to_address: str, values: Mapping[str, object], outbox_key: str
) -> None:
    """One of the membership e-mails organizers can reword, to a person (or an address)."""
    email_wording_queue(
        email=declared_email_get(key),
        outbox_key=outbox_key,
        values=values,
        recipient=user,
        to_address=to_address,
    )


def _membership_email(
    *, key: str, application: Application, values: Mapping[str, object], dedupe: str
) -> None:
    _person_email(
        key=key,
        user=application.user,
        to_address=application.user.email,
        values=values,
        outbox_key=f"{key}:{application.pk}:{dedupe}",
    )


def _send_resume_link(
    application: Application,
    *,
    key: str = "application_resume",
    message: str = "",
    token: str | None = None,
) -> None:
    token = token or secrets.token_urlsafe(32)
    _resume_token_store(application, token)
    link = site_link("members:apply_resume", token)
    _membership_email(
        key=key,
        application=application,
        values={"resume_link": link, "message": message},
        dedupe=application.resume_token_hash[:16],
    )


@dataclass(frozen=True)
class ApplicationAnswers:
    """What the application form collected (already validated)."""

    name: str
    pronouns: str
    professions: tuple[Term, ...]
    profession_other: str
    stage: Term | None
    specialty: str
    institution: str
    joins_as: str
    hopes_to_get: str
    hopes_to_give: str
    heard_about: str
    health_details: str
    health_consent: bool
    code_of_conduct: bool


def _apply_answers(application: Application, answers: ApplicationAnswers) -> list[str]:
    user = application.user
    changed = []
    if answers.name and user.name != answers.name:
        user.name = answers.name
        user.save(update_fields=["name"])
        changed.append("name")
    for field in APPLICATION_FIELDS:
        value = getattr(answers, field)
        if getattr(application, field) != value:
            setattr(application, field, value)
            changed.append(field)
    now = timezone.now()
    if answers.health_consent and application.health_consent_at is None:
        application.health_consent_at = now
        changed.append("health_consent")
    if not answers.health_consent:
        # Without consent, no health details are kept (withdrawing consent removes them).
        application.health_consent_at = None
    details = answers.health_details.strip() if answers.health_consent else ""
    if (application.health_details or "") != details:
        application.health_details = details or None
        changed.append("health_details")
    if answers.code_of_conduct and application.code_of_conduct_agreed_at is None:
        application.code_of_conduct_agreed_at = now
    if not answers.code_of_conduct:
        application.code_of_conduct_agreed_at = None
    application.full_clean(exclude=["user", "stage"])
    application.save()
    application.professions.set(list(answers.professions))
    return changed


def application_attempt_allowed(*, email: str | None, client: str) -> bool:
    """Count one more try at applying, from this client (and, when starting, for this
    address); False when either has tried too often recently."""
    return within_client_and_key_limits(
        scope="apply",
        client=client,
        per_client=APPLY_LIMITS_PER_CLIENT,
        key=email.strip().lower() if email is not None else None,
        per_key=APPLY_LIMITS_PER_ADDRESS,
    )


def _stand_in_address(token_hash: str) -> str:
    return f"{token_hash[:24]}@stand-in.invalid"


def _application_create(
    *, address: str, answers: ApplicationAnswers, submitting: bool, token: str
) -> Application:
    user = User.objects.create_user(address, name=answers.name)
    EmailAddress.objects.create(user=user, email=address, primary=True, verified=False)
    application = Application.objects.create(user=user)
    _apply_answers(application, answers)
    _resume_token_store(application, token)
    audit_record(actor=None, action="application.start", subject_user=user, target=application)
    if submitting:
        _submitted(application, changed=[])
    return application


@transaction.atomic
def application_start(*, email: str, answers: ApplicationAnswers, submitting: bool) -> None:
    """Begin an application from its first answers, and e-mail the address the link that
    opens it: nothing is given to the browser, as whoever typed the address may not own it.

    The answer, and the work done, are the same whether or not the address is known, so
    nobody can learn who has applied to this community: for a known address the same
    records are written (under a stand-in address) and then rolled back, and the owner gets
    an e-mail saying they already have an account or an application."""
    address = email.strip().lower()
    existing = User.objects.filter(email__iexact=address).first()
    token = secrets.token_urlsafe(32)
    token_hash = _token_hash(token)
    with transaction.atomic():
        application = _application_create(
            address=address if existing is None else _stand_in_address(token_hash),
            answers=answers,
            submitting=submitting,
            token=token,
        )
        if existing is not None:
            transaction.set_rollback(True)
    if existing is not None:
        _person_email(
            key="application_known_address",
            user=existing,
            to_address=existing.email,
            values={
                "link_request_link": site_link("members:apply_link"),
                "sign_in_link": site_link("account_login"),
            },
            outbox_key=f"application_known_address:{existing.pk}:{token_hash[:16]}",
        )
        return
    if submitting:
        _membership_email(
            key="application_received",
            application=application,
            values={"status_link": status_link(application)},
            dedupe="received",
        )
    else:
        _membership_email(
            key="application_resume",
            application=application,
            values={"resume_link": site_link("members:apply_resume", token), "message": ""},
            dedupe=token_hash[:16],
        )


@transaction.atomic
def application_save_draft(*, application: Application, answers: ApplicationAnswers) -> None:
    changed = _apply_answers(application, answers)
    audit_record(
        actor=None,
        action="application.save",
        subject_user=application.user,
        target=application,
        fields=changed,
    )


@transaction.atomic
def application_send_resume_link(*, application: Application) -> None:
    """E-mail the applicant a link to come back, unless one went out minutes ago (it still
    works; a new one would stop it)."""
    if not _resume_link_recent(application):
        _send_resume_link(application)


@transaction.atomic
def application_link_request(*, email: str, client: str) -> None:
    """Someone asked for a link to an unfinished application. Every address gets the same
    answer and one e-mail: the link, or word that there is no unfinished application. Within
    minutes of the last one, nothing new is sent (its link still works). Refused
    (``TooManyRequests``) when this client or address has asked many times recently."""
    address = email.strip().lower()
    if not within_client_and_key_limits(
        scope="apply-link",
        client=client,
        per_client=LINK_LIMITS_PER_CLIENT,
        key=address,
        per_key=LINK_LIMITS_PER_ADDRESS,
    ):
        raise TooManyRequests(TOO_MANY_TRIES)
    token = secrets.token_urlsafe(32)
    token_hash = _token_hash(token)
    if not within_limits(scope="apply-link-email", key=address, limits=LINK_EMAIL_LIMITS):
        return
    application = application_unfinished_for(email=address)
    if application is None:
        _person_email(
            key="application_no_link",
            user=User.objects.filter(email__iexact=address).first(),
            to_address=address,
            values={
                "sign_in_link": site_link("account_login"),
                "apply_link": site_link("members:apply"),
            },
            outbox_key=f"application_no_link:{token_hash[:16]}",
        )
    elif not _resume_link_recent(application):
        _send_resume_link(application, token=token)


def _submitted(application: Application, *, changed: list[str]) -> bool:
    """Mark the application sent; True the first time."""
    first_time = application.submitted_at is None
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = application.submitted_at or timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        actor=None,
        action="application.submit",
        subject_user=application.user,
        target=application,
        fields=changed,
    )
    return first_time


@transaction.atomic
def application_submit(*, application: Application, answers: ApplicationAnswers) -> None:
    changed = _apply_answers(application, answers)
    if _submitted(application, changed=changed):
        _membership_email(
            key="application_received",
            application=application,
            values={"status_link": status_link(application)},
            dedupe="received",
        )

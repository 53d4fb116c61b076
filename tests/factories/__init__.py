"""Factories for the project's models: real rows, never mocks.

Tests call the typed ``make_*`` functions; the factory classes stay behind them.
"""

import io
from typing import Any, cast

from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.declarations import Sequence
from factory.django import DjangoModelFactory
from factory.faker import Faker
from factory.helpers import post_generation
from PIL import Image

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.members.models import Profile, Term
from dm3p.members.services import profile_ensure
from dm3p.pages.enums import PageLocation
from dm3p.pages.models import Page, PageImage, StartingPageGiven
from dm3p.pages.services import page_image_upload

# A fixed, valid base32 TOTP secret for staff made by the factories.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TEST_PASSWORD = "correct horse battery staple"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = Sequence(lambda n: f"person{n}@example.org")
    name = Faker("name")
    membership_status = MembershipStatus.MEMBER

    @post_generation
    def password(user: User, create: bool, extracted: str | None, **kwargs: Any) -> None:  # noqa: N805
        user.set_password(extracted or TEST_PASSWORD)
        if create:
            user.save(update_fields=["password"])
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    @post_generation
    def mfa(user: User, create: bool, extracted: bool | None, **kwargs: Any) -> None:  # noqa: N805
        """Staff get two-factor authentication unless ``mfa=False`` is passed."""
        wanted = extracted if extracted is not None else user.has_staff_role
        if create and wanted:
            TOTP.activate(user, TEST_TOTP_SECRET)
            RecoveryCodes.activate(user)


class PageFactory(DjangoModelFactory[Page]):
    class Meta:
        model = Page

    slug = Sequence(lambda n: f"page-{n}")
    title = Sequence(lambda n: f"Page {n}")
    body = "Some **words** about the program."
    location = PageLocation.NONE
    is_published = True


ROLES = [
    "anonymous",
    "applicant",
    "declined",
    "member",
    "ally",
    "suspended",
    "coordinator",
    "organizer",
    "admin",
]

_ROLE_FIELDS: dict[str, dict[str, Any]] = {
    "applicant": {"membership_status": MembershipStatus.APPLICANT},
    "declined": {"membership_status": MembershipStatus.DECLINED},
    "member": {"membership_status": MembershipStatus.MEMBER},
    "ally": {"membership_status": MembershipStatus.ALLY},
    "suspended": {"membership_status": MembershipStatus.SUSPENDED},
    "coordinator": {"membership_status": MembershipStatus.MEMBER, "is_coordinator": True},
    "organizer": {"membership_status": MembershipStatus.MEMBER, "is_organizer": True},
    "admin": {"membership_status": MembershipStatus.MEMBER, "is_admin": True},
}


def make_user(**fields: Any) -> User:
    """A saved person with a verified address; staff get two-factor authentication."""
    return cast(User, UserFactory(**fields))


def make_named_member(name: str, **fields: Any) -> User:
    """A person (a member unless ``fields`` say otherwise) with a profile showing ``name``,
    as other members see them."""
    person = make_user(name=name, **fields)
    Profile.objects.filter(pk=profile_ensure(user=person).pk).update(display_name=name)
    return person


def make_member_sharing_health(
    name: str,
    *,
    health_to: str,
    institution_to: str | None = None,
    condition: Term | None = None,
) -> User:
    """A member whose profile holds health details ("CANARY-HEALTH", consent given, and
    ``condition`` if given) shown to ``health_to``, and a workplace ("CANARY-INSTITUTION")
    shown to ``institution_to`` (by default the same people)."""
    person = make_user(name=name)
    profile = profile_ensure(user=person)
    Profile.objects.filter(pk=profile.pk).update(
        display_name=name,
        lived_experience="CANARY-HEALTH",
        health_consent_at=timezone.now(),
        institution="CANARY-INSTITUTION",
        visibility={
            **profile.visibility,
            "lived_experience": health_to,
            "lived_experience_categories": health_to,
            "institution": institution_to or health_to,
        },
    )
    if condition is not None:
        profile.lived_experience_categories.set([condition])
    return person


def user_for_role(role: str, **fields: Any) -> User | None:
    """A person in ``role`` (see ROLES); None for "anonymous"."""
    if role == "anonymous":
        return None
    email = f"{role}-{User.objects.count()}@example.org"
    return make_user(email=email, **{**_ROLE_FIELDS[role], **fields})


def make_page(**fields: Any) -> Page:
    return cast(Page, PageFactory(**fields))


def make_pages(count: int, **fields: Any) -> list[Page]:
    return [make_page(**fields) for _ in range(count)]


def make_starting_page_given(**fields: Any) -> StartingPageGiven:
    """A record that setup once gave this site the starting page ``slug``."""
    return StartingPageGiven.objects.create(**{"slug": "about", **fields})


def make_page_image(actor: User | None = None, **fields: Any) -> PageImage:
    """A small PNG uploaded for pages, described by ``alt_text`` (as the upload form saves
    it)."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#1d4f9c").save(buffer, format="PNG")
    upload = SimpleUploadedFile("picture.png", buffer.getvalue(), content_type="image/png")
    return page_image_upload(
        actor=actor or make_user(is_organizer=True),
        upload=upload,
        alt_text=fields.get("alt_text", "Members talking in a video call"),
        is_decorative=fields.get("is_decorative", False),
    )

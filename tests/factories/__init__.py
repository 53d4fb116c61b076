"""Factories for the project's models: real rows, never mocks."""

from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.pages.enums import PageLocation
from dm3p.pages.models import Page

# A fixed, valid base32 TOTP secret for staff made by the factories.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TEST_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    membership_status = MembershipStatus.MEMBER

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: Any) -> None:
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def mfa(self, create: bool, extracted: bool | None, **kwargs: Any) -> None:
        """Staff get two-factor authentication unless ``mfa=False`` is passed."""
        wanted = extracted if extracted is not None else self.has_staff_role
        if create and wanted:
            TOTP.activate(self, TEST_TOTP_SECRET)
            RecoveryCodes.activate(self)


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


def user_for_role(role: str, **fields: Any) -> User | None:
    """A person in ``role`` (see ROLES); None for "anonymous"."""
    if role == "anonymous":
        return None
    return UserFactory(email=f"{role}-{User.objects.count()}@example.org", **{**_ROLE_FIELDS[role], **fields})


class PageFactory(factory.django.DjangoModelFactory[Page]):
    class Meta:
        model = Page

    slug = factory.Sequence(lambda n: f"page-{n}")
    title = factory.Sequence(lambda n: f"Page {n}")
    body = "Some **words** about the program."
    location = PageLocation.NONE
    is_published = True

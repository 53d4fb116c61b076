from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import _user_has_perm  # type: ignore[attr-defined]
from django.db import models
from django.db.models.functions import Lower

from dm3p.accounts.enums import MembershipStatus, StaffRole
from dm3p.core.spreadsheets import email_address_check


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        email_address_check(email)
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.setdefault("is_admin", True)
        fields.setdefault("membership_status", MembershipStatus.MEMBER)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=username)


class User(AbstractBaseUser):
    """A person: one membership status and any number of staff roles. Signs in by e-mail."""

    email = models.EmailField("e-mail address", unique=True, validators=[email_address_check])
    name = models.CharField(max_length=150, blank=True)
    membership_status = models.CharField(
        max_length=12, choices=MembershipStatus, default=MembershipStatus.APPLICANT
    )
    is_coordinator = models.BooleanField("accommodations coordinator", default=False)
    is_organizer = models.BooleanField("organizer", default=False)
    is_admin = models.BooleanField("admin", default=False)
    date_joined = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[UserManager] = UserManager()

    # Whether this person's session passed two-factor authentication: set for the person
    # signed in to a request by MfaSessionMiddleware; False wherever else a person is loaded
    # (an e-mail's recipient, a task), so nothing there counts as an organizer's view.
    mfa_passed = False

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case")
        ]

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        # A suspended person can't sign in, and their open sessions stop working at once.
        return self.membership_status != MembershipStatus.SUSPENDED

    @property
    def is_staff(self) -> bool:
        """Whether the person may open Django's admin (admins only)."""
        return self.is_admin

    @property
    def is_superuser(self) -> bool:
        return self.is_admin

    @property
    def staff_roles(self) -> list[StaffRole]:
        roles = [
            (self.is_coordinator, StaffRole.COORDINATOR),
            (self.is_organizer, StaffRole.ORGANIZER),
            (self.is_admin, StaffRole.ADMIN),
        ]
        return [role for held, role in roles if held]

    @property
    def has_staff_role(self) -> bool:
        return bool(self.staff_roles)

    @property
    def display_name(self) -> str:
        """The name other members know this person by: their profile's display name (the
        members app adds profiles), else their account name, else "A member". Never the
        e-mail address, which members don't see."""
        profile = getattr(self, "profile", None)
        return (profile.display_name if profile is not None else "") or self.name or "A member"

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return self.is_active and _user_has_perm(self, perm, obj)

    def has_perms(self, perm_list: Any, obj: object = None) -> bool:
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_active and self.is_admin

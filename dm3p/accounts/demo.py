"""Demo accounts: one per role. Staff accounts get two-factor authentication set up."""

import random

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.core.hooks import DemoOptions

DEMO_ACCOUNTS = [
    # e-mail, name, status, roles
    ("admin@example.org", "Ada Admin", MembershipStatus.MEMBER, {"is_admin": True}),
    ("organizer@example.org", "Olu Organizer", MembershipStatus.MEMBER, {"is_organizer": True}),
    ("coordinator@example.org", "Cam Coordinator", MembershipStatus.ALLY, {"is_coordinator": True}),
    ("member@example.org", "Mei Member", MembershipStatus.MEMBER, {}),
    ("ally@example.org", "Al Ally", MembershipStatus.ALLY, {}),
    ("applicant@example.org", "Pat Applicant", MembershipStatus.APPLICANT, {}),
]

FIRST_NAMES = [
    "Amara",
    "Ben",
    "Carmen",
    "Dev",
    "Elif",
    "Farah",
    "Gabe",
    "Hana",
    "Isaac",
    "Jun",
    "Kemi",
    "Luis",
    "Maya",
    "Noor",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tariq",
    "Uma",
    "Vera",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Aiyana",
    "Bao",
    "Chiara",
    "Dmitri",
]
LAST_NAMES = [
    "Abara",
    "Bianchi",
    "Castillo",
    "Dubois",
    "Eze",
    "Fischer",
    "Goldberg",
    "Haddad",
    "Ito",
    "Johansson",
    "Kaur",
    "Lindqvist",
    "Mensah",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rahman",
    "Silva",
    "Tanaka",
    "Usman",
    "Varga",
    "Whitehorse",
    "Xu",
    "Yilmaz",
    "Zhou",
]


def totp_secret_for(user: User) -> str:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is not None:
        secret: str = decrypt(authenticator.data["secret"])
        return secret
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def demo_accounts(demo: DemoOptions) -> None:
    demo.say(f"Demo accounts (password: {demo.password}):")
    for email, name, status, roles in DEMO_ACCOUNTS:
        user, _ = User.objects.update_or_create(
            email=email,
            defaults={
                "name": name,
                "membership_status": status,
                "is_admin": False,
                "is_organizer": False,
                "is_coordinator": False,
                **roles,
            },
        )
        user.set_password(demo.password)
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        line = f"  {email:<26} {user.get_membership_status_display()}"
        if user.has_staff_role:
            line += f", {', '.join(role.label for role in user.staff_roles)}"
            line += f"; TOTP secret {totp_secret_for(user)}"
        demo.say(line)


def demo_generated_members(demo: DemoOptions) -> None:
    if not demo.members:
        return
    rng = random.Random(2026)  # noqa: S311 - demo names, not secrets
    existing = set(
        User.objects.filter(email__startswith="demo-member-").values_list("email", flat=True)
    )
    new_users = []
    for number in range(1, demo.members + 1):
        email = f"demo-member-{number:04d}@example.org"
        if email in existing:
            continue
        user = User(
            email=email,
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            membership_status=MembershipStatus.ALLY
            if rng.random() < 0.15
            else MembershipStatus.MEMBER,
        )
        user.set_unusable_password()
        new_users.append(user)
    User.objects.bulk_create(new_users, batch_size=500)
    demo.say(f"Generated members: {demo.members} (they have no usable password).")

"""The e-mails django-allauth sends (confirming an address, resetting a password, security
notices), as declared e-mails organizers may reword. The adapter (dm3p.accounts.adapter)
sends each through its wording, with allauth's context as the placeholders."""

from dm3p.core.emails import SECURITY
from dm3p.core.hooks import DECLARED_EMAILS, DeclaredEmail

_SIGNATURE = {
    "site_long_name": "The program's full name (Site settings).",
    "site_url": "The site's address.",
}
_GREETING = "Hello from {site_name}.\n\n"
_SIGN_OFF = "\n\n{site_long_name}\n{site_url}"


def _allauth_email(
    *,
    key: str,
    label: str,
    recipients: str,
    subject: str,
    content: str,
    placeholders: dict[str, str],
    required: tuple[str, ...] = (),
) -> DeclaredEmail:
    return DECLARED_EMAILS.register(
        DeclaredEmail(
            key=key,
            app="Accounts and security",
            label=label,
            kind=SECURITY,
            recipients=recipients,
            subject=subject,
            body=_GREETING + content + _SIGN_OFF,
            placeholders={**placeholders, **_SIGNATURE},
            required=required,
        )
    )


def _security_notice(
    *, key: str, label: str, subject: str, change: str, placeholders: dict[str, str] | None = None
) -> DeclaredEmail:
    return _allauth_email(
        key=key,
        label=label,
        recipients="The account's owner, after the change.",
        subject=subject,
        content="You are receiving this e-mail because a change was made to your account's "
        f"security:\n\n{change}\n\nIf you made this change, there is nothing to do. If you "
        "did not, reset your password and\ncontact the organizers at {contact_email} straight "
        "away.",
        placeholders={
            **(placeholders or {}),
            "contact_email": "The organizers' address (Site settings).",
        },
    )


_IGNORE = "This mail can be safely ignored if you did not initiate this action."

CONFIRM_ADDRESS = _allauth_email(
    key="account_confirm_address",
    label="Confirm an e-mail address",
    recipients="The address being added to an account, or a new member's address.",
    subject="Please Confirm Your Email Address",
    content="You're receiving this email because user {user_display} has given your email "
    "address to register an account on {site_domain}.\n\nTo confirm this is correct, go to "
    "{activate_url}",
    placeholders={
        "user_display": "The account's name or address.",
        "site_domain": "The site's domain name.",
        "activate_url": "The link that confirms the address.",
    },
    required=("activate_url",),
)
RESET_PASSWORD = _allauth_email(
    key="account_reset_password",
    label="Reset a password",
    recipients="Whoever asked to reset the password of an account with this address.",
    subject="Password Reset Email",
    content="You're receiving this email because you or someone else has requested a "
    "password reset for your user account.\nIt can be safely ignored if you did not request "
    "a password reset. Click the link below to reset your password.\n\n{password_reset_url}",
    placeholders={"password_reset_url": "The link to choose a new password."},
    required=("password_reset_url",),
)
RESET_PASSWORD_CODE = _allauth_email(
    key="account_reset_password_code",
    label="Code to reset a password",
    recipients="Whoever asked to reset the password of an account with this address "
    "(when resetting by code is turned on).",
    subject="Password Reset Code",
    content="Your password reset code is listed below. Please enter it in your open browser "
    f"window.\n\n{{code}}\n\n{_IGNORE}",
    placeholders={"code": "The one-time code."},
    required=("code",),
)
SIGN_IN_CODE = _allauth_email(
    key="account_sign_in_code",
    label="Code to sign in",
    recipients="Whoever asked to sign in by code (when signing in by code is turned on).",
    subject="Sign-In Code",
    content="Your sign-in code is listed below. Please enter it in your open browser window."
    f"\n\n{{code}}\n\n{_IGNORE}",
    placeholders={"code": "The one-time code."},
    required=("code",),
)
UNKNOWN_ACCOUNT = _allauth_email(
    key="account_unknown",
    label="No account with this address",
    recipients="Whoever asked to reset a password for an address that has no account.",
    subject="Unknown Account",
    content="You are receiving this email because you, or someone else, tried to access an "
    "account with email {email}. However, we do not have any record of such an account in our "
    f"database.\n\n{_IGNORE}\n\nIf it was you, you can sign up for an account using the link "
    "below.\n\n{signup_url}",
    placeholders={
        "email": "The address that was typed.",
        "signup_url": "The sign-up page (it explains how to apply).",
    },
)
ACCOUNT_EXISTS = _allauth_email(
    key="account_already_exists",
    label="Account already exists",
    recipients="Whoever tried to sign up with an address that has an account.",
    subject="Account Already Exists",
    content="You are receiving this email because you or someone else tried to signup for an"
    "\naccount using email address:\n\n{email}\n\nHowever, an account using that email "
    "address already exists.  In case you have\nforgotten about this, please use the password "
    "forgotten procedure to recover\nyour account:\n\n{password_reset_url}",
    placeholders={
        "email": "The address that was typed.",
        "password_reset_url": "The page to reset a password.",
    },
)
EMAIL_CHANGED = _security_notice(
    key="account_email_changed",
    label="Address changed",
    subject="Email Changed",
    change="Your email has been changed from {from_email} to {to_email}.",
    placeholders={"from_email": "The old address.", "to_email": "The new address."},
)
EMAIL_CONFIRMED = _security_notice(
    key="account_email_confirmed",
    label="Address confirmed",
    subject="Email Confirmation",
    change="Your email has been confirmed.",
)
EMAIL_REMOVED = _security_notice(
    key="account_email_removed",
    label="Address removed",
    subject="Email Removed",
    change="Email address {deleted_email} has been removed from your account.",
    placeholders={"deleted_email": "The address removed."},
)
PASSWORD_CHANGED = _security_notice(
    key="account_password_changed",
    label="Password changed",
    subject="Password Changed",
    change="Your password has been changed.",
)
PASSWORD_WAS_RESET = _security_notice(
    key="account_password_reset",
    label="Password reset",
    subject="Password Reset",
    change="Your password has been reset.",
)
PASSWORD_SET = _security_notice(
    key="account_password_set",
    label="Password set",
    subject="Password Set",
    change="Your password has been set.",
)
RECOVERY_CODES = _security_notice(
    key="account_recovery_codes",
    label="New recovery codes",
    subject="New Recovery Codes Generated",
    change="A new set of Two-Factor Authentication recovery codes has been generated.",
)
TOTP_ACTIVATED = _security_notice(
    key="account_totp_activated",
    label="Authenticator app added",
    subject="Authenticator App Activated",
    change="Authenticator app activated.",
)
TOTP_DEACTIVATED = _security_notice(
    key="account_totp_deactivated",
    label="Authenticator app removed",
    subject="Authenticator App Deactivated",
    change="Authenticator app deactivated.",
)
SECURITY_KEY_ADDED = _security_notice(
    key="account_security_key_added",
    label="Security key added",
    subject="Security Key Added",
    change="A new security key has been added.",
)
SECURITY_KEY_REMOVED = _security_notice(
    key="account_security_key_removed",
    label="Security key removed",
    subject="Security Key Removed",
    change="A security key has been removed.",
)

# allauth's name for each e-mail (its template prefix) and the declared e-mail it sends.
ALLAUTH_EMAILS: dict[str, DeclaredEmail] = {
    "account/email/email_confirmation": CONFIRM_ADDRESS,
    "account/email/email_confirmation_signup": CONFIRM_ADDRESS,
    "account/email/password_reset_key": RESET_PASSWORD,
    "account/email/password_reset_code": RESET_PASSWORD_CODE,
    "account/email/login_code": SIGN_IN_CODE,
    "account/email/unknown_account": UNKNOWN_ACCOUNT,
    "account/email/account_already_exists": ACCOUNT_EXISTS,
    "account/email/email_changed": EMAIL_CHANGED,
    "account/email/email_confirm": EMAIL_CONFIRMED,
    "account/email/email_deleted": EMAIL_REMOVED,
    "account/email/password_changed": PASSWORD_CHANGED,
    "account/email/password_reset": PASSWORD_WAS_RESET,
    "account/email/password_set": PASSWORD_SET,
    "mfa/email/recovery_codes_generated": RECOVERY_CODES,
    "mfa/email/totp_activated": TOTP_ACTIVATED,
    "mfa/email/totp_deactivated": TOTP_DEACTIVATED,
    "mfa/email/webauthn_added": SECURITY_KEY_ADDED,
    "mfa/email/webauthn_removed": SECURITY_KEY_REMOVED,
}

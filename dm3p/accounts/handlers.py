"""What accounts adds to core's hooks (staff links, demo accounts) and how it reacts to
signing in."""

from typing import Any

from allauth.account.signals import password_reset
from allauth.mfa.models import Authenticator
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest
from django.urls import reverse

from dm3p.accounts.demo import demo_accounts, demo_generated_members
from dm3p.accounts.hooks import WELCOME_STEPS, WelcomeStep
from dm3p.accounts.services import address_confirmed_by_password_reset
from dm3p.core.display import SESSION_KEY, display_choices_for
from dm3p.core.hooks import DEMO_STEPS, NAV_STAFF, DemoStep, NavLink
from dm3p.core.selectors import display_preference_of


def staff_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    links = []
    if user.has_perm("core.change_sitesettings"):
        links.append(NavLink("Site settings", reverse("core:site_settings"), order=80))
    if user.has_perm("core.change_emailwording"):
        links.append(NavLink("E-mails", reverse("core:email_wordings"), order=68))
    if user.has_perm("core.view_auditentry"):
        links.append(NavLink("Audit log", reverse("core:audit_log"), order=85))
    return links


def load_display_preferences(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Bring the person's saved display settings into their session; if they have none yet,
    keep what they chose as a visitor."""
    saved = display_preference_of(user=user)
    if saved is not None:
        request.session[SESSION_KEY] = {
            "theme": saved.theme,
            "text_size": saved.text_size,
            "font": saved.font,
            "motion": saved.motion,
        }
    else:
        request.session[SESSION_KEY] = display_choices_for(request).as_dict()


def confirm_address_on_password_reset(sender: Any, user: Any, **kwargs: Any) -> None:
    address_confirmed_by_password_reset(user)


def connect() -> None:
    NAV_STAFF.register(staff_links)
    DEMO_STEPS.register(DemoStep(order=10, name="demo accounts", run=demo_accounts))
    DEMO_STEPS.register(DemoStep(order=11, name="generated members", run=demo_generated_members))
    user_logged_in.connect(load_display_preferences, dispatch_uid="accounts-display-preferences")
    password_reset.connect(
        confirm_address_on_password_reset, dispatch_uid="accounts-confirm-address-on-reset"
    )
    WELCOME_STEPS.register(
        WelcomeStep(
            key="passkey",
            title="Sign in more easily",
            text="Add a passkey to sign in with your fingerprint, face or device PIN "
            "instead of typing your password. Adding one needs JavaScript; your password "
            "keeps working.",
            url_name="mfa_list_webauthn",
            link_text="Add a passkey",
            done=lambda user: Authenticator.objects.filter(
                user=user, type=Authenticator.Type.WEBAUTHN
            ).exists(),
            order=90,
        )
    )

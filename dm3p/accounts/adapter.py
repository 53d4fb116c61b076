import uuid
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_display
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

from dm3p.accounts.emails import ALLAUTH_EMAILS
from dm3p.core.clients import client_address
from dm3p.core.selectors import site_settings_get
from dm3p.core.services import email_wording_queue
from dm3p.core.spreadsheets import email_address_check


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # People join through the membership application, not a bare sign-up form.
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """Staff land on the staff home, what needs them now; members on their own home
        (``LOGIN_REDIRECT_URL``). A ``next`` address, when there is one, wins over both."""
        if request.user.has_perm("pages.view_staff_home"):
            return reverse("pages:staff_home")
        return super().get_login_redirect_url(request)  # type: ignore[no-any-return]

    def clean_email(self, email: str) -> str:
        """Every address allauth takes (adding or changing one, resetting a password)."""
        email_address_check(email)
        return super().clean_email(email)  # type: ignore[no-any-return]

    def get_client_ip(self, request: HttpRequest) -> str:
        """allauth's rate limits and session list use the site's one reading of the client's
        address (which knows about TRUSTED_PROXIES)."""
        address = client_address(request)
        if not address:
            raise PermissionDenied("The address this request came from is missing.")
        return address

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Every allauth e-mail is one of the declared e-mails (dm3p.accounts.emails), in
        the organizers' words, with allauth's context as its placeholders; it goes through
        the outbox and the task queue."""
        declared = ALLAUTH_EMAILS[template_prefix]
        site = site_settings_get()
        user = context.get("user")
        current_site = context.get("current_site")
        known = {
            "site_long_name": site.long_name,
            "site_url": settings.SITE_URL,
            "contact_email": site.contact_email,
            "site_domain": getattr(current_site, "domain", "") or settings.SITE_DOMAIN,
            "user_display": user_display(user) if user is not None else "",
        }
        values = {
            name: known[name] if name in known else context.get(name, "")
            for name in declared.placeholders
        }
        with transaction.atomic():
            email_wording_queue(
                email=declared,
                outbox_key=f"{template_prefix}:{email.lower()}:{uuid.uuid4().hex}",
                values=values,
                recipient=user if getattr(user, "pk", None) else None,
                to_address=email,
            )

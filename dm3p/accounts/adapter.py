import uuid
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from dm3p.core.clients import client_address
from dm3p.core.emails import SECURITY
from dm3p.core.selectors import site_settings_get
from dm3p.core.services import email_queue, html_from_text
from dm3p.core.spreadsheets import email_address_check


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # People join through the membership application, not a bare sign-up form.
        return False

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
        """Every allauth e-mail goes through the outbox and the task queue."""
        context = {**context, "site_url": settings.SITE_URL, "site": site_settings_get()}
        subject = self.format_email_subject(
            " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        )
        text_body = render_to_string(f"{template_prefix}_message.txt", context)
        try:
            html_body: str = render_to_string(f"{template_prefix}_message.html", context)
        except TemplateDoesNotExist:
            html_body = html_from_text(subject=subject, text=text_body)
        user = context.get("user")
        with transaction.atomic():
            email_queue(
                key=f"{template_prefix}:{email.lower()}:{uuid.uuid4().hex}",
                kind=SECURITY.key,
                to_address=email,
                recipient=user if getattr(user, "pk", None) else None,
                subject=subject,
                text_body=text_body,
                html_body=html_body,
            )

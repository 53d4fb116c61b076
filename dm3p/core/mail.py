from collections.abc import Sequence

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend

from dm3p.core.models import DemoEmail


class DemoEmailBackend(ConsoleEmailBackend):
    """Prints each e-mail and keeps a copy for the demo's mail page (demo mode only)."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = super().send_messages(email_messages)
        for message in email_messages:
            html = ""
            if isinstance(message, EmailMultiAlternatives):
                html = next(
                    (
                        str(content)
                        for content, mimetype in message.alternatives
                        if mimetype == "text/html"
                    ),
                    "",
                )
            DemoEmail.objects.create(
                to_addresses=", ".join(message.to),
                subject=str(message.subject),
                text_body=str(message.body),
                html_body=html,
            )
        return sent

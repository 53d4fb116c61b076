"""Bounce addresses: the outbox sends each e-mail with an envelope sender made for its
recipient (``bounce+TOKEN@`` the reply domain, ``DM3P_REPLY_DOMAIN``), so a mail server's
report that the e-mail didn't arrive comes back to an address that proves which recipient
it is about. The visible ``From`` stays the site's address (``DEFAULT_FROM_EMAIL``).

The token is an HMAC of the recipient's address made from the site's secret key: nobody
can work out the bounce address of someone else's address, so nobody can forge reports
that stop the site's e-mail to them. Only reports sent to a bounce address whose token
fits the address they name count as bounces (dm3p.conversations.services.inbound).
Without a reply domain the outbox sends from ``DEFAULT_FROM_EMAIL`` as before, and then
no report can be proved: they are kept but count nothing.

The reply domain's mail server must hand ``bounce+*`` to the site as well as ``reply+*``.
"""

import re

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

TOKEN_LENGTH = 32  # hex characters: 128 bits, and a local part well under 64 characters
BOUNCE_ADDRESS = re.compile(rf"(?<![\w.+-])bounce\+([0-9a-f]{{{TOKEN_LENGTH}}})@", re.IGNORECASE)


def _token(address: str, secret: str | None = None) -> str:
    return salted_hmac(
        "dm3p.core.bounce_address", address.strip().lower(), secret=secret, algorithm="sha256"
    ).hexdigest()[:TOKEN_LENGTH]


def bounce_address_make(*, to_address: str) -> str | None:
    """The envelope sender for e-mail to ``to_address``; None without a reply domain."""
    domain = str(settings.DM3P_REPLY_DOMAIN or "").strip()
    if not domain:
        return None
    return f"bounce+{_token(to_address)}@{domain}"


def bounce_token_fits(*, token: str, address: str) -> bool:
    """Whether ``token`` (from a bounce address) was made for ``address``, with the
    secret key or one it replaced (reports come back after the key changed)."""
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return any(constant_time_compare(token.lower(), _token(address, secret)) for secret in secrets)

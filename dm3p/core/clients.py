"""Where a request comes from: the one place that reads the client's address, for every rate
limit (the site's and allauth's) and for the list of a person's sessions."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return ""


def client_address(request: HttpRequest) -> str:
    """The client's IP address, or "" if there is none.

    With ``TRUSTED_PROXIES`` proxies in front of the site, each adds the address it was
    reached from to X-Forwarded-For (the first one overwriting what the client sent), so the
    client is the entry that many places from the right. Anything further left came from the
    client and is not trusted. Without proxies (or if the header is shorter than it must be,
    i.e. the request did not come through them), it is the connection's own address."""
    count: int = settings.TRUSTED_PROXIES
    if count > 0:
        entries = request.headers.get("X-Forwarded-For", "").split(",")
        if len(entries) >= count:
            address = _valid(entries[-count])
            if address:
                return address
    return _valid(str(request.META.get("REMOTE_ADDR", "")))

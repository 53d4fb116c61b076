"""Rate limits: counts in fixed windows, kept in the shared cache so that they hold across
every web process. Keys are hashed, so no address or name is written to the cache."""

import ipaddress
import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.crypto import salted_hmac

# IPv6 clients are limited per /64 network, as one household or device usually has one.
IPV6_PREFIX = 64


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


def client_key(address: str) -> str:
    """What a client is counted by: its address, or its /64 network for IPv6."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{parsed}/{IPV6_PREFIX}", strict=False).network_address)
    return str(parsed)


def within_limits(*, scope: str, key: str, limits: Sequence[Limit]) -> bool:
    """Count one more use of ``scope`` by ``key`` (a person, an e-mail address, a client) and
    say whether it stays within every limit."""
    hashed = salted_hmac("dm3p.core.ratelimits", f"{scope}\n{key}", algorithm="sha256")
    digest = hashed.hexdigest()[:32]
    now = int(time.time())
    for limit in limits:
        cache_key = f"dm3p:limit:{scope}:{digest}:{limit.seconds}:{now // limit.seconds}"
        cache.add(cache_key, 0, limit.seconds)
        try:
            used = cache.incr(cache_key)
        except ValueError:  # expired between the two calls
            cache.set(cache_key, 1, limit.seconds)
            used = 1
        if used > limit.count:
            return False
    return True


def within_client_and_key_limits(
    *,
    scope: str,
    client: str,
    per_client: Sequence[Limit],
    key: str | None = None,
    per_key: Sequence[Limit] = (),
) -> bool:
    """Count one more try from this client (and, given one, for this ``key``: an address or
    a person); False when either has tried too often recently."""
    if not within_limits(scope=f"{scope}:client", key=client_key(client), limits=per_client):
        return False
    return key is None or within_limits(scope=f"{scope}:key", key=key, limits=per_key)

"""``POST /mail/inbound/``: a mail service hands over one raw e-mail message (the request's
body, any content type) to be posted as a reply (dm3p.conversations.services.inbound).

Only with the shared secret ``DM3P_INBOUND_MAIL_SECRET`` (without one the address doesn't
exist): either HTTP Basic with the secret as the password (any user name), or the header
``X-DM3P-Signature: sha256=<hex HMAC-SHA256 of the body, keyed with the secret>``. Over
HTTPS only in production, like the rest of the site.

Answers: 200 once the message is stored, or deliberately refused (the body says which,
including an unknown reply address or an unreadable message: mail services retry anything
else, and retrying can't help); 401 without the secret; 413 over the size limit; 405 for
anything but POST; 503 (with Retry-After) while the database is unreachable, so the service
tries again.
"""

import base64
import binascii
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from dm3p.conversations.services.inbound import INBOUND_MAX_BYTES, Result, inbound_mail_receive

SIGNATURE_HEADER = "X-DM3P-Signature"
ANSWERS = {
    Result.POSTED: "posted",
    Result.REFUSED: "refused: the sender was told why",
    Result.IGNORED: "ignored: sent automatically",
    Result.BOUNCE: "bounce counted",
    Result.UNKNOWN_ADDRESS: "refused: no such reply address",
    Result.UNREADABLE: "refused: not a readable e-mail message",
}


def _plain(text: str, status: int = 200) -> HttpResponse:
    return HttpResponse(f"{text}\n", status=status, content_type="text/plain; charset=utf-8")


def _basic_password(request: HttpRequest) -> str:
    kind, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if kind.lower() != "basic":
        return ""
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""
    return decoded.partition(":")[2]


def _authentic(request: HttpRequest, body: bytes, secret: str) -> bool:
    """The request carries the secret (Basic) or the body's HMAC, compared in constant time."""
    password = _basic_password(request)
    if password and hmac.compare_digest(password.encode(), secret.encode()):
        return True
    given = request.headers.get(SIGNATURE_HEADER, "").strip().removeprefix("sha256=")
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return bool(given) and hmac.compare_digest(given.lower().encode(), expected.encode())


def _too_large(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > INBOUND_MAX_BYTES
    except ValueError:
        return True


@login_not_required
@csrf_exempt
def inbound_mail(request: HttpRequest) -> HttpResponse:
    secret = settings.DM3P_INBOUND_MAIL_SECRET
    if not secret:
        raise Http404
    if request.method != "POST":
        response = _plain("POST the raw message.", status=405)
        response["Allow"] = "POST"
        return response
    if _too_large(request):
        return _plain("too large", status=413)
    # Read as a stream: the site's smaller limit for form data doesn't apply to mail.
    body = request.read(INBOUND_MAX_BYTES + 1)
    if len(body) > INBOUND_MAX_BYTES:
        return _plain("too large", status=413)
    if not _authentic(request, body, secret):
        response = _plain("the shared secret is missing or wrong", status=401)
        response["WWW-Authenticate"] = 'Basic realm="inbound mail"'
        return response
    return _plain(ANSWERS[inbound_mail_receive(body).result])

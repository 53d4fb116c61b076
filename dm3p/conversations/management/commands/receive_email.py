"""``manage.py receive_email``: one e-mail message on standard input, as a mail server's
pipe hands it over (Postfix's ``pipe`` transport, for instance), posted as a reply or
refused (dm3p.conversations.services.inbound).

The exit status tells the mail server what to do (sysexits.h), never with a traceback:

- 0: done (posted; refused and the sender told; a machine's mail set aside; a delivery
  failure report kept, and counted as a bounce when it came to the right bounce address)
- 67 (EX_NOUSER): no valid reply address among the recipients; the server bounces it
- 65 (EX_DATAERR): not a readable e-mail message, or too large; the server bounces it
- 75 (EX_TEMPFAIL): the database can't be reached, or something went wrong on our side;
  the server keeps the message and tries again later
"""

import logging
import sys
from typing import Any, BinaryIO

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from dm3p.conversations.services.inbound import INBOUND_MAX_BYTES, Result, inbound_mail_receive

logger = logging.getLogger(__name__)

EX_OK = 0
EX_DATAERR = 65
EX_NOUSER = 67
EX_TEMPFAIL = 75

EXIT_STATUS = {
    Result.POSTED: EX_OK,
    Result.REFUSED: EX_OK,
    Result.IGNORED: EX_OK,
    Result.BOUNCE: EX_OK,
    Result.UNKNOWN_ADDRESS: EX_NOUSER,
    Result.UNREADABLE: EX_DATAERR,
}
MESSAGES = {
    EX_DATAERR: "Not a readable e-mail message, or too large.",
    EX_NOUSER: "No such reply address.",
    EX_TEMPFAIL: "Cannot store the message now; try again later.",
}


class Command(BaseCommand):
    help = (
        "Read one e-mail message on standard input (as a mail server's pipe passes it) and "
        "post it as a reply, or refuse it. Exits 0 when done, 67 for an unknown reply "
        "address, 65 for an unreadable message, 75 to be tried again later."
    )
    requires_system_checks: list[str] = []
    stealth_options = ("stdin",)

    def handle(self, *args: Any, **options: Any) -> None:
        stdin: BinaryIO = options.get("stdin") or sys.stdin.buffer
        status = self.receive(stdin.read(INBOUND_MAX_BYTES + 1))
        if status != EX_OK:
            self.stderr.write(MESSAGES[status])
        raise SystemExit(status)

    def receive(self, raw: bytes) -> int:
        try:
            return EXIT_STATUS[inbound_mail_receive(raw).result]
        except DatabaseError as error:
            logger.warning("Incoming e-mail deferred: %s", type(error).__name__)
            return EX_TEMPFAIL
        except Exception as error:  # the mail server must get a status
            logger.error("Incoming e-mail deferred after an error: %s", type(error).__name__)
            return EX_TEMPFAIL

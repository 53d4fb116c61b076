"""Logs without secrets: capability URLs (a calendar-feed token, a resume-your-application
link, an application's status link, a new member's welcome link, allauth's e-mail
confirmation and password-reset keys) let whoever holds them in, so access and error logs
show them masked. Search words are masked too: they are often a person's name or address."""

import logging
import re
from collections.abc import Mapping
from typing import Any

from gunicorn.glogging import Logger as GunicornBaseLogger

HIDDEN = "[hidden]"

# A path segment or query value: up to the next separator, quote or space.
_SEGMENT = r"[^/?#&\s\"']+"
SECRET_URL_PARTS = (
    re.compile(r"(/events/feed/)[^/?#&\s\"'.]+"),
    re.compile(rf"(/apply/resume/){_SEGMENT}"),
    re.compile(rf"(/apply/status/){_SEGMENT}"),
    re.compile(rf"(/account/welcome/start/){_SEGMENT}"),
    re.compile(rf"(/accounts/confirm-email/){_SEGMENT}"),
    re.compile(rf"(/accounts/password/reset/key/)(?!done/){_SEGMENT}"),
    re.compile(rf"(/events/answer/){_SEGMENT}"),
    re.compile(rf"(/unsubscribe/){_SEGMENT}"),
    re.compile(rf"([?&](?:token|key|code|secret|password|q)=){_SEGMENT}", re.IGNORECASE),
)


def secrets_masked(text: str) -> str:
    for part in SECRET_URL_PARTS:
        text = part.sub(rf"\g<1>{HIDDEN}", text)
    return text


class SecretUrlFilter(logging.Filter):
    """Masks capability URLs in a log record's message and arguments (Django's request and
    server logs pass the path as an argument, gunicorn's access log a dict of fields)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = secrets_masked(record.msg)
        if isinstance(record.args, Mapping):
            # gunicorn's dict of fields keeps its own class (it answers "-" for missing ones).
            fields: Any = record.args
            for name, value in list(fields.items()):
                if isinstance(value, str):
                    fields[name] = secrets_masked(value)
        elif record.args:
            record.args = tuple(
                secrets_masked(value) if isinstance(value, str) else value for value in record.args
            )
        return True


SECRET_URL_FILTER = SecretUrlFilter()


class GunicornLogger(GunicornBaseLogger):
    """gunicorn's logger with capability URLs masked in its access log, whatever the access
    log format: `gunicorn --logger-class dm3p.core.logs.GunicornLogger`."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        self.access_log.addFilter(SECRET_URL_FILTER)
        self.error_log.addFilter(SECRET_URL_FILTER)

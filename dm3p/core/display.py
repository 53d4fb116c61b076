"""Display preferences travel with the person: in the session once signed in (loaded from
their account at sign-in), in a signed cookie for visitors. Reading them costs no query."""

from dataclasses import dataclass

from django.core import signing
from django.http import HttpRequest, HttpResponse

from dm3p.core.enums import Font, Motion, TextSize, Theme

COOKIE_NAME = "dm3p_display"
SESSION_KEY = "dm3p_display"
COOKIE_SALT = "dm3p.display"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365


@dataclass(frozen=True)
class DisplayChoices:
    theme: str = Theme.SYSTEM
    text_size: str = TextSize.DEFAULT
    font: str = Font.DEFAULT
    motion: str = Motion.SYSTEM

    def as_dict(self) -> dict[str, str]:
        return {
            "theme": self.theme,
            "text_size": self.text_size,
            "font": self.font,
            "motion": self.motion,
        }


_ALLOWED = {
    "theme": set(Theme.values),
    "text_size": set(TextSize.values),
    "font": set(Font.values),
    "motion": set(Motion.values),
}


def display_choices_from_dict(data: object) -> DisplayChoices:
    if not isinstance(data, dict):
        return DisplayChoices()
    clean = {
        name: value
        for name, value in data.items()
        if name in _ALLOWED and isinstance(value, str) and value in _ALLOWED[name]
    }
    return DisplayChoices(**clean)


def display_choices_for(request: HttpRequest) -> DisplayChoices:
    if hasattr(request, "session") and SESSION_KEY in request.session:
        return display_choices_from_dict(request.session[SESSION_KEY])
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return DisplayChoices()
    try:
        data = signing.loads(raw, salt=COOKIE_SALT)
    except signing.BadSignature:
        return DisplayChoices()
    return display_choices_from_dict(data)


def display_choices_remember(
    request: HttpRequest, response: HttpResponse, choices: DisplayChoices
) -> None:
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(choices.as_dict(), salt=COOKIE_SALT),
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    if request.user.is_authenticated:
        request.session[SESSION_KEY] = choices.as_dict()

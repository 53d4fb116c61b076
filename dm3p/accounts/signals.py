from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from dm3p.core.display import SESSION_KEY, display_choices_for
from dm3p.core.selectors import display_preference_of


@receiver(user_logged_in)
def load_display_preferences(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Bring the person's saved display settings into their session; if they have none yet,
    keep what they chose as a visitor."""
    saved = display_preference_of(user=user)
    if saved is not None:
        request.session[SESSION_KEY] = {
            "theme": saved.theme,
            "text_size": saved.text_size,
            "font": saved.font,
            "motion": saved.motion,
        }
    else:
        request.session[SESSION_KEY] = display_choices_for(request).as_dict()

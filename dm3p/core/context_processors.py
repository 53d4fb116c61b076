from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from dm3p.core.display import display_choices_for
from dm3p.core.navigation import nav_links
from dm3p.core.selectors import site_settings_get


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site": site_settings_get(),
        "display": display_choices_for(request),
        "display_url": reverse("core:display"),
        "nav": {
            "main": nav_links("main", request),
            "staff": nav_links("staff", request),
            "footer": nav_links("footer", request),
        },
    }

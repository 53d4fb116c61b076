from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from dm3p.core.display import display_choices_for
from dm3p.core.navigation import nav_links
from dm3p.core.notices import notices_for
from dm3p.core.selectors import site_settings_get


def site(request: HttpRequest) -> dict[str, Any]:
    site_settings = site_settings_get()
    return {
        # allauth's sign-in pages put their own ``site`` (the request's host) in the context,
        # over this one, so the layout reads ``site_settings``.
        "site": site_settings,
        "site_settings": site_settings,
        "display": display_choices_for(request),
        "display_url": reverse("core:display"),
        "notices": notices_for(request),
        "nav": {
            "main": nav_links("main", request),
            "staff": nav_links("staff", request),
            "staff_title": "Organizer tools"
            if request.user.has_perm("core.view_organizer_tools")
            else "Accommodations",
            "footer": nav_links("footer", request),
            "account": nav_links("account", request),
        },
    }

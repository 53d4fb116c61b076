from django.http import HttpRequest
from django.urls import reverse

from dm3p.core.navigation import NavLink, nav_register


def staff_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("accommodations.coordinate"):
        return [NavLink("Accommodations", reverse("accommodations:queue"), order=5)]
    return []


nav_register("staff", staff_links)

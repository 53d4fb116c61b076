from django.http import HttpRequest
from django.urls import reverse

from dm3p.core.navigation import NavLink, nav_register


def staff_links(request: HttpRequest) -> list[NavLink]:
    links = []
    if request.user.has_perm("accommodations.coordinate"):
        links.append(NavLink("Accommodations", reverse("accommodations:queue"), order=5))
    if request.user.has_perm("accommodations.change_type"):
        links.append(NavLink("Kinds of support", reverse("accommodations:kinds"), order=66))
    return links


nav_register("staff", staff_links)

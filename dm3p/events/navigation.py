from django.http import HttpRequest
from django.urls import reverse

from dm3p.core.navigation import NavLink, nav_register


def main_links(request: HttpRequest) -> list[NavLink]:
    return [NavLink("News & Events", reverse("events:list"), order=22)]


def staff_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("events.manage_event"):
        return [NavLink("Gatherings", reverse("events:manage"), order=20)]
    return []


nav_register("main", main_links)
nav_register("staff", staff_links)

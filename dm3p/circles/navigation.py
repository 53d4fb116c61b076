from django.http import HttpRequest
from django.urls import reverse

from dm3p.core.navigation import NavLink, nav_register


def main_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("circles.join_round"):
        return [NavLink("Circles", reverse("circles:mine"), order=32)]
    return []


def staff_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("circles.manage_rounds"):
        return [NavLink("Circles", reverse("circles:rounds"), order=22)]
    return []


nav_register("main", main_links)
nav_register("staff", staff_links)

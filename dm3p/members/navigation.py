from django.http import HttpRequest
from django.urls import reverse

from dm3p.core.navigation import NavLink, nav_register


def staff_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    links = []
    if user.has_perm("members.review_application"):
        links.append(NavLink("Applications", reverse("members:review_queue"), order=10))
    if user.has_perm("members.change_communitysettings"):
        links.append(
            NavLink("Membership settings", reverse("members:community_settings"), order=60)
        )
    if user.has_perm("members.change_term"):
        links.append(NavLink("Lists", reverse("members:terms"), order=65))
    if user.has_perm("members.manage_people"):
        links.append(NavLink("People and roles", reverse("members:people"), order=75))
    return links


nav_register("staff", staff_links)

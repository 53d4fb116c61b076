"""What the members app adds to core's hooks: its links in the header, the staff menu and
the account menu, and the notice telling organizers that some fields are hidden until
two-factor authentication."""

from django.http import HttpRequest
from django.urls import reverse

from dm3p.core.navigation import NavLink, nav_register
from dm3p.core.notices import notice_register
from dm3p.members.notices import organizer_fields_hidden_notices


def main_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("members.view_directory"):
        return [
            NavLink("Members", reverse("members:directory"), order=30),
            NavLink("Your profile", reverse("members:own_profile"), order=35),
        ]
    if not request.user.is_authenticated:
        return [NavLink("Apply", reverse("members:apply"), order=25)]
    return []


def account_links(request: HttpRequest) -> list[NavLink]:
    if not request.user.is_authenticated:
        return []
    return [
        NavLink("Your data", reverse("members:my_data"), order=80),
        NavLink("Delete your account", reverse("members:delete_account"), order=90),
    ]


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


nav_register("main", main_links)
nav_register("staff", staff_links)
nav_register("account", account_links)
notice_register(organizer_fields_hidden_notices)

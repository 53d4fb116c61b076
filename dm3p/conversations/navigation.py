from django.http import HttpRequest
from django.urls import reverse

from dm3p.core.navigation import NavLink, nav_register


def main_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("conversations.view_inbox"):
        return [NavLink("Messages", reverse("conversations:inbox"), order=40)]
    return []


def staff_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("conversations.review_report"):
        return [NavLink("Reports", reverse("conversations:report_queue"), order=15)]
    return []


nav_register("main", main_links)
nav_register("staff", staff_links)

from django.http import HttpRequest
from django.urls import reverse

from dm3p.core.navigation import NavLink, nav_register


def staff_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    links = []
    if user.has_perm("core.change_sitesettings"):
        links.append(NavLink("Site settings", reverse("core:site_settings"), order=80))
    if user.has_perm("core.change_emailwording"):
        links.append(NavLink("E-mails", reverse("core:email_wordings"), order=68))
    if user.has_perm("core.view_auditentry"):
        links.append(NavLink("Audit log", reverse("core:audit_log"), order=85))
    return links


nav_register("staff", staff_links)

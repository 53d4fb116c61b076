"""Telling an organizer, on the pages where what members share only with organizers would
show, that it is hidden until their session passes two-factor authentication."""

from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from dm3p.accounts.rules import is_organizer, is_organizer_with_mfa
from dm3p.core.access import mfa_is_set_up
from dm3p.core.hooks import Notice
from dm3p.members.hooks import ORGANIZER_FIELD_PAGES


def organizer_fields_hidden_notices(request: HttpRequest) -> list[Notice]:
    match = request.resolver_match
    user = request.user
    if match is None or match.view_name not in set(ORGANIZER_FIELD_PAGES):
        return []
    if not is_organizer(user) or is_organizer_with_mfa(user):
        return []
    if not mfa_is_set_up(user):
        return [
            Notice(
                "Some details members share only with organizers are hidden until you set up "
                "two-factor authentication.",
                "Set up two-factor authentication",
                reverse("mfa_index"),
            )
        ]
    return [
        Notice(
            "Some details members share only with organizers are hidden until you confirm "
            "it's you with two-factor authentication.",
            "Confirm it's you",
            f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}",
        )
    ]

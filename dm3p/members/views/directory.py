"""Finding members."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from dm3p.accounts.requests import MemberRequest
from dm3p.members.forms import (
    DirectoryForm,
)
from dm3p.members.selectors import (
    DirectoryFilters,
    community_settings_get,
    directory_fields_revealed,
    directory_text_revealed,
    directory_visible_to,
    profile_fields_visible_to,
)
from dm3p.members.services import (
    profile_sensitive_viewed,
)
from dm3p.members.views.profiles import members_page


@members_page
def directory(request: MemberRequest) -> HttpResponse:
    form = DirectoryForm(request.GET or None)
    filters = form.filters() if form.is_valid() else DirectoryFilters()
    found = directory_visible_to(viewer=request.user, filters=filters)
    page = Paginator(found, 24).get_page(request.GET.get("page"))
    shown = [
        (profile, profile_fields_visible_to(profile=profile, viewer=request.user))
        for profile in page.object_list
    ]
    cards = [(profile, {field.name: field for field in fields}) for profile, fields in shown]
    profile_sensitive_viewed(
        actor=request.user,
        seen=[
            (
                profile,
                directory_fields_revealed(filters)
                + directory_text_revealed(text=filters.text, shown=fields),
            )
            for profile, fields in shown
        ],
    )
    query = {key: value for key, value in request.GET.items() if key != "page" and value}
    return render(
        request,
        "members/directory.html",
        {
            "form": form,
            "page": page,
            "cards": cards,
            "query_string": urlencode(query),
            "community": community_settings_get(),
        },
    )

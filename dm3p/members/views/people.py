"""Admins giving people their roles."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.accounts.requests import MemberRequest
from dm3p.accounts.services import person_roles_set
from dm3p.core.access import staff_page
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.members.forms import (
    PersonRolesForm,
)
from dm3p.members.selectors import (
    people_for_admin,
)


@staff_page("members.manage_people")
def people(request: MemberRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(people_for_admin(query=query), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "members/people.html",
        {"page": page, "query": query, "query_string": urlencode({"q": query}) if query else ""},
    )


@staff_page("members.manage_people")
@require_http_methods(["GET", "POST"])
def person_edit(request: MemberRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(User, pk=pk)
    form = PersonRolesForm(
        request.POST if request.method == "POST" else None,
        initial={
            "membership_status": person.membership_status,
            "is_coordinator": person.is_coordinator,
            "is_organizer": person.is_organizer,
            "is_admin": person.is_admin,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            person_roles_set(
                actor=request.user,
                person=person,
                membership_status=MembershipStatus(form.cleaned_data["membership_status"]),
                is_coordinator=form.cleaned_data["is_coordinator"],
                is_organizer=form.cleaned_data["is_organizer"],
                is_admin=form.cleaned_data["is_admin"],
            )
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, f"Roles of {person} saved.")
            return redirect("members:people")
    return render(request, "members/person_edit.html", {"form": form, "person": person})

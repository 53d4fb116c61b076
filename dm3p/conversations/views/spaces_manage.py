"""Organizers' pages for topic spaces: the list, adding one, changing or archiving one."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.conversations.enums import SpaceKind
from dm3p.conversations.forms.forum import SpaceForm
from dm3p.conversations.models import Space
from dm3p.conversations.selectors.spaces import listed_people, topic_spaces
from dm3p.conversations.services.spaces import space_archive, space_save
from dm3p.core.access import staff_page

managing = staff_page("conversations.manage_spaces")


@require_GET
@managing
def space_list(request: MemberRequest) -> HttpResponse:
    return render(request, "conversations/forum_manage_spaces.html", {"spaces": topic_spaces()})


def _edit(request: MemberRequest, space: Space) -> HttpResponse:
    made = space.pk is None
    if request.method == "POST" and request.POST.get("action") in ("archive", "restore"):
        if made:
            raise Http404
        archived = request.POST["action"] == "archive"
        space_archive(actor=request.user, space=space, archived=archived)
        messages.success(
            request,
            f"{space.name} is archived: nobody sees it now."
            if archived
            else f"{space.name} is back in the list.",
        )
        return redirect("conversations:space_manage_list")
    form = SpaceForm(
        request.POST if request.method == "POST" else None,
        instance=space,
        initial={} if made else {"listed_people": listed_people(space)},
    )
    if request.method == "POST" and form.is_valid():
        space_save(
            actor=request.user,
            space=form.save(commit=False),
            changed=form.changed_data,
            listed=form.cleaned_data["listed_people"] or [],
        )
        messages.success(request, f"{space.name} is saved.")
        return redirect("conversations:space_manage_list")
    return render(
        request,
        "conversations/forum_manage_space.html",
        {"form": form, "space": space, "made": made},
    )


@require_http_methods(["GET", "POST"])
@managing
def space_add(request: MemberRequest) -> HttpResponse:
    return _edit(request, Space(kind=SpaceKind.TOPIC))


@require_http_methods(["GET", "POST"])
@managing
def space_edit(request: MemberRequest, pk: int) -> HttpResponse:
    space = topic_spaces().filter(pk=pk).first()
    if space is None:
        raise Http404
    return _edit(request, space)

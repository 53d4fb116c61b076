"""``/conversations/new/``: threads with posts a person hasn't read (issue 14)."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.conversations.selectors.new_since import new_since
from dm3p.core.access import page_permission

PER_PAGE = 30


@require_http_methods(["GET"])
@page_permission("conversations.view_inbox")
def new_since_page(request: MemberRequest) -> HttpResponse:
    page = Paginator(new_since(viewer=request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "conversations/actions_new.html", {"page": page})

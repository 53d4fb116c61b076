import sys
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from dm3p.core.access import SignedInRequest, staff_page
from dm3p.core.audit_words import audit_lines
from dm3p.core.display import DisplayChoices, display_choices_for, display_choices_remember
from dm3p.core.emails import declared_email_get
from dm3p.core.forms import (
    DisplayPreferencesForm,
    EmailWordingForm,
    SearchForm,
    SiteSettingsForm,
)
from dm3p.core.hooks import COMMON_PLACEHOLDERS
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.core.search import search_for
from dm3p.core.selectors import (
    Wording,
    audit_entries_recent,
    demo_emails_recent,
    email_wording_get,
    email_wordings_all,
    site_settings_get,
)
from dm3p.core.services import (
    display_preferences_save,
    email_wording_reset,
    email_wording_save,
    site_settings_update,
)

PAGE_SIZE = 50
SEARCH_PAGE_SIZE = 20


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_not_required
@require_http_methods(["GET", "POST"])
def display_preferences(request: HttpRequest) -> HttpResponse:
    form = DisplayPreferencesForm(
        request.POST if request.method == "POST" else None,
        initial=display_choices_for(request).as_dict(),
    )
    if request.method == "POST" and form.is_valid():
        choices = DisplayChoices(**form.cleaned_data)
        if request.user.is_authenticated:
            display_preferences_save(user=request.user, choices=choices)
        messages.success(request, "Your display settings are saved.")
        response = redirect(_safe_next(request, request.path))
        display_choices_remember(request, response, choices)
        return response
    return render(request, "core/display_preferences.html", {"form": form})


@staff_page("core.change_sitesettings")
@require_http_methods(["GET", "POST"])
def site_settings_edit(request: SignedInRequest) -> HttpResponse:
    form = SiteSettingsForm(
        request.POST if request.method == "POST" else None, instance=site_settings_get()
    )
    if request.method == "POST" and form.is_valid():
        site_settings_update(actor=request.user, answers=form.answers())
        messages.success(request, "Site settings saved.")
        return redirect("core:site_settings")
    return render(request, "core/site_settings.html", {"form": form})


@staff_page("core.view_auditentry")
def audit_log(request: HttpRequest) -> HttpResponse:
    page = Paginator(audit_entries_recent(), PAGE_SIZE).get_page(request.GET.get("page"))
    lines = audit_lines(list(page.object_list))
    return render(request, "core/audit_log.html", {"page": page, "lines": lines})


@staff_page("core.change_emailwording")
def email_wordings(request: SignedInRequest) -> HttpResponse:
    """Every e-mail the site sends, grouped by the part of the site that sends it."""
    grouped: dict[str, list[Wording]] = {}
    for wording in email_wordings_all():
        grouped.setdefault(wording.email.app, []).append(wording)
    return render(request, "core/email_wordings.html", {"grouped": grouped})


@staff_page("core.change_emailwording")
@require_http_methods(["GET", "POST"])
def email_wording_edit(request: SignedInRequest, key: str) -> HttpResponse:
    try:
        email = declared_email_get(key)
    except LookupError:
        raise Http404 from None
    if request.method == "POST" and "shipped" in request.POST:
        email_wording_reset(actor=request.user, email=email)
        messages.success(request, f"“{email.label}” is back to the shipped text.")
        return redirect("core:email_wording", key=email.key)
    wording = email_wording_get(email=email)
    form = EmailWordingForm(
        request.POST if request.method == "POST" else None,
        email=email,
        initial={"subject": wording.subject, "body": wording.body},
    )
    if request.method == "POST" and form.is_valid():
        try:
            email_wording_save(
                actor=request.user,
                email=email,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, f"“{email.label}” e-mail saved.")
            return redirect("core:email_wordings")
    placeholders = {**email.placeholders, **COMMON_PLACEHOLDERS}
    return render(
        request,
        "core/email_wording.html",
        {"form": form, "wording": wording, "email": email, "placeholders": placeholders},
    )


@login_not_required
def search(request: HttpRequest) -> HttpResponse:
    """The site's one search, open to everyone: each person finds only what they may see."""
    query = request.GET.get("q", "").strip()
    found = search_for(viewer=request.user, query=query, kind=request.GET.get("kind", ""))
    counted = bool(found.words)
    kinds = [
        (searchable.kind, f"{searchable.label} ({count})" if counted else searchable.label)
        for searchable, count in found.kinds
    ]
    answers = request.GET.copy()
    answers["kind"] = found.kind  # a kind this person can't find searches everything
    form = SearchForm(answers if request.GET else None, kinds=kinds, initial={"kind": ""})
    paginator = Paginator(found.found, SEARCH_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    chosen = {"q": query, "kind": found.kind} if found.kind else {"q": query}
    return render(
        request,
        "core/search.html",
        {
            "form": form,
            "query": query,
            "search": found,
            "page": page,
            "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=2),
            "kind_label": {searchable.kind: searchable.label for searchable, _ in found.kinds}.get(
                found.kind, ""
            ),
            "query_string": urlencode(chosen),
            "query_string_everything": urlencode({"q": query}),
        },
    )


@login_not_required
def demo_mail_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(demo_emails_recent(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/demo_mail_list.html", {"page": page})


@login_not_required
def demo_mail_detail(request: HttpRequest, pk: int) -> HttpResponse:
    email = get_object_or_404(demo_emails_recent(), pk=pk)
    return render(request, "core/demo_mail_detail.html", {"email": email})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def _database_unreachable(error: BaseException | None) -> bool:
    """Whether the error, or one it arose from, says the database could not be reached."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    # Deliberately free of context processors and queries: the database may be the problem.
    if _database_unreachable(sys.exception()):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)

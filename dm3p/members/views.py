from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.accounts.requests import MemberRequest
from dm3p.accounts.services import person_roles_update
from dm3p.core.access import staff_page
from dm3p.core.clients import client_address
from dm3p.core.selectors import email_wordings_all
from dm3p.members.audiences import (
    PUBLIC,
    audience_get,
    audiences,
    audiences_seen_as,
)
from dm3p.members.availability import hours_from_parts
from dm3p.members.emails import APPLICATION
from dm3p.members.enums import ApplicationStatus, Decision, ReportOutcome
from dm3p.members.forms import (
    ApplicationForm,
    BulkDecisionForm,
    CommunitySettingsForm,
    DecisionForm,
    DeleteAccountForm,
    DirectoryForm,
    MessageForm,
    PersonRolesForm,
    ProfileForm,
    ReportCloseForm,
    ReportForm,
    ReportNoteForm,
    ResumeLinkForm,
    TermForm,
)
from dm3p.members.models import Application, Message, Profile, Term
from dm3p.members.personal_data import personal_data_export
from dm3p.members.sections import profile_sections
from dm3p.members.selectors import (
    DirectoryFilters,
    application_of,
    applications_for_review,
    block_exists,
    community_settings_get,
    directory_fields_revealed,
    directory_visible_to,
    message_for,
    message_received_by,
    messages_received,
    messages_sent,
    people_for_admin,
    profile_fields_for_audiences,
    profile_fields_visible_to,
    profile_of_member,
    profile_own,
    profile_photo_visible_to,
    reply_address_for,
    report_for_review,
    reports_for_review,
    sensitive_views_of,
    terms_all,
    terms_grouped,
)
from dm3p.members.services import (
    MessageResult,
    ProfileChanges,
    account_delete,
    application_attempt_allowed,
    application_decide,
    application_link_request,
    application_save_draft,
    application_send_resume_link,
    application_sensitive_viewed,
    application_start,
    application_submit,
    applications_decide_bulk,
    block_set,
    community_settings_update,
    message_send,
    profile_ensure,
    profile_health_consent_withdraw,
    profile_sensitive_viewed,
    profile_update,
    report_acknowledge,
    report_allowed,
    report_close,
    report_create,
    report_note_add,
    report_viewed,
    resume_link_request_allowed,
    resume_token_lookup,
    term_save,
)

SESSION_APPLICATION = "dm3p_application"
EDITABLE = {ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO}


def _own_application(request: HttpRequest) -> Application | None:
    """The application this browser may work on: the signed-in person's, or the one opened
    from its e-mailed link."""
    if request.user.is_authenticated:
        return application_of(user_id=request.user.pk)
    return application_of(user_id=request.session.get(SESSION_APPLICATION))


TOO_MANY = (
    "There have been a lot of tries from here or for this address in a short while. Please "
    "wait an hour and try again; what you typed is still here."
)


def _too_many(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """The calm answer to a rate-limited form: the form again, as typed, with the reason."""
    context["form"].add_error(None, TOO_MANY)
    return render(request, template, context, status=429)


@login_not_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    application = _own_application(request)
    if application is not None and application.status not in EDITABLE:
        return redirect("members:apply_status")
    if application is None and request.user.is_authenticated:
        return redirect("accounts:overview")
    submitting = "submit" in request.POST
    form = ApplicationForm(
        request.POST if request.method == "POST" else None,
        instance=application or Application(),
        submitting=submitting,
    )
    context = {"form": form, "application": application}
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        starting = application is None
        if not application_attempt_allowed(
            email=form.cleaned_data["email"] if starting else None,
            client=client_address(request),
        ):
            return _too_many(request, "members/apply.html", context)
        if application is None:
            # The same page for every address: the e-mailed link opens the application.
            application_start(
                email=form.cleaned_data["email"], answers=answers, submitting=submitting
            )
            # Which button was pressed, never whether the address is known.
            return render(request, "members/apply_link_sent.html", {"sent": submitting})
        if submitting:
            application_submit(application=application, answers=answers)
            return redirect("members:apply_status")
        application_save_draft(application=application, answers=answers)
        if "send_link" in request.POST:
            application_send_resume_link(application=application)
            return render(request, "members/apply_link_sent.html")
        messages.success(request, "Your answers are saved. You can come back to them.")
        return redirect("members:apply")
    return render(request, "members/apply.html", context)


@login_not_required
def apply_resume(request: HttpRequest, token: str) -> HttpResponse:
    application = resume_token_lookup(token)
    if application is None:
        return render(
            request, "members/apply_link_expired.html", {"form": ResumeLinkForm()}, status=404
        )
    request.session.cycle_key()
    request.session[SESSION_APPLICATION] = application.user_id
    return redirect("members:apply")


@login_not_required
@require_http_methods(["GET", "POST"])
def apply_link(request: HttpRequest) -> HttpResponse:
    """Ask for a new link to an unfinished application (same answer for every address)."""
    form = ResumeLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not resume_link_request_allowed(email=email, client=client_address(request)):
            return _too_many(request, "members/apply_link.html", {"form": form})
        application_link_request(email=email)
        return render(request, "members/apply_link_sent.html")
    return render(request, "members/apply_link.html", {"form": form})


@login_not_required
def apply_status(request: HttpRequest) -> HttpResponse:
    application = _own_application(request)
    if application is None:
        raise Http404
    return render(request, "members/apply_status.html", {"application": application})


@staff_page("members.review_application")
@require_http_methods(["GET", "POST"])
def review_queue(request: MemberRequest) -> HttpResponse:
    status = request.GET.get("status") or ApplicationStatus.SUBMITTED
    if status not in ApplicationStatus.values:
        status = ApplicationStatus.SUBMITTED
    form = BulkDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        count = applications_decide_bulk(
            applications=form.cleaned_data["applications"],
            decision=Decision(form.cleaned_data["decision"]),
            message="",
            actor=request.user,
        )
        messages.success(request, f"Decision recorded for {count} application(s).")
        return redirect(f"{request.path}?status={status}")
    page = Paginator(applications_for_review(status=status), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "members/review_queue.html",
        {"page": page, "form": form, "status": status, "statuses": ApplicationStatus.choices[1:]},
    )


@staff_page("members.review_application")
@require_http_methods(["GET", "POST"])
def review_application(request: MemberRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for_review(), pk=pk)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        application_decide(
            application=application,
            decision=Decision(form.cleaned_data["decision"]),
            message=form.cleaned_data["message"].strip(),
            actor=request.user,
        )
        messages.success(request, "Your decision is recorded and the applicant is told.")
        return redirect("members:review_queue")
    if application.health_details:
        application_sensitive_viewed(application=application, actor=request.user)
    return render(
        request, "members/review_application.html", {"application": application, "form": form}
    )


@staff_page("members.change_communitysettings")
@require_http_methods(["GET", "POST"])
def community_settings(request: MemberRequest) -> HttpResponse:
    form = CommunitySettingsForm(
        request.POST if request.method == "POST" else None, instance=community_settings_get()
    )
    if request.method == "POST" and form.is_valid():
        community_settings_update(actor=request.user, values=form.cleaned_data)
        messages.success(request, "Membership settings saved.")
        return redirect("members:community_settings")
    templates = [wording for wording in email_wordings_all() if wording.email.kind == APPLICATION]
    return render(
        request, "members/community_settings.html", {"form": form, "templates": templates}
    )


@staff_page("core.change_emailwording")
def email_template_edit(request: MemberRequest, key: str) -> HttpResponse:
    """The old address of a membership e-mail's editing page: every e-mail is edited on
    Staff → E-mails now."""
    return redirect("core:email_wording", key=key)


@staff_page("members.change_term")
def terms(request: MemberRequest) -> HttpResponse:
    return render(request, "members/terms.html", {"grouped": terms_grouped()})


@staff_page("members.change_term")
@require_http_methods(["GET", "POST"])
def term_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    term = get_object_or_404(terms_all(), pk=pk) if pk else Term()
    form = TermForm(request.POST if request.method == "POST" else None, instance=term)
    if request.method == "POST" and form.is_valid():
        saved = term_save(actor=request.user, term=term, values=form.cleaned_data)
        messages.success(request, f"“{saved.label}” saved.")
        return redirect("members:terms")
    return render(request, "members/term_edit.html", {"form": form, "term": term})


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
        problem = person_roles_update(
            actor=request.user,
            person=person,
            membership_status=MembershipStatus(form.cleaned_data["membership_status"]),
            is_coordinator=form.cleaned_data["is_coordinator"],
            is_organizer=form.cleaned_data["is_organizer"],
            is_admin=form.cleaned_data["is_admin"],
        )
        if problem:
            form.add_error(None, problem)
        else:
            messages.success(request, f"Roles of {person} saved.")
            return redirect("members:people")
    return render(request, "members/person_edit.html", {"form": form, "person": person})


MANY = ("professions", "topics_offered", "topics_sought", "modes", "lived_experience_categories")


def _member_only(request: MemberRequest) -> None:
    if not request.user.has_perm("members.view_directory"):
        raise Http404


def own_profile(request: MemberRequest) -> HttpResponse:
    _member_only(request)
    profile = profile_own(user=request.user) or profile_ensure(user=request.user)
    looked = sensitive_views_of(user=request.user)
    sections = [(section, section.data(profile)) for section in profile_sections()]
    return render(
        request,
        "members/own_profile.html",
        {
            "profile": profile,
            "fields": profile_fields_visible_to(profile=profile, viewer=request.user),
            "looked": looked,
            "sections": sections,
        },
    )


@require_http_methods(["GET", "POST"])
def edit_profile(request: MemberRequest) -> HttpResponse:
    _member_only(request)
    profile = profile_own(user=request.user) or profile_ensure(user=request.user)
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=profile,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile_update(
            profile=profile,
            changes=ProfileChanges(
                values={**data, "stage": data.get("stage")},
                many={name: data.get(name) or [] for name in MANY},
                availability=hours_from_parts(form.availability_choice()),
                visibility=form.visibility_choice(),
                health_consent=bool(data.get("health_consent")),
            ),
        )
        messages.success(request, "Your profile is saved.")
        return redirect("members:own_profile")
    return render(request, "members/edit_profile.html", {"form": form})


@require_http_methods(["GET", "POST"])
def withdraw_health_consent(request: MemberRequest) -> HttpResponse:
    _member_only(request)
    profile = profile_own(user=request.user) or profile_ensure(user=request.user)
    if request.method == "POST":
        profile_health_consent_withdraw(profile=profile)
        messages.success(request, "Consent withdrawn. What you wrote about your health is deleted.")
        return redirect("members:own_profile")
    return render(request, "members/withdraw_consent.html", {"profile": profile})


def preview_profile(request: MemberRequest) -> HttpResponse:
    _member_only(request)
    profile = profile_own(user=request.user) or profile_ensure(user=request.user)
    choices = [audience for audience in audiences() if audience.level > 0]
    chosen = audience_get(request.GET.get("as", "members"))
    if chosen.level == 0:
        chosen = choices[-2] if len(choices) > 1 else choices[0]
    return render(
        request,
        "members/preview_profile.html",
        {
            "profile": profile,
            "fields": profile_fields_for_audiences(
                profile=profile, seen=audiences_seen_as(chosen.key)
            ),
            "choices": choices,
            "chosen": chosen,
        },
    )


def directory(request: MemberRequest) -> HttpResponse:
    _member_only(request)
    form = DirectoryForm(request.GET or None)
    filters = DirectoryFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = DirectoryFilters(
            name=data["name"].strip(),
            profession=data["profession"],
            stage=data["stage"],
            specialty=data["specialty"].strip(),
            region=data["region"].strip(),
            topic=data["topic"],
            condition=data["condition"],
            time_zone=data["time_zone"],
        )
    found = directory_visible_to(viewer=request.user, filters=filters)
    page = Paginator(found, 24).get_page(request.GET.get("page"))
    cards = [
        (profile, profile_fields_visible_to(profile=profile, viewer=request.user))
        for profile in page.object_list
    ]
    profile_sensitive_viewed(
        actor=request.user,
        seen=[(profile, directory_fields_revealed(filters)) for profile in page.object_list],
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


def member_profile(request: MemberRequest, user_id: int) -> HttpResponse:
    _member_only(request)
    profile = profile_of_member(user_id=user_id)
    if profile is None:
        raise Http404
    fields = profile_fields_visible_to(profile=profile, viewer=request.user)
    profile_sensitive_viewed(actor=request.user, seen=[(profile, [field.name for field in fields])])
    blocked = block_exists(blocker=request.user, blocked=profile.user)
    return render(
        request,
        "members/member_profile.html",
        {"profile": profile, "fields": fields, "blocked": blocked},
    )


@login_not_required
def public_profile(request: HttpRequest, user_id: int) -> HttpResponse:
    """What a member chose to show to anyone; 404 when they chose nothing."""
    profile = profile_of_member(user_id=user_id)
    fields = (
        profile_fields_for_audiences(profile=profile, seen=audiences_seen_as(PUBLIC))
        if profile
        else []
    )
    if profile is None or not fields:
        raise Http404
    return render(request, "members/public_profile.html", {"profile": profile, "fields": fields})


@login_not_required
def photo(request: HttpRequest, user_id: int) -> FileResponse:
    profile = profile_photo_visible_to(user_id=user_id, viewer=request.user)
    if profile is None:
        raise Http404
    return FileResponse(profile.photo.open("rb"))


def my_data(request: MemberRequest) -> HttpResponse:
    return render(request, "members/my_data.html", {"sections": personal_data_export(request.user)})


def my_data_json(request: MemberRequest) -> HttpResponse:
    response = JsonResponse(
        personal_data_export(request.user), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    response["Content-Disposition"] = 'attachment; filename="my-dm3p-data.json"'
    return response


@require_http_methods(["GET", "POST"])
def delete_account(request: MemberRequest) -> HttpResponse:
    form = DeleteAccountForm(
        request.POST if request.method == "POST" else None, email=request.user.email
    )
    if request.method == "POST" and form.is_valid():
        user = request.user
        problem = account_delete(user=user)
        if not problem:
            logout(request)
            return render(request, "members/account_deleted.html")
        form.add_error(None, problem)
    return render(request, "members/delete_account.html", {"form": form})


def _contactable(request: MemberRequest, user_id: int) -> Profile:
    _member_only(request)
    profile = profile_of_member(user_id=user_id)
    if profile is None or profile.user_id == request.user.pk:
        raise Http404
    return profile


@require_http_methods(["GET", "POST"])
def contact_member(request: MemberRequest, user_id: int) -> HttpResponse:
    profile = _contactable(request, user_id)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = message_send(
            sender=request.user,
            recipient=profile.user,
            body=form.cleaned_data["body"],
            reveal_email=form.cleaned_data["reveal_email"],
        )
        if result == MessageResult.TOO_MANY:
            form.add_error(
                None,
                "You have sent a lot of messages recently. Please wait an "
                "hour and try again; what you wrote is still here.",
            )
            return render(
                request, "members/contact.html", {"form": form, "profile": profile}, status=429
            )
        messages.success(request, f"Your message to {profile.display_name} is sent.")
        return redirect("members:member_profile", user_id=user_id)
    return render(request, "members/contact.html", {"form": form, "profile": profile})


@require_http_methods(["POST"])
def block_member(request: MemberRequest, user_id: int) -> HttpResponse:
    profile = _contactable(request, user_id)
    blocking = request.POST.get("block") == "1"
    block_set(blocker=request.user, blocked=profile.user, blocking=blocking)
    messages.success(
        request,
        f"{profile.display_name} can no longer message you. They are not told."
        if blocking
        else f"{profile.display_name} can message you again.",
    )
    return redirect("members:member_profile", user_id=user_id)


@require_http_methods(["GET", "POST"])
def report_member(request: MemberRequest, user_id: int) -> HttpResponse:
    profile = _contactable(request, user_id)
    return _report(request, about=profile.user, message=None, subject=profile.display_name)


@require_http_methods(["GET", "POST"])
def report_message(request: MemberRequest, pk: int) -> HttpResponse:
    message = message_received_by(pk=pk, user=request.user)
    if message is None:
        raise Http404
    return _report(request, about=message.sender, message=message, subject="this message")


def _report(
    request: MemberRequest, *, about: User | None, message: Message | None, subject: str
) -> HttpResponse:
    form = ReportForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "subject": subject}
    if request.method == "POST" and form.is_valid():
        if not report_allowed(reporter=request.user, client=client_address(request)):
            form.add_error(
                None,
                "You have sent several reports in a short while. Please wait an hour and send "
                "this one again; what you wrote is still here. If someone is in danger, call "
                "your local emergency number.",
            )
            return render(request, "members/report.html", context, status=429)
        report_create(
            reporter=request.user, about=about, message=message, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, "Thank you. Your report is with the organizers, who will write to you."
        )
        return redirect("members:directory" if message is None else "members:inbox")
    return render(request, "members/report.html", context)


def inbox(request: MemberRequest) -> HttpResponse:
    _member_only(request)
    return render(
        request,
        "members/inbox.html",
        {
            "received": messages_received(user=request.user)[:100],
            "sent": messages_sent(user=request.user)[:100],
        },
    )


def message_detail(request: MemberRequest, pk: int) -> HttpResponse:
    message = message_for(pk=pk, user=request.user)
    if message is None:
        raise Http404
    blocked = bool(message.sender) and block_exists(blocker=request.user, blocked=message.sender)
    return render(
        request,
        "members/message.html",
        {
            "message": message,
            "blocked": blocked,
            "reply_address": reply_address_for(message=message, viewer=request.user),
        },
    )


@staff_page("members.review_report")
def report_queue(request: MemberRequest) -> HttpResponse:
    show_closed = request.GET.get("closed") == "1"
    reports = reports_for_review(viewer=request.user, open_only=not show_closed)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(request, "members/report_queue.html", {"page": page, "show_closed": show_closed})


@staff_page("members.review_report")
@require_http_methods(["GET", "POST"])
def report_detail(request: MemberRequest, pk: int) -> HttpResponse:
    report = report_for_review(pk=pk, viewer=request.user)
    if report is None:
        raise Http404
    action = request.POST.get("action")
    note_form = ReportNoteForm(request.POST if action == "note" else None)
    close_form = ReportCloseForm(request.POST if action == "close" else None)
    if action == "acknowledge":
        report_acknowledge(report=report, actor=request.user)
        messages.success(request, "Marked as being reviewed; the reporter is told.")
        return redirect("members:report_detail", pk=pk)
    if action == "note" and note_form.is_valid():
        report_note_add(report=report, actor=request.user, text=note_form.cleaned_data["text"])
        return redirect("members:report_detail", pk=pk)
    if action == "close" and close_form.is_valid():
        problem = report_close(
            report=report,
            actor=request.user,
            outcome=ReportOutcome(close_form.cleaned_data["outcome"]),
            message=close_form.cleaned_data["message"],
        )
        if not problem:
            messages.success(request, "Report closed; the reporter is told the outcome.")
            return redirect("members:report_queue")
        close_form.add_error(None, problem)
    if request.method == "GET":
        report_viewed(report=report, actor=request.user)
    return render(
        request,
        "members/report_detail.html",
        {
            "report": report,
            "note_form": note_form,
            "close_form": close_form,
            "may_close": request.user.has_perm("members.close_report", report),
        },
    )

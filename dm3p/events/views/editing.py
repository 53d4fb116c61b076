"""Organizers' pages for gatherings: the list, and one gathering's form with its agenda and
speakers on the same page ("Check the time" and "add another" re-show the form, keeping
what was typed and saving nothing), copying a gathering as the start of a new one."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.core.access import staff_page
from dm3p.core.fields import id_or_404
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.core.times import COMMON_TIME_ZONES, when_text, zone_words
from dm3p.events.forms import (
    EventForm,
    SegmentFormSet,
    SpeakerFormSet,
    errors_shown_only_for,
    event_copy_initial,
    formset_errors_hidden,
    segment_rows,
    segments_copy_initial,
    speaker_rows,
    speakers_copy_initial,
)
from dm3p.events.models import Event
from dm3p.events.selectors import (
    events_coming_for_organizers,
    events_past_for_organizers,
    new_event_time_zone,
    viewer_time_zone,
)
from dm3p.events.services import event_save

# What a button on the gathering's form asks for, besides saving.
CHECK = "check"
ADD_ROW: dict[str, tuple[type[Any], str]] = {
    "add_speaker": (SpeakerFormSet, "speakers"),
    "add_segment": (SegmentFormSet, "segments"),
}
# Rows a form may hold after "add another": more is a tampered form.
MOST_ROWS = 50


@staff_page("events.manage_event")
def manage(request: MemberRequest) -> HttpResponse:
    """Coming gatherings first, soonest at the top; then past ones, latest first."""
    zone = viewer_time_zone(viewer=request.user)

    def with_times(events: list[Event]) -> list[tuple[Event, str]]:
        return [(event, when_text(event.starts_at, event.ends_at, zone)) for event in events]

    coming = list(events_coming_for_organizers()[:100])
    past = list(events_past_for_organizers()[:50])
    return render(
        request, "events/manage.html", {"coming": with_times(coming), "past": with_times(past)}
    )


def _with_one_more_row(data: QueryDict, rows: Any) -> QueryDict:
    """The posted answers with one more row in ``rows`` (an unbound formset), holding what a
    new row starts with, so that left alone it is skipped when saving."""
    total = data.get(f"{rows.prefix}-TOTAL_FORMS", "")
    if not total.isdigit() or int(total) >= MOST_ROWS:
        return data
    more = data.copy()
    more[f"{rows.prefix}-TOTAL_FORMS"] = str(int(total) + 1)
    new_row = rows.empty_form
    for name in new_row.fields:
        value = new_row[name].initial
        if name not in {"id", "DELETE"} and value is not None and value is not False:
            more[f"{rows.prefix}-{total}-{name}"] = str(value)
    return more


def _rows(kind: type[Any], data: QueryDict | None, files: Any, *, event: Event, prefix: str) -> Any:
    """A formset of rows; a post without its rows (an older form) has none."""
    if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
        data = files = None
    return kind(data, files, instance=event, prefix=prefix)


def _copy_of(request: MemberRequest) -> Event | None:
    if "copy" not in request.GET:
        return None
    return get_object_or_404(Event, pk=id_or_404(request.GET.get("copy")))


@staff_page("events.manage_event")
@require_http_methods(["GET", "POST"])
def event_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk) if pk else Event()
    posted = request.method == "POST"
    action = request.POST.get("action", "") if posted else ""
    data: QueryDict | None = request.POST if posted else None
    if action in ADD_ROW:
        kind, prefix = ADD_ROW[action]
        data = _with_one_more_row(request.POST, kind(instance=event, prefix=prefix))
    files = request.FILES if posted else None
    copy_of = None if posted or event.pk else _copy_of(request)
    initial: dict[str, Any] = {}
    if copy_of is not None:
        initial = event_copy_initial(copy_of)
    elif not event.pk:
        initial = {"time_zone": new_event_time_zone(organizer=request.user)}
    form = EventForm(data, instance=event, initial=initial)
    segments = _rows(SegmentFormSet, data, files, event=event, prefix="segments")
    speakers = _rows(SpeakerFormSet, data, files, event=event, prefix="speakers")
    if copy_of is not None:
        for rows, answers in (
            (segments, segments_copy_initial(copy_of)),
            (speakers, speakers_copy_initial(copy_of)),
        ):
            rows.initial_extra, rows.extra = answers, len(answers) + 1
    if action == CHECK or action in ADD_ROW:
        errors_shown_only_for(form, EventForm.TIME_FIELDS if action == CHECK else ())
        for rows in (segments, speakers):
            if rows.is_bound:
                formset_errors_hidden(rows)
        if action in ADD_ROW:
            added = (speakers if ADD_ROW[action][1] == "speakers" else segments).forms[-1]
            added.fields[next(iter(added.fields))].widget.attrs["autofocus"] = True
    elif posted:
        valid = form.is_valid()
        valid = all([valid, *(rows.is_valid() for rows in (segments, speakers) if rows.is_bound)])
        if valid:
            try:
                saved = event_save(
                    actor=request.user,
                    event=event if event.pk else None,
                    answers=form.answers(),
                    segments=segment_rows(segments) if segments.is_bound else [],
                    speakers=speaker_rows(speakers) if speakers.is_bound else [],
                )
            except ServiceRefusal as refusal:
                refusal_show(refusal, form=form)
            else:
                messages.success(request, f"“{saved.title}” is saved.")
                return redirect("events:edit", pk=saved.pk)
    return render(
        request,
        "events/event_edit.html",
        {
            "form": form,
            "event": event,
            "segments": segments,
            "speakers": speakers,
            "copy_of": copy_of,
            "checked": action == CHECK,
            # For the script that writes the start in words as it is typed.
            "zone_words": {zone: zone_words(zone) for zone, _ in COMMON_TIME_ZONES},
            "has_errors": bool(
                form.errors
                or any(rows.is_bound and rows.total_error_count() for rows in (segments, speakers))
            ),
        },
    )


@staff_page("events.manage_event")
def programme(request: MemberRequest, pk: int) -> HttpResponse:
    """The agenda and speakers were once a page of their own: they are on the gathering's
    own form now."""
    event = get_object_or_404(Event, pk=pk)
    return redirect(reverse("events:edit", kwargs={"pk": event.pk}) + "#programme")

"""Events' forms, by subject: gatherings (series, one gathering, answers, resources) and
programme (agenda and speakers)."""

from dm3p.events.forms.gatherings import (
    EventForm,
    ResourceForm,
    RsvpForm,
    SeriesForm,
    event_copy_initial,
    segments_copy_initial,
    speakers_copy_initial,
)
from dm3p.events.forms.programme import (
    SegmentFormSet,
    SpeakerFormSet,
    errors_shown_only_for,
    formset_errors_hidden,
    segment_rows,
    speaker_rows,
)

__all__ = [
    "EventForm",
    "ResourceForm",
    "RsvpForm",
    "SegmentFormSet",
    "SeriesForm",
    "SpeakerFormSet",
    "errors_shown_only_for",
    "event_copy_initial",
    "formset_errors_hidden",
    "segment_rows",
    "segments_copy_initial",
    "speaker_rows",
    "speakers_copy_initial",
]

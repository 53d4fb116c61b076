from django import forms

from dm3p.conversations.enums import ReportOutcome


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="What happened?",
        max_length=5000,
        error_messages={"required": "Say what happened."},
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Only organizers read reports. The person you report is not told who "
        "reported them.",
    )


class ReportNoteForm(forms.Form):
    text = forms.CharField(
        label="Note for other organizers", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReportCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=ReportOutcome.choices, widget=forms.RadioSelect, label="Outcome"
    )
    message = forms.CharField(
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Message to the person who reported",
        help_text="Optional. Say what you can without sharing anyone's private details.",
    )

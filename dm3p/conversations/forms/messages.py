from django import forms

from dm3p.conversations.enums import ReportOutcome


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=3000,
        error_messages={"required": "Write your message."},
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Sent by e-mail and kept on the site, where it can be reported if it breaks "
        "the code of conduct.",
    )
    reveal_email = forms.BooleanField(
        required=False, label="Share my e-mail address so they can reply directly"
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply",
        max_length=3000,
        error_messages={"required": "Write your reply."},
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="They see it here, under the conversation, and get it by e-mail if they "
        "chose to. Your e-mail address is not shared.",
    )

    def __init__(self, *args: object, other_name: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if other_name:
            self.fields["body"].label = f"Your reply to {other_name}"


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

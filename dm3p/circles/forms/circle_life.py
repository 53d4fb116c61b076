from django import forms

from dm3p.circles.enums import Rating
from dm3p.circles.services.circle_life import CheckInAnswers


class CheckInForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        label="How is your circle going?",
    )
    comment = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything you'd like to add?",
        help_text="Optional. Kept private unless you tick the box below.",
    )
    share_comment = forms.BooleanField(required=False, label="The organizers may read my comment")
    pause = forms.BooleanField(
        required=False,
        label="Pause me: I need a break from the circle for now",
        help_text="Your circle sees that you're taking a break. Check in again to come back.",
    )
    wants_different = forms.BooleanField(
        required=False,
        label="I'd like a different circle next round",
        help_text="The organizers see this, so they can place you somewhere else.",
    )

    def answers(self) -> CheckInAnswers:
        data = self.cleaned_data
        return CheckInAnswers(
            rating=data["rating"],
            comment=data["comment"].strip(),
            share_comment=data["share_comment"],
            pause=data["pause"],
            wants_different=data["wants_different"],
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Add a note or link",
        help_text="Only the people in your circle can read it. Links are made clickable.",
    )

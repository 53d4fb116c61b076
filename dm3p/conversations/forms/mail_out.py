from django import forms

from dm3p.conversations.enums import EmailRhythm

CHOICES = [
    (
        EmailRhythm.AT_ONCE,
        "At once: when someone mentions you, replies to your post, writes to you directly, "
        "or posts in a thread or space you follow",
    ),
    (EmailRhythm.DAILY, "A daily digest of new posts in the threads and spaces you follow"),
    (EmailRhythm.WEEKLY, "A weekly digest of new posts in the threads and spaces you follow"),
    (EmailRhythm.NOTHING, "No e-mail about conversations"),
]


class EmailChoiceForm(forms.Form):
    rhythm = forms.ChoiceField(
        choices=CHOICES,
        widget=forms.RadioSelect,
        label="How would you like to hear about conversations?",
        help_text="Whatever you choose, everything is on the site when you look.",
    )

    def answer(self) -> EmailRhythm:
        return EmailRhythm(self.cleaned_data["rhythm"])

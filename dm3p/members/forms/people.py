from django import forms

from dm3p.accounts.enums import MembershipStatus

# Needed to send an application; a draft needs only a name and an e-mail address.


class PersonRolesForm(forms.Form):
    membership_status = forms.ChoiceField(
        choices=MembershipStatus.choices,
        widget=forms.RadioSelect,
        label="Membership",
        help_text="Suspending ends the person's sessions at once; reinstate by choosing "
        "Member or Ally member.",
    )
    is_coordinator = forms.BooleanField(required=False, label="Accommodations coordinator")
    is_organizer = forms.BooleanField(required=False, label="Organizer")
    is_admin = forms.BooleanField(required=False, label="Admin")

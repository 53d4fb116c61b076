"""What organizers set for membership: settings, e-mail wordings, the lists."""

from django import forms
from django.core.exceptions import ValidationError

# Needed to send an application; a draft needs only a name and an e-mail address.
from dm3p.core.forms import answers_from
from dm3p.members.models import CommunitySettings, Term
from dm3p.members.services.community import CommunitySettingsAnswers, TermAnswers


class CommunitySettingsForm(forms.ModelForm[CommunitySettings]):
    class Meta:
        model = CommunitySettings
        fields = ["discord_invite_url", "linkedin_group_url", "retention_days"]
        labels = {
            "discord_invite_url": "Discord invitation link",
            "linkedin_group_url": "LinkedIn group link",
            "retention_days": "Days to keep declined and abandoned applications",
        }
        help_texts = {
            "discord_invite_url": "Sent to new members in their welcome e-mail. Never shown "
            "publicly.",
            "linkedin_group_url": "Sent to new members in their welcome e-mail.",
        }

    def answers(self) -> CommunitySettingsAnswers:
        return answers_from(self, CommunitySettingsAnswers)


class TermForm(forms.ModelForm[Term]):
    class Meta:
        model = Term
        fields = ["kind", "label", "order", "is_active"]
        labels = {
            "kind": "List",
            "label": "Wording",
            "order": "Position in the list",
            "is_active": "Offered in forms",
        }
        help_texts = {
            "order": "Lower numbers come first.",
            "is_active": "Untick to stop offering it; people who chose it keep it.",
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "__all__": {"unique_together": "That list already has this wording."},
        }

    def validate_unique(self) -> None:
        try:
            self.instance.validate_unique()
        except ValidationError:
            self.add_error("label", "That list already has this wording.")

    def answers(self) -> TermAnswers:
        return answers_from(self, TermAnswers)

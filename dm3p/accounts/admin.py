from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from dm3p.accounts.models import User
from dm3p.accounts.services import person_details_update


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    list_display = [
        "email",
        "name",
        "membership_status",
        "is_coordinator",
        "is_organizer",
        "is_admin",
    ]
    list_filter = ["membership_status", "is_coordinator", "is_organizer", "is_admin"]
    search_fields = ["email", "name"]
    fields = ["email", "name", "membership_status", "is_coordinator", "is_organizer", "is_admin"]
    # Roles change on the site's "People and roles" page, where each change is audited and a
    # suspension ends the person's sessions at once.
    readonly_fields = ["membership_status", "is_coordinator", "is_organizer", "is_admin"]
    ordering = ["email"]
    # Adding and deleting people stay off (no such permission in rules.py): people join by
    # applying, and deleting an account goes through the site.

    def save_model(
        self, request: HttpRequest, obj: User, form: ModelForm[User], change: bool
    ) -> None:
        """Saved through the same service as the site, so the change is audited."""
        person_details_update(
            actor=request.user,  # type: ignore[arg-type]
            person=obj,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
        )

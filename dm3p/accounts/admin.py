from django.contrib import admin

from dm3p.accounts.models import User


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

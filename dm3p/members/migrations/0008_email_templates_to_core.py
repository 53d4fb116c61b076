"""The organizers' words for membership e-mails move to core.EmailWording, where every
e-mail's words now live (same keys, subjects and bodies)."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

MEMBERSHIP_KEYS = [
    "application_received",
    "application_approved",
    "application_declined",
    "application_more_info",
    "application_resume",
    "application_known_address",
    "application_no_link",
]


def to_core(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    EmailTemplate = apps.get_model("members", "EmailTemplate")
    EmailWording = apps.get_model("core", "EmailWording")
    for template in EmailTemplate.objects.all():
        EmailWording.objects.update_or_create(
            key=template.key, defaults={"subject": template.subject, "body": template.body}
        )


def to_members(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    EmailTemplate = apps.get_model("members", "EmailTemplate")
    EmailWording = apps.get_model("core", "EmailWording")
    for wording in EmailWording.objects.filter(key__in=MEMBERSHIP_KEYS):
        EmailTemplate.objects.update_or_create(
            key=wording.key, defaults={"subject": wording.subject, "body": wording.body}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_email_wording"),
        ("members", "0007_encrypted_text_safe_to_validate"),
    ]

    operations = [migrations.RunPython(to_core, to_members)]

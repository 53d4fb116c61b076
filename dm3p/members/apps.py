from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dm3p.members"
    verbose_name = "Members"

    def ready(self) -> None:
        from dm3p.members import emails, handlers  # noqa: F401 (emails declares its e-mails)

        handlers.connect()

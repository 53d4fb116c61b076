from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dm3p.members"
    verbose_name = "Members"

    def ready(self) -> None:
        from dm3p.members import defaults, demo, emails, handlers, tasks  # noqa: F401

from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "dm3p.conversations"
    verbose_name = "Conversations"

    def ready(self) -> None:
        from dm3p.conversations import emails, handlers  # noqa: F401 (emails declares its e-mails)

        handlers.connect()

from django.apps import AppConfig


class CirclesConfig(AppConfig):
    name = "dm3p.circles"
    verbose_name = "Circles and breakout rooms"

    def ready(self) -> None:
        from dm3p.circles import emails, handlers  # noqa: F401 (emails declares its e-mails)

        handlers.connect()

from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "dm3p.events"
    verbose_name = "Gatherings"

    def ready(self) -> None:
        from dm3p.events import emails, handlers  # noqa: F401

        handlers.connect()

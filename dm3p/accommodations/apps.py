from django.apps import AppConfig


class AccommodationsConfig(AppConfig):
    name = "dm3p.accommodations"
    verbose_name = "Accommodations"

    def ready(self) -> None:
        from dm3p.accommodations import emails, handlers  # noqa: F401

        handlers.connect()

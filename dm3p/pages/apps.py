from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "dm3p.pages"
    verbose_name = "Public pages"

    def ready(self) -> None:
        from dm3p.pages import handlers

        handlers.connect()

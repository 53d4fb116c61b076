from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    name = "dm3p.core"
    verbose_name = "Site"

    def ready(self) -> None:
        # Sets Pillow's limit on image size for every upload (see MAX_IMAGE_PIXELS).
        import dm3p.core.images  # noqa: F401
        from dm3p.core import handlers
        from dm3p.core.fields import IdConverter

        handlers.connect()

        # <id:pk> in URL patterns: database ids only (see IdConverter).
        register_converter(IdConverter, "id")

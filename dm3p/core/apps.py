from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dm3p.core"
    verbose_name = "Site"

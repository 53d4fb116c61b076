from django.apps import AppConfig


class AccommodationsConfig(AppConfig):
    name = "dm3p.accommodations"
    verbose_name = "Accommodations"

    def ready(self) -> None:
        from dm3p.accommodations import defaults, emails, hooks, navigation, personal_data

        hooks.connect()
        _ = (defaults, emails, navigation, personal_data)

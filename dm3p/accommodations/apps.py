from django.apps import AppConfig


class AccommodationsConfig(AppConfig):
    name = "dm3p.accommodations"
    verbose_name = "Accommodations"

    def ready(self) -> None:
        from dm3p.accommodations import demo, emails, hooks, navigation, personal_data

        hooks.connect()
        _ = (demo, emails, navigation, personal_data)

from django.apps import AppConfig


class CirclesConfig(AppConfig):
    name = "dm3p.circles"
    verbose_name = "Circles and breakout rooms"

    def ready(self) -> None:
        from dm3p.circles import demo, emails, handlers, navigation, personal_data, tasks

        handlers.connect()
        _ = (demo, emails, navigation, personal_data, tasks)

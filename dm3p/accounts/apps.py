from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dm3p.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from dm3p.accounts import demo, emails, navigation, signals  # noqa: F401

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dm3p.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from dm3p.accounts import emails, handlers  # noqa: F401 (emails declares its e-mails)

        handlers.connect()

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend


class EmailBackend(AuthenticationBackend):
    """Signs people in through allauth (by e-mail). Permissions come from django-rules
    (dm3p/*/rules.py), not from Django's permission tables, which this project does not use."""

    def get_user_permissions(self, user_obj: Any, obj: object = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: object = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: object = None) -> set[str]:
        return set()

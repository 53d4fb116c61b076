"""Types that core shares without importing later apps at run time."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The custom user model (settings.AUTH_USER_MODEL); only the type checker sees it.
    from dm3p.accounts.models import User as Person
else:
    from django.contrib.auth.base_user import AbstractBaseUser as Person

__all__ = ["Person"]

import base64
import hashlib
from functools import cache

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

PREFIX = "fernet:"


@cache
def _fernet() -> MultiFernet:
    """Keys derive from SECRET_KEY, then SECRET_KEY_FALLBACKS, so rotating SECRET_KEY keeps
    old secrets readable until they are re-saved."""
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet(
        [
            Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"dm3p.mfa:{key}".encode()).digest()))
            for key in keys
        ]
    )


class MfaAdapter(DefaultMFAAdapter):
    """Keeps TOTP secrets and recovery-code seeds encrypted at rest."""

    def encrypt(self, text: str) -> str:
        return PREFIX + _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(PREFIX):
            return encrypted_text
        return _fernet().decrypt(encrypted_text.removeprefix(PREFIX).encode()).decode()

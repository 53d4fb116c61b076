"""Text encrypted at rest (django-fernet-encrypted-fields), safe to validate.

The library's field marks its one shared instance while a value is cleaned, so that the
value is not decrypted twice, and takes the mark off only when the value passes: after one
refused value (a meeting link that isn't https) every later read in that process returned
the stored ciphertext instead of the text, and in a threaded server a read during another
request's cleaning could do the same. Text that was never encrypted doesn't decrypt, so
cleaning needs no mark at all.
"""

from typing import TYPE_CHECKING, Any

from django.db import models
from encrypted_fields import fields

if TYPE_CHECKING:
    # Read and written as text, which is how the type checker should see it.
    EncryptedTextField = models.TextField
else:

    class EncryptedTextField(fields.EncryptedTextField):
        def clean(self, value: Any, model_instance: models.Model | None) -> Any:
            return models.TextField.clean(self, value, model_instance)

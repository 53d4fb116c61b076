"""Documents people upload (slides, transcripts, caption files), checked by what they
contain, not by their name."""

from typing import Any

from django.core.exceptions import ValidationError

MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
TEXT_ENDINGS = (".txt", ".vtt", ".srt")


def document_kind(head: bytes, name: str) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and name.lower().endswith((".pptx", ".docx", ".odp", ".odt")):
        return "office"
    if name.lower().endswith(TEXT_ENDINGS):
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return "text"
    return None


def document_upload_check(upload: Any) -> None:
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError("The file is larger than 25 MB. Make it smaller, or link to it.")
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if document_kind(head, upload.name or "") is None:
        raise ValidationError(
            "Upload a PDF, a PowerPoint or Word file (.pptx, .docx), an OpenDocument file, or a "
            "text, WebVTT or SRT caption file."
        )

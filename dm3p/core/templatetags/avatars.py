"""The avatar component's initials (components/avatar.html)."""

from django import template

register = template.Library()


@register.filter
def initials(name: object) -> str:
    """Up to two letters for a name: "Rosa María Silva" → "RS", "Mei" → "M"."""
    words = [word for word in str(name or "").split() if word[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()

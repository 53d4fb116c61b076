from django import template
from django.utils.safestring import SafeString, mark_safe

from dm3p.core.markdown import markdown_to_html

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """Render what a person wrote in Markdown; the HTML is sanitised by nh3."""
    return mark_safe(markdown_to_html(text or ""))  # noqa: S308 - nh3 has cleaned it

from django import template

register = template.Library()


@register.filter
def readable(value: object) -> str:
    """A value from exported data as plain words: lists joined, yes/no for true/false."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {readable(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(readable(item) for item in value)
    return str(value)


@register.filter
def readable_key(key: str) -> str:
    """``hopes_to_get`` -> ``Hopes to get``."""
    return key.replace("_", " ").capitalize()

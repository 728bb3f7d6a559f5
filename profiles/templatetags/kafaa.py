from django import template

from profiles.fields import translate

register = template.Library()


@register.filter
def tr(value):
    """{{ competency.name|tr }}: the text in the active language, French as fallback."""
    return translate(value)

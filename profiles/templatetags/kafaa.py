from django import template

from profiles.fields import translate

register = template.Library()


@register.filter
def tr(value):
    """{{ competency.name|tr }}: the text in the active language, French as fallback."""
    return translate(value)


@register.filter
def unfocused(bound_field):
    """{{ field|unfocused }}: the field without autofocus, when the error summary takes the focus."""
    bound_field.field.widget.attrs.pop("autofocus", None)
    return bound_field

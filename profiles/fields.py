"""Texts stored in several languages, as {"fr": "...", "en": "..."}; French is required."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

FALLBACK = "fr"


def translate(value: dict | None, language: str | None = None) -> str:
    """The text in the active (or given) language, falling back to French."""
    if not value:
        return ""
    language = (language or get_language() or FALLBACK)[:2]
    return value.get(language) or value.get(FALLBACK, "")


class TranslationWidget(forms.MultiWidget):
    template_name = "profiles/widgets/translation.html"

    def __init__(self, attrs=None):
        widgets = {code: forms.Textarea(attrs={"rows": 2, "lang": code}) for code, _name in settings.LANGUAGES}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(code) for code, _name in settings.LANGUAGES]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (_code, language) in zip(context["widget"]["subwidgets"], settings.LANGUAGES):
            subwidget["language"] = language
        return context


class TranslationFormField(forms.MultiValueField):
    widget = TranslationWidget

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        fields = [forms.CharField(required=False) for _code in settings.LANGUAGES]
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        texts = {
            code: text.strip() for (code, _n), text in zip(settings.LANGUAGES, data_list or []) if text and text.strip()
        }
        if texts and FALLBACK not in texts:
            raise ValidationError(_("The French text is required."), code="french_required")
        return texts or None


class TranslatedField(models.JSONField):
    """A JSON object of translations, edited as one text box per language."""

    def formfield(self, **kwargs):
        return models.Field.formfield(self, **{"form_class": TranslationFormField, **kwargs})


class OptionsWidget(TranslationWidget):
    """Options of a check item: one option per line, one box per language."""

    def decompress(self, value):
        options = value or []
        return ["\n".join(option.get(code, "") for option in options) for code, _name in settings.LANGUAGES]


class OptionsFormField(TranslationFormField):
    widget = OptionsWidget

    def compress(self, data_list):
        lines = {
            code: [line.strip() for line in (text or "").splitlines() if line.strip()]
            for (code, _name), text in zip(settings.LANGUAGES, data_list or [])
        }
        french = lines[FALLBACK]
        if any(texts and len(texts) != len(french) for texts in lines.values()):
            raise ValidationError(_("Give the same number of options, one per line, in every language."), code="count")
        return [{code: texts[i] for code, texts in lines.items() if texts} for i in range(len(french))]


class OptionsField(models.JSONField):
    """A list of translated options, edited as one option per line for each language."""

    def formfield(self, **kwargs):
        return models.Field.formfield(self, **{"form_class": OptionsFormField, **kwargs})

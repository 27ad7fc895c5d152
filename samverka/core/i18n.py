"""Content written in several languages: titles, summaries and descriptions.

A translatable model keeps its text in its own fields, written in its region's language
(`source_language`), and the same fields in other languages in one JSON field::

    translations = {"en": {"title": "Regional development strategy"}, "da": {...}}

`localised(obj, "title")` returns the text in the active language where it exists and
the source text otherwise. One JSON column costs no join, so a list of goals in the
visitor's language costs no more queries than a list in the source language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class TranslatableModel(models.Model):
    """Abstract: text fields named in `translatable_fields` may have translations."""

    translatable_fields: tuple[str, ...] = ()

    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_(
            "The texts in other languages, by language code and field name, for "
            'example {"en": {"title": "…"}}.'
        ),
    )

    class Meta:
        abstract = True

    @property
    def source_language(self) -> str:
        region = getattr(self, "region", None)
        if region is not None:
            return str(region.default_language)
        return "en"

    def localised(self, field: str, language: str | None = None) -> str:
        language = (language or get_language() or "en")[:2]
        if language == "no":
            language = "nb"
        if language != self.source_language:
            text = (self.translations or {}).get(language, {}).get(field)
            if text:
                return str(text)
        return str(getattr(self, field) or "")

    def clean(self) -> None:
        super().clean()
        validate_translations(self.translations, self.translatable_fields)


def validate_translations(value: Any, fields: tuple[str, ...]) -> None:
    """Refuse translations for unknown languages or fields, naming the bad key."""
    if value in (None, ""):
        return
    if not isinstance(value, dict):
        raise ValidationError(
            {"translations": _("Give translations as an object by language code.")}
        )
    codes = language_codes()
    for code, texts in value.items():
        if code not in codes:
            raise ValidationError(
                {
                    "translations": _(
                        "“%(code)s” is not a language of Samverka; use one of %(codes)s."
                    )
                    % {"code": code, "codes": ", ".join(codes)}
                }
            )
        if not isinstance(texts, dict):
            raise ValidationError(
                {
                    "translations": _(
                        "Give the texts in %(code)s as an object by field."
                    )
                    % {"code": code}
                }
            )
        for field, text in texts.items():
            if field not in fields:
                raise ValidationError(
                    {
                        "translations": _(
                            "“%(field)s” cannot be translated; translatable fields are "
                            "%(fields)s."
                        )
                        % {"field": field, "fields": ", ".join(fields)}
                    }
                )
            if not isinstance(text, str):
                raise ValidationError(
                    {"translations": _("A translated text must be a string.")}
                )

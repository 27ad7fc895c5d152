"""Forms of the indicator, target, observation and interaction screens.

They parse input; the services in `samverka.strategy.services` validate and write.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samverka.actors.forms import ServiceModelForm
from samverka.geo.models import County, Municipality
from samverka.strategy.choices import GeographyLevel, InteractionScore, Sex
from samverka.strategy.models import GoalIndicator, Indicator

YEAR_ATTRS = {"inputmode": "numeric", "autocomplete": "off"}
#: SE, SE-c22 (a county or region), SE-m2281 (a municipality).
AREA_CODE = re.compile(r"^[A-Z]{2}(-[cm][0-9]{1,6})?$")


def _plain(value: Decimal | None) -> Decimal | None:
    """1000.000000 → 1000, 12.500000 → 12.5: a stored figure as a person writes it."""
    if value is None:
        return None
    return (
        value.quantize(Decimal(1))
        if value == value.to_integral()
        else value.normalize()
    )


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


class TranslationFieldsMixin:
    """Adds a text field per other language for each translatable field, named
    ``<field>_<language>``, and folds them into ``translations`` on clean.

    Translations of languages without a field (none today) are kept as they were.
    """

    translated: tuple[str, ...] = ()
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def setup_translations(
        self, *, source_language: str, existing: dict[str, Any] | None
    ) -> None:
        self.existing_translations = dict(existing or {})
        codes = [code for code, _name in settings.LANGUAGES if code != source_language]
        # English first: it is what most visitors from outside read.
        codes.sort(key=lambda code: code != "en")
        self.translation_languages = codes
        for code in codes:
            texts = self.existing_translations.get(code, {})
            for name in self.translated:
                source_field = self.fields[name]
                field: forms.Field = forms.CharField(
                    label=_("%(field)s in %(language)s")
                    % {
                        "field": source_field.label,
                        "language": _language_name(code),
                    },
                    required=False,
                    max_length=getattr(source_field, "max_length", None),
                    widget=(
                        forms.Textarea(attrs={"rows": 3})
                        if isinstance(source_field.widget, forms.Textarea)
                        else forms.TextInput()
                    ),
                    initial=texts.get(name, ""),
                )
                field.widget.attrs["lang"] = code
                self.fields[f"{name}_{code}"] = field

    def translation_field_names(self) -> list[str]:
        return [
            f"{name}_{code}"
            for code in self.translation_languages
            for name in self.translated
        ]

    def build_translations(self) -> dict[str, dict[str, str]]:
        result: dict[str, dict[str, str]] = {
            code: dict(texts)
            for code, texts in self.existing_translations.items()
            if isinstance(texts, dict)
        }
        for code in self.translation_languages:
            texts = result.setdefault(code, {})
            for name in self.translated:
                value = (self.cleaned_data.get(f"{name}_{code}") or "").strip()
                if value:
                    texts[name] = value
                else:
                    texts.pop(name, None)
            if not texts:
                result.pop(code)
        return result


class IndicatorForm(TranslationFieldsMixin, ServiceModelForm):
    """An indicator's definition, its statistics source and its translations."""

    translated = ("name", "description")

    source_query = forms.JSONField(
        label=_("Source query"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_(
            'The selection per variable as JSON, for example {"ContentsCode": '
            '["BE0101N1"], "Region": ["22"]}. Leave empty for a manual indicator.'
        ),
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "description",
            "unit",
            "decimals",
            "higher_is_better",
            "geography_level",
            "headline_area",
            "breakdown",
            "source",
            "source_table",
            "source_query",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, source_language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source_table"].widget.attrs["spellcheck"] = "false"
        self.fields["headline_area"].widget.attrs["spellcheck"] = "false"
        self.setup_translations(
            source_language=source_language,
            existing=self.instance.translations if self.instance.pk else None,
        )

    def clean_headline_area(self) -> str:
        value = (self.cleaned_data.get("headline_area") or "").strip()
        if value and not AREA_CODE.match(value):
            raise forms.ValidationError(
                _(
                    "Write the area code as the country code, then -c and the county "
                    "code or -m and the municipality code, for example SE-c22."
                )
            )
        return value

    def clean_source_query(self) -> dict[str, Any]:
        value = self.cleaned_data.get("source_query")
        if value in (None, "", [], {}):
            return {}
        if not isinstance(value, dict):
            raise forms.ValidationError(
                _("Give the query as an object of variables, for example {…}.")
            )
        for variable, selection in value.items():
            if isinstance(selection, str):
                continue
            if not isinstance(selection, list) or not all(
                isinstance(item, str) for item in selection
            ):
                raise forms.ValidationError(
                    _(
                        "The selection of “%(variable)s” must be a text or a list of "
                        "texts."
                    )
                    % {"variable": variable}
                )
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        cleaned["translations"] = self.build_translations()
        return cleaned

    @property
    def main_fields(self) -> list[forms.BoundField]:
        names = set(self.translation_field_names())
        return [field for field in self.visible_fields() if field.name not in names]

    @property
    def translation_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.translation_field_names()]


class IndicatorSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["type"] = "search"


class BaselineForm(ServiceModelForm):
    """The baseline of a goal's indicator: a value and a year, or neither."""

    class Meta:
        model = GoalIndicator
        fields = ["baseline_value", "baseline_year"]
        widgets = {"baseline_year": forms.NumberInput(attrs=YEAR_ATTRS)}
        help_texts = {
            "baseline_value": _("The level the goal starts from."),
            "baseline_year": _("The year the baseline value was measured."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["baseline_value"] = _plain(self.instance.baseline_value)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if (cleaned.get("baseline_value") is None) != (
            cleaned.get("baseline_year") is None
        ) and not self.errors:
            self.add_error(
                "baseline_year",
                _("Give the baseline as a value and a year, or neither."),
            )
        return cleaned


class GoalIndicatorAddForm(BaselineForm):
    """Choose one of the region's indicators to measure a goal."""

    class Meta(BaselineForm.Meta):
        fields = ["indicator", "baseline_value", "baseline_year"]

    def __init__(
        self, *args: Any, indicators: QuerySet[Indicator], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicator"]
        field.queryset = indicators  # type: ignore[attr-defined]
        field.label_from_instance = lambda ind: f"{ind.localised('name')} ({ind.unit})"  # type: ignore[attr-defined]


class TargetForm(forms.Form):
    year = forms.IntegerField(
        label=_("Target year"),
        min_value=1900,
        max_value=2200,
        widget=forms.NumberInput(attrs=YEAR_ATTRS),
    )
    value = forms.DecimalField(label=_("Target value"), max_digits=20, decimal_places=6)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the target is set or revised, for example a decision."),
    )


class ObservationForm(forms.Form):
    """One value entered by hand. The area is a county or municipality of the region's
    country (by its national code), or the whole country."""

    year = forms.IntegerField(
        label=_("Year"),
        min_value=1900,
        max_value=2200,
        widget=forms.NumberInput(attrs=YEAR_ATTRS),
    )
    period = forms.CharField(
        label=_("Period"),
        required=False,
        max_length=10,
        help_text=_(
            "Empty for a whole year; 2025K1 or 2025M01 for a quarter or month."
        ),
    )
    area_level = forms.ChoiceField(
        label=_("Area level"), choices=GeographyLevel.choices
    )
    area = forms.CharField(
        label=_("Area"),
        required=False,
        max_length=20,
        help_text=_("Not needed for the whole country."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, required=False)
    age_group = forms.CharField(
        label=_("Age group"),
        required=False,
        max_length=20,
        help_text=_("Empty for all ages, for example 20-64."),
    )
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=6)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args: Any, country: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        counties = [
            (c.code, f"{c.name} ({c.code})")
            for c in County.objects.filter(country__code=country)
            .only("code", "name")
            .order_by("code")
        ]
        municipalities = [
            (m.code, f"{m.name} ({m.code})")
            for m in Municipality.objects.filter(country__code=country)
            .only("code", "name")
            .order_by("name", "code")
        ]
        # A select of the country's areas; the service checks the code against the
        # level, so that a mismatch is refused with its message.
        self.fields["area"].widget = forms.Select(
            choices=[
                ("", _("The whole country")),
                (_("Counties and regions"), counties),
                (_("Municipalities"), municipalities),
            ]
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        level = cleaned.get("area_level")
        if (
            level in (GeographyLevel.COUNTY, GeographyLevel.MUNICIPALITY)
            and not cleaned.get("area")
            and "area" not in self.errors
        ):
            self.add_error("area", _("Give the area the value is for."))
        return cleaned


class InteractionForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Interaction"),
        choices=InteractionScore.choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_(
            "How progress on the first goal affects the second, from +3 "
            "(indivisible) to −3 (cancelling)."
        ),
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the goals interact this way."),
    )
    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=500,
        help_text=_("A study, report or workshop that supports the score."),
    )

"""Forms of the action-plan staff screens. They parse input; the services validate and write.

Translations of titles and texts are edited as ordinary fields (``title_en``) and handed
to the services as the model's ``translations`` JSON, keeping the languages the form
does not show. Budgets are typed in whole currency units or with decimals, written the
way the page's language writes numbers, and stored as integer minor units.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import (
    format_decimal,
    get_currency_precision,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
)
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.actors.models import Organisation
from samverka.core.formatting import current_locale, minor_to_major
from samverka.core.models import Region
from samverka.plans.choices import (
    ActivityStage,
    FundingType,
    PlanStatus,
    Relevance,
    Theme,
)
from samverka.plans.models import ActionPlan, Activity
from samverka.strategy.models import Goal, Strategy

#: The languages whose translations the staff forms offer (besides the region's own).
TRANSLATION_LANGUAGES: tuple[str, ...] = ("en",)

#: The value of "no link" in a goal's relevance select.
NO_RELEVANCE = ""

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to a field where it names one
    the form has, in the summary otherwise."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


# Money -------------------------------------------------------------------------------


def money_example(currency: str, language: str | None = None) -> str:
    """'1 250 000 or 1 250 000,50' written as `language` writes numbers."""
    locale = current_locale(language)
    return str(
        _("for example %(whole)s or %(decimals)s")
        % {
            "whole": format_decimal(1250000, locale=locale).replace("\xa0", " "),
            "decimals": format_decimal(
                Decimal("1250000.50"), format="#,##0.00", locale=locale
            ).replace("\xa0", " "),
        }
    )


def _parse_in(text: str, currency: str, language: str) -> int | None:
    """The amount in minor units as `language` writes it, or None if it does not parse."""
    locale = current_locale(language)
    decimal_sign = get_decimal_symbol(locale)
    group_sign = get_group_symbol(locale)
    precision = get_currency_precision(currency)
    if text.count(decimal_sign) > 1:
        return None
    whole, _sep, fraction = text.partition(decimal_sign)
    if group_sign.strip() and group_sign in whole:
        groups = whole.split(group_sign)
        if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
            return None
        whole = "".join(groups)
    if not whole.isascii() or not whole.isdigit():
        return None
    if fraction and (not fraction.isascii() or not fraction.isdigit()):
        return None
    if _sep and not fraction:
        return None
    if len(fraction) > precision:
        return None
    try:
        amount = Decimal(f"{whole}.{fraction or '0'}")
    except InvalidOperation:  # pragma: no cover - digits only by now
        return None
    return int(amount.scaleb(precision))


def parse_money(text: str, currency: str, languages: Sequence[str]) -> int:
    """Read an amount typed in whole units or with decimals and return minor units.

    Spaces (also non-breaking ones) always group digits; the decimal sign and the other
    grouping sign are those of the first of `languages` in which the text reads, so
    "1 250 000,50" (sv), "1.250.000,50" (da) and "1,250,000.50" (en) are all 125000050.
    A currency symbol or code after or before the amount is ignored.
    """
    cleaned = text.strip()
    for language in languages:
        for sign in (currency, get_currency_symbol(currency, current_locale(language))):
            cleaned = cleaned.replace(sign, "")
    cleaned = cleaned.replace("\u2212", "-")
    cleaned = _SPACES.sub("", cleaned)
    if cleaned.startswith("-"):
        raise ValidationError(
            _("The amount cannot be negative."), code="negative_amount"
        )
    for language in languages:
        amount = _parse_in(cleaned, currency, language)
        if amount is not None:
            return amount
    raise ValidationError(
        _("Enter an amount in %(currency)s, %(example)s.")
        % {"currency": currency, "example": money_example(currency, languages[0])},
        code="invalid_amount",
    )


def format_money_input(amount_minor: int | None, currency: str) -> str:
    """Minor units as the form shows them: whole units when there are no decimals."""
    if amount_minor is None:
        return ""
    amount = minor_to_major(int(amount_minor), currency)
    locale = current_locale()
    if amount == amount.to_integral_value():
        text = format_decimal(int(amount), locale=locale)
    else:
        text = format_decimal(amount, format="#,##0.00", locale=locale)
    return text.replace("\xa0", " ")


class MoneyInput(forms.TextInput):
    """A text box for money that shows stored minor units in the page's language."""

    def __init__(self, currency: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={"inputmode": "decimal", "autocomplete": "off", **(attrs or {})}
        )
        self.currency = currency

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return format_money_input(value, self.currency)
        return super().format_value(value)


class MoneyField(forms.Field):
    """An amount of `currency` typed by a person; `clean()` returns minor units."""

    def __init__(
        self,
        *,
        currency: str,
        languages: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> None:
        self.currency = currency
        self.languages = list(languages or [])
        kwargs.setdefault("widget", MoneyInput(currency))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        languages = self.languages or [get_language() or settings.LANGUAGE_CODE]
        return parse_money(str(value), self.currency, languages)


# Shared pieces -----------------------------------------------------------------------


class ServiceModelForm(forms.ModelForm):
    """A model form that only parses input: the service validates the model and saves,
    so the instance stays as stored and the service's audit diff is true."""

    def _post_clean(self) -> None:
        return


class TranslationsMixin:
    """Adds ``<field>_<language>`` fields for the model's translatable texts and turns
    them into ``cleaned_data["translations"]`` (other languages kept as stored)."""

    translated_fields: tuple[str, ...] = ()
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_translation_fields(
        self, *, model: type[Any], instance: Any | None, source_language: str
    ) -> None:
        self._stored_translations = dict(getattr(instance, "translations", None) or {})
        self.translation_languages = [
            code for code in TRANSLATION_LANGUAGES if code != source_language
        ]
        for code in self.translation_languages:
            stored = self._stored_translations.get(code, {})
            for name in self.translated_fields:
                source = model._meta.get_field(name)
                field: forms.CharField
                if source.get_internal_type() == "TextField":
                    field = forms.CharField(
                        required=False, widget=forms.Textarea(attrs={"rows": 4})
                    )
                else:
                    field = forms.CharField(
                        required=False, max_length=source.max_length
                    )
                field.label = _("%(field)s in %(language)s") % {
                    "field": str(source.verbose_name).capitalize(),
                    "language": _language_name(code),
                }
                field.initial = stored.get(name, "")
                self.fields[f"{name}_{code}"] = field

    def translation_field_names(self) -> list[str]:
        return [
            f"{name}_{code}"
            for code in self.translation_languages
            for name in self.translated_fields
        ]

    def clean_translations(self) -> dict[str, dict[str, str]]:
        result = {
            code: dict(texts)
            for code, texts in self._stored_translations.items()
            if isinstance(texts, dict)
        }
        for code in self.translation_languages:
            texts = result.setdefault(code, {})
            for name in self.translated_fields:
                value = (self.cleaned_data.get(f"{name}_{code}") or "").strip()
                if value:
                    texts[name] = value
                else:
                    texts.pop(name, None)
            if not texts:
                result.pop(code)
        return result


def _revision_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


# Action plans ------------------------------------------------------------------------


class PlanFilterForm(forms.Form):
    theme = forms.ChoiceField(
        label=_("Theme"),
        required=False,
        choices=[("", _("All themes")), *Theme.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *PlanStatus.choices],
    )


class ActionPlanForm(TranslationsMixin, ServiceModelForm):
    """An action plan's description; the region's strategies to choose from."""

    translated_fields = ("title", "summary")
    revision = _revision_field()

    class Meta:
        model = ActionPlan
        fields = [
            "strategy",
            "title",
            "summary",
            "theme",
            "kind",
            "start_year",
            "end_year",
            "owner",
            "decision_reference",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(
        self,
        *args: Any,
        region: Region,
        strategies: QuerySet[Strategy],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strategy"].queryset = strategies  # type: ignore[attr-defined]
        self.fields["strategy"].empty_label = _("No strategy")  # type: ignore[attr-defined]
        for name in ("start_year", "end_year"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric"})
            self.fields[name].localize = False
            self.fields[name].widget.is_localized = False
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            self.fields["revision"].initial = instance.revision
        self.add_translation_fields(
            model=ActionPlan,
            instance=instance,
            source_language=str(region.default_language),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        cleaned["translations"] = self.clean_translations()
        return cleaned


class PlanAdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    decision_reference = forms.CharField(
        label=_("Decision reference"),
        required=False,
        max_length=100,
        help_text=_("For example the board's minute number."),
    )


# Activities --------------------------------------------------------------------------


class ActivityForm(TranslationsMixin, ServiceModelForm):
    """An activity (or investment object). Organisations are the region's own."""

    translated_fields = ("title", "description")
    revision = _revision_field()
    funding_types = forms.MultipleChoiceField(
        label=_("Intended funding"),
        required=False,
        choices=FundingType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The kinds of funding the activity means to draw on."),
    )

    class Meta:
        model = Activity
        fields = [
            "code",
            "title",
            "description",
            "responsible",
            "partners",
            "start_date",
            "end_date",
            "status",
            "stage",
            "estimated_budget",
            "funding_types",
            "funding_note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "partners": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(
        self,
        *args: Any,
        plan: ActionPlan,
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        region = plan.region
        currency = str(region.currency)
        self.fields["responsible"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["responsible"].empty_label = _("No organisation")  # type: ignore[attr-defined]
        self.fields["partners"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["partners"].help_text = _(
            "Other organisations of the region taking part. Hold Ctrl (⌘ on a Mac) "
            "to choose several."
        )
        self.fields["stage"].choices = [  # type: ignore[attr-defined]
            ("", _("No stage")),
            *ActivityStage.choices,
        ]
        budget_label = (
            _("Cost (%(currency)s)")
            if plan.is_investment_plan
            else _("Estimated budget (%(currency)s)")
        )
        self.fields["estimated_budget"] = MoneyField(
            currency=currency,
            languages=[
                get_language() or settings.LANGUAGE_CODE,
                str(region.default_language),
            ],
            required=False,
            label=budget_label % {"currency": currency},
            help_text=_("In whole %(currency)s or with decimals, %(example)s.")
            % {"currency": currency, "example": money_example(currency)},
        )
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            self.fields["revision"].initial = instance.revision
        self.add_translation_fields(
            model=Activity,
            instance=instance,
            source_language=str(region.default_language),
        )
        order = list(self.Meta.fields)
        order.insert(order.index("responsible"), "title_en")
        order.insert(order.index("responsible"), "description_en")
        self.order_fields([name for name in order if name in self.fields])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        cleaned["translations"] = self.clean_translations()
        return cleaned


# Goal links --------------------------------------------------------------------------


def relevance_choices() -> list[tuple[Any, Any]]:
    return [(NO_RELEVANCE, _("Not linked")), *Relevance.choices]


class ActivityGoalsForm(forms.Form):
    """One relevance select per goal of the strategy (``goal_<pk>``)."""

    def __init__(
        self,
        *args: Any,
        goals: Iterable[Goal],
        current: dict[int, int],
        inline_url: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.goals = {goal.pk: goal for goal in goals}
        self.current = current
        for pk, goal in self.goals.items():
            name = self.field_name(pk)
            attrs = {}
            if inline_url:
                # htmx saves the row alone when its select changes.
                attrs = {
                    "hx-post": inline_url,
                    "hx-trigger": "change",
                    "hx-target": "closest tr",
                    "hx-swap": "outerHTML",
                    "hx-params": self.add_prefix(name),
                }
            self.fields[name] = forms.TypedChoiceField(
                label=_("Relevance for %(goal)s")
                % {"goal": f"{goal.code} {goal.localised('title')}".strip()},
                choices=relevance_choices(),
                coerce=int,
                empty_value=None,
                required=False,
                initial=current.get(pk, NO_RELEVANCE),
                widget=forms.Select(attrs=attrs),
            )

    @staticmethod
    def field_name(goal_pk: int) -> str:
        return f"goal_{goal_pk}"

    def changes(self) -> list[tuple[Goal, int | None]]:
        """(goal, new weight or None to unlink) for the goals the request sent and
        whose relevance differs from the stored one. A goal the request did not name
        is left as it is, so that a single row saved on its own touches nothing else."""
        result = []
        for pk, goal in self.goals.items():
            name = self.field_name(pk)
            if self.add_prefix(name) not in self.data:
                continue
            new = self.cleaned_data.get(name)
            if new != self.current.get(pk):
                result.append((goal, new))
        return result

"""Forms of the decision screens. They parse input; the services validate and write.

Amounts are typed as the page's language writes them (whole units or with decimals)
and become integer minor units. The conditions of a grant are a small formset whose
fields are named ``conditions-<n>-<field>``, the keys under which the decision
service reports a condition's errors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.core.models import Region
from samverka.decisions.choices import ConditionKind, ConditionStatus, Outcome
from samverka.funding.choices import DecisionLevel
from samverka.funding.models import Fund
from samverka.plans.forms import MoneyField, add_service_errors, money_example

#: Empty condition rows offered besides the ones already filled.
EXTRA_CONDITION_ROWS = 3

_CONDITION_KEY = re.compile(r"^conditions-(\d+)-(\w+)$")


def money_field(region: Region, currency: str, label: Any, **kwargs: Any) -> MoneyField:
    """An amount in `currency`, read in the page's language or the region's."""
    return MoneyField(
        currency=currency,
        languages=[
            get_language() or settings.LANGUAGE_CODE,
            str(region.default_language),
        ],
        label=_("%(label)s (%(currency)s)") % {"label": label, "currency": currency},
        help_text=_("In whole %(currency)s or with decimals, %(example)s.")
        % {"currency": currency, "example": money_example(currency)},
        **kwargs,
    )


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        **kwargs,
    )


# Deciding ------------------------------------------------------------------------------


class DecideForm(forms.Form):
    """The decision on one application: the outcome, and for a grant the amount, the
    fund it is paid from, the project period; the reasons always."""

    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect)
    start_date = _date_field(_("Project start"))
    end_date = _date_field(_("Project end"))
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Why the application is decided this way; the letter to the applicant "
            "gives these reasons."
        ),
    )

    def __init__(
        self,
        *args: Any,
        region: Region,
        currency: str,
        outcomes: Sequence[str],
        funds: Sequence[Fund] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        outcome_field: forms.ChoiceField = self.fields["outcome"]  # type: ignore[assignment]
        outcome_field.choices = [
            (value, label) for value, label in Outcome.choices if value in outcomes
        ]
        self.fields["amount"] = money_field(
            region,
            currency,
            _("Amount granted"),
            required=False,
        )
        self.fields["amount"].help_text = _(
            "A grant only. In whole %(currency)s or with decimals, %(example)s."
        ) % {"currency": currency, "example": money_example(currency)}
        if len(funds) > 1:
            self.fields["fund"] = forms.ModelChoiceField(
                label=_("Paid from the fund"),
                queryset=Fund.objects.filter(pk__in=[f.pk for f in funds]),
                required=False,
                empty_label=_("Choose a fund"),
                help_text=_("A grant only: the appropriation it is committed against."),
            )
        self.order_fields(
            ["outcome", "amount", "fund", "start_date", "end_date", "reasons"]
        )

    def service_data(self, conditions: list[dict[str, Any]]) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {
            "outcome": data.get("outcome") or "",
            "amount": data.get("amount") or 0,
            "start_date": data.get("start_date"),
            "end_date": data.get("end_date"),
            "reasons": data.get("reasons") or "",
            "conditions": conditions,
        }
        if "fund" in self.fields and data.get("fund") is not None:
            values["fund"] = data["fund"]
        return values


class ConditionForm(forms.Form):
    """One condition of a grant; a row left empty is no condition."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=ConditionKind.choices,
        initial=ConditionKind.GENERAL,
        required=False,
    )
    text = forms.CharField(
        label=_("Condition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    funder = forms.CharField(
        label=_("Other funder"),
        required=False,
        max_length=255,
        help_text=_("When the grant depends on another funder's decision."),
    )
    deadline = _date_field(_("To be met by"))

    def __init__(self, *args: Any, region: Region, currency: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["amount"] = money_field(
            region, currency, _("Their contribution"), required=False
        )
        self.order_fields(["kind", "text", "funder", "amount", "deadline"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = (data.get("text") or "").strip() or (data.get("funder") or "").strip()
        if not filled and (data.get("amount") or data.get("deadline")):
            self.add_error("text", _("Write the condition."))
        return data

    def row(self) -> dict[str, Any]:
        data = getattr(self, "cleaned_data", None) or {}
        return {
            "kind": data.get("kind") or ConditionKind.GENERAL,
            "text": data.get("text") or "",
            "funder": data.get("funder") or "",
            "amount": data.get("amount"),
            "deadline": data.get("deadline"),
        }


class BaseConditionFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, region: Region, currency: str, **kwargs: Any):
        self.region = region
        self.currency = currency
        kwargs.setdefault("prefix", "conditions")
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        kwargs.update(region=self.region, currency=self.currency)
        return kwargs

    def rows(self) -> list[dict[str, Any]]:
        """Every row in its order, so that the service's indices are the form's."""
        return [form.row() for form in self.forms]


ConditionFormSet = cast(
    type[BaseConditionFormSet],
    forms.formset_factory(
        ConditionForm,
        formset=BaseConditionFormSet,
        extra=EXTRA_CONDITION_ROWS,
        max_num=30,
        absolute_max=30,
    ),
)


def add_decision_errors(
    form: forms.Form, formset: BaseConditionFormSet, exc: ValidationError
) -> list[str]:
    """Show the decision service's errors: a condition's at its row and field, the
    rest at the decision form's fields or in its summary. Returns the errors about
    the conditions as a whole, shown at the conditions."""
    if not hasattr(exc, "error_dict"):
        add_service_errors(form, exc)
        return []
    general: list[str] = []
    rest: dict[str, Any] = {}
    for key, errors in exc.error_dict.items():
        match = _CONDITION_KEY.match(key)
        if match is not None:
            index, field = int(match.group(1)), match.group(2)
            if index < len(formset.forms) and field in formset.forms[index].fields:
                formset.forms[index].add_error(field, errors)
                continue
        if key == "conditions":
            general.extend(message for e in errors for message in e.messages)
        rest[key] = errors
    if rest:
        add_service_errors(form, ValidationError(rest))
    return general


# Conditions ----------------------------------------------------------------------------


class ConditionResolveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("The condition is"),
        choices=[
            (ConditionStatus.MET, _("Met")),
            (ConditionStatus.LAPSED, _("Lapsed (not met in time)")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the other funder's decision and its date."),
    )


# Delegation ----------------------------------------------------------------------------


class DelegationLimitForm(forms.Form):
    """A limit for one level, for the whole region or one of its funds."""

    fund = forms.ModelChoiceField(
        label=_("Fund"),
        queryset=Fund.objects.none(),
        required=False,
        empty_label=_("Every fund of the region"),
        help_text=_("A fund's own limit overrides the region's for that fund."),
    )
    level = forms.ChoiceField(label=_("Level"), choices=DecisionLevel.choices)
    note = forms.CharField(
        label=_("Basis"),
        required=False,
        max_length=300,
        help_text=_("The delegation order the limit comes from."),
    )

    def __init__(
        self, *args: Any, region: Region, funds: QuerySet[Fund], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fund_field: forms.ModelChoiceField = self.fields["fund"]  # type: ignore[assignment]
        fund_field.queryset = funds
        self.fields["max_amount"] = money_field(
            region, str(region.currency), _("Up to amount"), required=False
        )
        self.fields["max_amount"].help_text = _(
            "Empty: no upper limit. In whole %(currency)s, %(example)s."
        ) % {
            "currency": region.currency,
            "example": money_example(str(region.currency)),
        }
        self.order_fields(["fund", "level", "max_amount", "note"])


class FourEyesForm(forms.Form):
    """A fund's four-eyes threshold; empty: no threshold."""

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"fund-{fund.pk}")
        super().__init__(*args, **kwargs)
        self.fund = fund
        self.fields["four_eyes_threshold"] = money_field(
            fund.region,
            str(fund.currency),
            _("Four-eyes threshold"),
            required=False,
        )
        self.fields["four_eyes_threshold"].help_text = _(
            "Above this amount nobody who assessed an application decides on it "
            "alone. Empty: no threshold."
        )

"""Forms of the officer's screens: the inbox filters, saved filters and case work."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.accounts.models import User
from samverka.applications import selectors
from samverka.core.models import Region
from samverka.funding.models import Call, Fund
from samverka.geo.models import Municipality
from samverka.plans.forms import MoneyField


class _UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        return user.full_name or user.email


class _LocalisedChoiceField(forms.ModelChoiceField):
    """Calls and funds by their name in the active language."""

    def __init__(self, *args: Any, field: str, **kwargs: Any) -> None:
        self.text_field = field
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        localised = getattr(obj, "localised", None)
        if localised is not None:
            return str(localised(self.text_field))
        return str(getattr(obj, self.text_field))


SORT_CHOICES = [
    (f"{sign}{key}", f"{sign}{key}")
    for key in selectors.INBOX_SORTS
    for sign in ("", "-")
]


class InboxFilterForm(forms.Form):
    """The inbox's filters, sent by GET; every field may be left empty."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Title, case number or organisation."),
    )
    call = _LocalisedChoiceField(
        label=_("Call"),
        required=False,
        queryset=Call.objects.none(),
        empty_label=_("All calls"),
        field="title",
    )
    fund = _LocalisedChoiceField(
        label=_("Fund"),
        required=False,
        queryset=Fund.objects.none(),
        empty_label=_("All funds"),
        field="name",
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.none(),
        empty_label=_("All municipalities"),
    )
    officer = forms.ChoiceField(label=_("Officer"), required=False)
    sort = forms.ChoiceField(
        required=False, choices=SORT_CHOICES, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region = region
        call_field: Any = self.fields["call"]
        call_field.queryset = selectors.inbox_calls(region)
        fund_field: Any = self.fields["fund"]
        fund_field.queryset = selectors.inbox_funds(region)
        municipality_field: Any = self.fields["municipality"]
        municipality_field.queryset = selectors.inbox_municipalities(region)
        status_field: Any = self.fields["status"]
        status_field.choices = [("", _("All statuses")), *selectors.INBOX_STATUSES]
        officer_field: Any = self.fields["officer"]
        officer_field.choices = [
            ("", _("Any officer")),
            (selectors.MINE, _("Assigned to me")),
            (selectors.UNASSIGNED, _("No officer assigned")),
            *[
                (str(user.pk), user.full_name or user.email)
                for user in selectors.region_officers(region)
            ],
        ]
        # The amounts are typed in the region's currency, as people write them.
        self.fields["amount_min"] = MoneyField(
            label=_("Amount applied for, at least"),
            currency=region.currency,
            languages=_languages(region),
            required=False,
        )
        self.fields["amount_max"] = MoneyField(
            label=_("Amount applied for, at most"),
            currency=region.currency,
            languages=_languages(region),
            required=False,
        )
        order = ["q", "call", "fund", "status", "municipality", "amount_min"]
        order += ["amount_max", "officer", "sort"]
        self.order_fields(order)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("amount_min"), cleaned.get("amount_max")
        if low is not None and high is not None and high < low:
            self.add_error("amount_max", _("The largest amount is below the smallest."))
        return cleaned

    @property
    def filters(self) -> dict[str, Any]:
        """The valid filters; a field with an error is left out, the others apply."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if name != "sort" and name not in self.errors
        }


def _languages(region: Region) -> list[str]:
    languages = [get_language() or "", region.default_language, "en"]
    return [code for code in dict.fromkeys(languages) if code]


class SavedFilterForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the filter"),
        max_length=100,
        help_text=_("Saving under a name you already use replaces that filter."),
    )
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)


class AssignOfficerForm(forms.Form):
    officer = _UserChoiceField(
        label=_("Responsible officer"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("No officer"),
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["officer"]
        field.queryset = selectors.region_officers(region)


class CompletionRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What is missing"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The applicant reads this in the e-mail and on their page."),
    )
    deadline = forms.DateField(
        label=_("Answer by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    @staticmethod
    def default_deadline(region: Region) -> datetime.date:
        """Two weeks from today in the region."""
        return timezone.localdate(timezone.now(), region.tzinfo) + datetime.timedelta(
            days=14
        )

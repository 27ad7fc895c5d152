"""Forms of the funding staff screens. They parse input; the services validate and write.

Amounts are typed as the page's language writes them and become integer minor units.
Opening and closing times are typed in the region's time zone (a Danish region's staff
type Copenhagen time whatever the server's zone), and stored in UTC.
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.actors.choices import OrganisationType
from samverka.core.models import Region
from samverka.funding import selectors
from samverka.funding.choices import FormSection
from samverka.funding.models import (
    Call,
    CallIndicator,
    Criterion,
    Fund,
    RequiredAttachment,
)
from samverka.plans.forms import (
    MoneyField,
    ServiceModelForm,
    TranslationsMixin,
    money_example,
)
from samverka.plans.models import Activity
from samverka.strategy.models import Goal, Indicator

DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def _revision_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


def _money_field(
    region_or_currency: Region | str, label: Any, **kwargs: Any
) -> MoneyField:
    if isinstance(region_or_currency, Region):
        currency = str(region_or_currency.currency)
        second = str(region_or_currency.default_language)
    else:
        currency = region_or_currency
        second = settings.LANGUAGE_CODE
    return MoneyField(
        currency=currency,
        languages=[get_language() or settings.LANGUAGE_CODE, second],
        label=_("%(label)s (%(currency)s)") % {"label": label, "currency": currency},
        help_text=_("In whole %(currency)s or with decimals, %(example)s.")
        % {"currency": currency, "example": money_example(currency)},
        **kwargs,
    )


class RegionDateTimeField(forms.DateTimeField):
    """A date and time typed in `tz` (the region's zone), returned as an aware datetime.

    The browser's datetime-local input sends "2026-12-01T23:59"; in Europe/Copenhagen
    that is 22:59 UTC in winter. A stored time is shown again in `tz`."""

    widget = forms.DateTimeInput

    def __init__(self, *, tz: ZoneInfo, **kwargs: Any) -> None:
        self.tz = tz
        kwargs.setdefault(
            "widget",
            forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_LOCAL_FORMAT
            ),
        )
        kwargs.setdefault("input_formats", [DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M"])
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime.datetime | None:
        with timezone.override(self.tz):
            return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return timezone.localtime(value, self.tz).replace(tzinfo=None)
        return value


def _zone_help(region: Region) -> str:
    return str(_("In the region's time zone (%(zone)s).") % {"zone": region.tzinfo.key})


# Funds --------------------------------------------------------------------------------


class FundForm(TranslationsMixin, ServiceModelForm):
    translated_fields = ("name", "description")
    revision = _revision_field()

    class Meta:
        model = Fund
        fields = [
            "name",
            "code",
            "type",
            "description",
            "currency",
            "is_external",
            "managing_body",
            "max_aid_intensity",
            "state_aid_applies",
            "appeal_allowed",
            "website",
            "is_active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = kwargs.get("instance")
        if instance is None or not instance.pk:
            self.fields["currency"].initial = region.currency
        else:
            self.fields["revision"].initial = instance.revision
        self.fields["max_aid_intensity"].widget.attrs.update({"inputmode": "numeric"})
        self.add_translation_fields(
            model=Fund, instance=instance, source_language=str(region.default_language)
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        cleaned["translations"] = self.clean_translations()
        return cleaned


class AppropriationForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200)
    amount: MoneyField

    def __init__(self, *args: Any, fund: Fund, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].localize = False
        self.fields["year"].widget.is_localized = False
        self.fields["year"].widget.attrs.update({"inputmode": "numeric"})
        self.fields["amount"] = _money_field(
            fund.region
            if fund.currency == fund.region.currency
            else str(fund.currency),
            _("Appropriation"),
            required=True,
        )


# Calls --------------------------------------------------------------------------------


class _ActivityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        activity: Activity = obj
        return f"{activity.action_plan.localised('title')}: {activity}"


class _GoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        goal: Goal = obj
        title = f"{goal.code} {goal.localised('title')}".strip()
        return f"{goal.strategy.localised('title')}: {title}"


class CallForm(TranslationsMixin, ServiceModelForm):
    """A call's texts, funds, times, amounts, eligibility and form set-up."""

    translated_fields = ("title", "summary", "text")
    revision = _revision_field()
    eligible_applicant_types = forms.MultipleChoiceField(
        label=_("Who may apply"),
        required=False,
        choices=OrganisationType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked when any kind of organisation may apply."),
    )
    required_sections = forms.MultipleChoiceField(
        label=_("Required form sections"),
        required=False,
        choices=[c for c in FormSection.choices if c[0] != FormSection.PROJECT],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The project section is always required."),
    )

    class Meta:
        model = Call
        fields = [
            "title",
            "summary",
            "text",
            "funds",
            "intake",
            "opens_at",
            "closes_at",
            "budget",
            "min_amount",
            "max_amount",
            "eligible_applicant_types",
            "municipalities",
            "activities",
            "goals",
            "required_sections",
            "two_stage",
            "indirect_cost_rate",
            "asks_sami_perspective",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "text": forms.Textarea(attrs={"rows": 10}),
            "intake": forms.RadioSelect,
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = kwargs.get("instance")
        self.region = region
        self.fields["funds"] = forms.ModelMultipleChoiceField(
            label=_("Funds"),
            queryset=selectors.fund_choices(region, instance),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("The funds the call grants from; at least one to publish."),
        )
        for name, label, required in (
            ("opens_at", _("Opens"), True),
            ("closes_at", _("Closes"), False),
        ):
            self.fields[name] = RegionDateTimeField(
                tz=region.tzinfo,
                label=label,
                required=required,
                help_text=_zone_help(region)
                + (
                    " " + str(_("Empty for continuous intake.")) if not required else ""
                ),
            )
        for name, label in (
            ("budget", _("Budget")),
            ("min_amount", _("Smallest amount to apply for")),
            ("max_amount", _("Largest amount to apply for")),
        ):
            self.fields[name] = _money_field(region, label, required=False)
        self.fields["budget"].help_text = _(
            "What the call may grant in all. %(help)s"
        ) % {"help": self.fields["budget"].help_text}
        self.fields["municipalities"] = forms.ModelMultipleChoiceField(
            label=_("Eligible municipalities"),
            queryset=selectors.municipality_choices(region),
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 8}),
            help_text=_(
                "Where projects must take place; none chosen means the whole region. "
                "Hold Ctrl (⌘ on a Mac) to choose several."
            ),
        )
        self.fields["activities"] = _ActivityChoiceField(
            label=_("Action-plan activities the call serves"),
            queryset=selectors.activity_choices(region, instance),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["goals"] = _GoalChoiceField(
            label=_("Strategy goals the call serves"),
            queryset=selectors.goal_choices(region),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["indirect_cost_rate"].widget.attrs.update({"inputmode": "numeric"})
        if instance is not None and instance.pk:
            self.fields["revision"].initial = instance.revision
        self.add_translation_fields(
            model=Call, instance=instance, source_language=str(region.default_language)
        )
        order = list(self.Meta.fields)
        for name in ("title_en", "summary_en", "text_en"):
            if name in self.fields:
                order.insert(order.index("funds"), name)
        self.order_fields([name for name in order if name in self.fields])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        cleaned["translations"] = self.clean_translations()
        cleaned["required_sections"] = list(cleaned.get("required_sections") or [])
        cleaned["eligible_applicant_types"] = list(
            cleaned.get("eligible_applicant_types") or []
        )
        return cleaned


class _PartForm(TranslationsMixin, ServiceModelForm):
    """A criterion, indicator or attachment: `order` may be left empty (last)."""

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Leave empty to put it last.")
        self.fields["order"].widget.attrs.update({"inputmode": "numeric"})
        self.add_translation_fields(
            model=self._meta.model,
            instance=kwargs.get("instance"),
            source_language=str(call.region.default_language),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        cleaned["translations"] = self.clean_translations()
        if cleaned.get("order") is None:
            cleaned.pop("order", None)
        return cleaned


class CriterionForm(_PartForm):
    translated_fields = ("name", "guidance")

    class Meta:
        model = Criterion
        fields = ["name", "guidance", "weight", "scale_min", "scale_max", "order"]
        widgets = {"guidance": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, call=call, **kwargs)
        for name in ("weight", "scale_min", "scale_max"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric"})


class CallIndicatorForm(_PartForm):
    translated_fields = ("name",)

    class Meta:
        model = CallIndicator
        fields = ["code", "name", "unit", "level", "strategy_indicator", "order"]

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, call=call, **kwargs)
        field = self.fields["strategy_indicator"]
        field.queryset = Indicator.objects.filter(  # type: ignore[attr-defined]
            region=call.region
        ).order_by("name", "pk")
        field.empty_label = _("None")  # type: ignore[attr-defined]


class RequiredAttachmentForm(_PartForm):
    translated_fields = ("title", "description")

    class Meta:
        model = RequiredAttachment
        fields = ["kind", "title", "description", "is_required", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

"""Forms of the applicant's steps: one per form section of a draft application.

The forms only parse what the applicant typed; the services validate and save. Money
is typed in whole currency units or with decimals, written the way the page's (or the
region's) language writes numbers, and handed on in minor units. Every form carries
the application's `revision`, so a save on top of someone else's is refused and the
typed text is kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.actors.models import Organisation
from samverka.applications import services
from samverka.applications.choices import (
    CORE_ASPECTS,
    ENTERED_CATEGORIES,
    EffectLevel,
    FinancingKind,
    FinancingStatus,
    FunderSector,
    IntegrationRating,
    PartnerRole,
    SustainabilityAspect,
)
from samverka.applications.models import Application, Attachment, Partner
from samverka.funding.models import CallIndicator, RequiredAttachment
from samverka.geo.models import Municipality
from samverka.plans.forms import MoneyField, ServiceModelForm, money_example
from samverka.plans.models import Activity
from samverka.strategy.models import Goal

DATE_WIDGET_ATTRS = {"type": "date"}


def revision_field() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


def money_languages(application: Application) -> list[str]:
    """Try the page's language first, then the region's."""
    return [
        get_language() or settings.LANGUAGE_CODE,
        str(application.call.region.default_language),
    ]


def money_field(application: Application, label: Any, **kwargs: Any) -> MoneyField:
    currency = application.currency
    kwargs.setdefault(
        "help_text",
        _("In whole %(currency)s or with decimals, %(example)s.")
        % {"currency": currency, "example": money_example(currency)},
    )
    return MoneyField(
        currency=currency,
        languages=money_languages(application),
        required=False,
        label=label,
        **kwargs,
    )


def make_read_only(form: forms.BaseForm) -> None:
    """Show the form's values without letting them be changed."""
    for field in form.fields.values():
        field.disabled = True


class StepForm(forms.Form):
    """A plain step form: the application it belongs to and its revision."""

    revision = revision_field()

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["revision"].initial = application.revision


# The project ---------------------------------------------------------------------------

PROJECT_TEXT_FIELDS = (
    "title",
    "summary",
    "background",
    "objectives",
    "target_groups",
    "work_plan",
    "contact_name",
    "contact_email",
    "contact_phone",
)


def municipality_choices(application: Application) -> QuerySet[Municipality]:
    """The call's eligible municipalities, or those of the region's country."""
    call = application.call
    eligible = call.municipalities.all()
    if not eligible.exists():
        eligible = Municipality.objects.filter(country__code=call.region.country)
    return eligible.only("pk", "name", "code").order_by("name")


class ProjectForm(ServiceModelForm):
    revision = revision_field()

    class Meta:
        model = Application
        # The project section; activities, goals and the strategy fit have a step
        # of their own.
        fields = [
            name
            for name in services.PROJECT_FIELDS
            if name not in ("activities", "goals", "strategy_fit")
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "background": forms.Textarea(attrs={"rows": 6}),
            "objectives": forms.Textarea(attrs={"rows": 5}),
            "target_groups": forms.Textarea(attrs={"rows": 4}),
            "work_plan": forms.Textarea(attrs={"rows": 8}),
            "start_date": forms.DateInput(attrs=DATE_WIDGET_ATTRS, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs=DATE_WIDGET_ATTRS, format="%Y-%m-%d"),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "municipalities": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "summary": _("A few sentences on what the project does and why."),
            "municipalities": _("Tick every municipality where the project works."),
        }

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        kwargs["instance"] = application
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["revision"].initial = application.revision
        call = application.call
        funds = call.funds.all()
        if len(funds) > 1:
            self.fields["fund"].queryset = funds  # type: ignore[attr-defined]
            self.fields["fund"].required = True
        else:
            del self.fields["fund"]
        self.fields["municipalities"].queryset = municipality_choices(application)  # type: ignore[attr-defined]
        self.fields["language"].required = False
        for name in ("start_date", "end_date"):
            self.fields[name].widget.is_localized = False

    def service_data(self) -> dict[str, Any]:
        data = {
            name: self.cleaned_data[name] for name in self.fields if name != "revision"
        }
        data["municipalities"] = list(data.get("municipalities") or [])
        return data

    def valid_text_data(self) -> dict[str, Any]:
        """What validated of the fields the request sent (for the autosave): a field
        with an error, or one the request did not hold, is left as stored."""
        cleaned = getattr(self, "cleaned_data", {})
        data: dict[str, Any] = {}
        for name in self.fields:
            if name in ("revision", "fund") or name in self.errors:
                continue
            if name not in cleaned:
                continue
            if name == "municipalities":
                if self.add_prefix(name) in self.data:
                    data[name] = list(cleaned[name])
                continue
            if self.add_prefix(name) not in self.data:
                continue
            if name == "title" and not (cleaned[name] or "").strip():
                continue
            data[name] = cleaned[name]
        return data


# Partners -----------------------------------------------------------------------------


class PartnerForm(ServiceModelForm):
    revision = revision_field()

    class Meta:
        model = Partner
        fields = [
            "organisation",
            "name",
            "national_id",
            "role",
            "contribution",
            "email",
        ]
        widgets = {"contribution": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "organisation": _(
                "If the organisation is in the region's registry, choose it; otherwise "
                "give its name and organisation number."
            ),
            "email": _(
                "A co-applicant gets an invitation at this address to work on the "
                "application with you."
            ),
        }

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["revision"].initial = application.revision
        organisation = self.fields["organisation"]
        organisation.queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(region_id=application.call.region_id)
            .only("pk", "name")
            .order_by("name")
        )
        organisation.empty_label = _("Not in the registry")  # type: ignore[attr-defined]
        self.fields["name"].required = False

    def is_blank(self) -> bool:
        """Nothing typed: "Save and continue" then only moves on."""
        return not any(
            str(self.data.get(self.add_prefix(name), "")).strip()
            for name in ("organisation", "name", "national_id", "contribution", "email")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        if not cleaned.get("organisation") and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Choose the organisation, or give its name."))
        return cleaned

    def service_data(self) -> dict[str, Any]:
        data = {
            name: self.cleaned_data[name]
            for name in self._meta.fields or []
            if name in self.cleaned_data
        }
        if data.get("organisation") is not None and not data.get("name"):
            data.pop("name", None)
            if not data.get("national_id"):
                data.pop("national_id", None)
        return data


# Budget -------------------------------------------------------------------------------


def cell_name(category: str, year: int) -> str:
    """The field of one budget cell; also the key of the budget service's errors."""
    return f"{category}_{year}"


def description_name(category: str) -> str:
    return f"description_{category}"


class BudgetForm(StepForm):
    """A grid of amounts: cost categories by the years of the project period."""

    def __init__(
        self,
        *args: Any,
        application: Application,
        lines: Iterable[Any] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, application=application, **kwargs)
        self.years = application.years
        self.categories = list(ENTERED_CATEGORIES)
        stored: dict[tuple[str, int], int] = {}
        descriptions: dict[str, str] = {}
        for line in lines:
            stored[(line.category, line.year)] = line.amount
            if line.description and line.category not in descriptions:
                descriptions[line.category] = line.description
        for category in self.categories:
            label = category.label
            for year in self.years:
                field = money_field(
                    application,
                    _("%(category)s %(year)s") % {"category": label, "year": year},
                    help_text="",
                )
                field.initial = stored.get((category, year))
                self.fields[cell_name(category, year)] = field
            self.fields[description_name(category)] = forms.CharField(
                label=_("Specification of %(category)s")
                % {"category": str(label).lower()},
                required=False,
                max_length=500,
                initial=descriptions.get(category, ""),
            )

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "category": category,
                "cells": [self[cell_name(category, year)] for year in self.years],
                "description": self[description_name(category)],
            }
            for category in self.categories
        ]

    def amounts(self) -> dict[tuple[str, int], int | None]:
        return {
            (category, year): self.cleaned_data.get(cell_name(category, year))
            for category in self.categories
            for year in self.years
        }

    def descriptions(self) -> dict[str, str]:
        return {
            category: (self.cleaned_data.get(description_name(category)) or "").strip()
            for category in self.categories
        }


# Financing ----------------------------------------------------------------------------


class FinancingForm(StepForm):
    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        self.fields["amount_requested"] = money_field(
            application,
            _("Amount applied for (%(currency)s)") % {"currency": application.currency},
        )
        self.fields["amount_requested"].initial = application.amount_requested
        self.order_fields(["amount_requested", "revision"])


class FinancingLineForm(forms.Form):
    funder = forms.CharField(label=_("Funder"), max_length=255, required=False)
    kind = forms.ChoiceField(
        label=_("Cash or in kind"),
        choices=FinancingKind.choices,
        initial=FinancingKind.CASH,
    )
    sector = forms.ChoiceField(
        label=_("Public or private"),
        choices=FunderSector.choices,
        initial=FunderSector.PUBLIC,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=FinancingStatus.choices,
        initial=FinancingStatus.PENDING,
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(
        self,
        *args: Any,
        application: Application,
        attachments: QuerySet[Attachment] | list[Attachment],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"] = money_field(
            application,
            _("Amount (%(currency)s)") % {"currency": application.currency},
            help_text="",
        )
        evidence = forms.ModelChoiceField(
            label=_("Evidence"),
            queryset=Attachment.objects.filter(application=application),
            required=False,
            empty_label=_("No attachment"),
        )
        # The choices come from the list already read, so rows do not each query.
        evidence.choices = [("", _("No attachment"))] + [
            (a.pk, a.title) for a in attachments
        ]
        self.fields["evidence"] = evidence
        self.order_fields(
            ["funder", "kind", "sector", "status", "amount", "evidence", "note"]
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        if self.has_changed() and not self.errors:
            if not (cleaned.get("funder") or "").strip():
                self.add_error("funder", _("Name the funder."))
            if cleaned.get("amount") is None:
                self.add_error("amount", _("Give the amount."))
        return cleaned

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["funder"] = (data.get("funder") or "").strip()
        return data


class BaseFinancingLineFormSet(forms.BaseFormSet):
    def __init__(
        self,
        *args: Any,
        application: Application,
        attachments: list[Attachment],
        **kwargs: Any,
    ) -> None:
        self.application = application
        self.attachments = attachments
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"application": self.application, "attachments": self.attachments}

    def filled(self) -> list[forms.Form]:
        """The rows with something typed, in order: the service's `lines`."""
        return [form for form in self.forms if form.has_changed()]


FinancingLineFormSet = forms.formset_factory(
    FinancingLineForm, formset=BaseFinancingLineFormSet, extra=3, max_num=50
)


def financing_initial(application: Application) -> list[dict[str, Any]]:
    return [
        {
            "funder": line.funder,
            "kind": line.kind,
            "sector": line.sector,
            "status": line.status,
            "amount": line.amount,
            "evidence": line.evidence_id,
            "note": line.note,
        }
        for line in application.financing_lines.all()
    ]


# Effect chain and indicators ----------------------------------------------------------


def effect_name(level: str) -> str:
    return f"effect_{level}"


def indicator_name(indicator: CallIndicator, part: str) -> str:
    return f"indicator_{indicator.pk}_{part}"


class EffectsForm(StepForm):
    """A text per link of the effect chain (one statement a line), and the call's
    indicators with a box to use each, its baseline, target and a note."""

    def __init__(
        self,
        *args: Any,
        application: Application,
        items: Iterable[Any] = (),
        chosen: Iterable[Any] = (),
        call_indicators: Iterable[CallIndicator] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, application=application, **kwargs)
        texts: dict[str, list[str]] = {}
        for item in items:
            texts.setdefault(item.level, []).append(item.text)
        for level in EffectLevel:
            self.fields[effect_name(level)] = forms.CharField(
                label=level.label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("One statement a line."),
                initial="\n".join(texts.get(level, [])),
            )
        by_indicator = {p.call_indicator_id: p for p in chosen}
        self.indicators = list(call_indicators)
        for indicator in self.indicators:
            current = by_indicator.get(indicator.pk)
            name = indicator.localised("name")
            unit = f" ({indicator.unit})" if indicator.unit else ""
            self.fields[indicator_name(indicator, "use")] = forms.BooleanField(
                label=_("Use “%(indicator)s”") % {"indicator": name},
                required=False,
                initial=current is not None,
            )
            self.fields[indicator_name(indicator, "baseline")] = forms.DecimalField(
                label=_("Baseline for “%(indicator)s”%(unit)s")
                % {"indicator": name, "unit": unit},
                required=False,
                max_digits=14,
                decimal_places=2,
                min_value=Decimal(0),
                localize=True,
                initial=current.baseline if current else None,
            )
            self.fields[indicator_name(indicator, "target")] = forms.DecimalField(
                label=_("Target for “%(indicator)s”%(unit)s")
                % {"indicator": name, "unit": unit},
                required=False,
                max_digits=14,
                decimal_places=2,
                min_value=Decimal(0),
                localize=True,
                initial=current.target if current else None,
            )
            self.fields[indicator_name(indicator, "note")] = forms.CharField(
                label=_("Note on “%(indicator)s”") % {"indicator": name},
                required=False,
                max_length=500,
                initial=current.note if current else "",
            )
        for name in self.fields:
            if name.endswith(("_baseline", "_target")):
                self.fields[name].widget.attrs["inputmode"] = "decimal"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        for indicator in self.indicators:
            if (
                cleaned.get(indicator_name(indicator, "use"))
                and cleaned.get(indicator_name(indicator, "target")) is None
                and indicator_name(indicator, "target") not in self.errors
            ):
                self.add_error(indicator_name(indicator, "target"), _("Set a target."))
        return cleaned

    def groups(self) -> list[dict[str, Any]]:
        """The indicator rows grouped by their level in the effect chain."""
        grouped: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
        labels: dict[str, Any] = {}
        for indicator in self.indicators:
            grouped.setdefault(indicator.level, []).append(
                {
                    "indicator": indicator,
                    "use": self[indicator_name(indicator, "use")],
                    "baseline": self[indicator_name(indicator, "baseline")],
                    "target": self[indicator_name(indicator, "target")],
                    "note": self[indicator_name(indicator, "note")],
                }
            )
            labels[indicator.level] = indicator.get_level_display()
        return [
            {"label": labels[level], "rows": rows} for level, rows in grouped.items()
        ]

    def effect_fields(self) -> list[forms.BoundField]:
        return [self[effect_name(level)] for level in EffectLevel]

    def items(self) -> dict[str, list[str]]:
        return {
            level: [
                line.strip()
                for line in (
                    self.cleaned_data.get(effect_name(level)) or ""
                ).splitlines()
                if line.strip()
            ]
            for level in EffectLevel.values
        }

    def chosen_indicators(self) -> list[dict[str, Any]]:
        """The service's `indicators`, in order; `indicator_fields` maps its error
        index back to this form's fields."""
        result = []
        self.indicator_fields: list[CallIndicator] = []
        for indicator in self.indicators:
            if not self.cleaned_data.get(indicator_name(indicator, "use")):
                continue
            self.indicator_fields.append(indicator)
            result.append(
                {
                    "call_indicator": indicator,
                    "baseline": self.cleaned_data.get(
                        indicator_name(indicator, "baseline")
                    ),
                    "target": self.cleaned_data.get(
                        indicator_name(indicator, "target")
                    ),
                    "note": self.cleaned_data.get(indicator_name(indicator, "note"))
                    or "",
                }
            )
        return result


# Fit to the strategy ------------------------------------------------------------------


class StrategyForm(StepForm):
    strategy_fit = forms.CharField(
        label=_("How the project serves the strategy"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(
        self,
        *args: Any,
        application: Application,
        activities: list[Activity],
        goals: list[Goal],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, application=application, **kwargs)
        self.activity_list = activities
        self.goal_list = goals
        self.fields["activities"] = forms.ModelMultipleChoiceField(
            label=_("Action-plan activities"),
            queryset=Activity.objects.filter(pk__in=[a.pk for a in activities]),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["goals"] = forms.ModelMultipleChoiceField(
            label=_("Strategy goals"),
            queryset=Goal.objects.filter(pk__in=[g.pk for g in goals]),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["strategy_fit"].initial = application.strategy_fit
        self.fields["activities"].initial = [a.pk for a in application.activities.all()]
        self.fields["goals"].initial = [g.pk for g in application.goals.all()]
        self.order_fields(["activities", "goals", "strategy_fit", "revision"])

    def _chosen(self, name: str) -> set[str]:
        if self.is_bound:
            return {str(v) for v in self.data.getlist(self.add_prefix(name))}  # type: ignore[attr-defined]
        return {str(v) for v in self.fields[name].initial or []}

    def activity_groups(self) -> list[dict[str, Any]]:
        chosen = self._chosen("activities")
        grouped: OrderedDict[int, dict[str, Any]] = OrderedDict()
        for activity in self.activity_list:
            group = grouped.setdefault(
                activity.action_plan_id, {"plan": activity.action_plan, "items": []}
            )
            group["items"].append(
                {"object": activity, "checked": str(activity.pk) in chosen}
            )
        return list(grouped.values())

    def goal_items(self) -> list[dict[str, Any]]:
        chosen = self._chosen("goals")
        return [{"object": g, "checked": str(g.pk) in chosen} for g in self.goal_list]

    def service_data(self) -> dict[str, Any]:
        return {
            "activities": list(self.cleaned_data["activities"]),
            "goals": list(self.cleaned_data["goals"]),
            "strategy_fit": self.cleaned_data["strategy_fit"],
        }


# Sustainability -----------------------------------------------------------------------

GUIDANCE: dict[str, Any] = {
    SustainabilityAspect.SOCIAL: _(
        "How the project affects people's living conditions, health and participation."
    ),
    SustainabilityAspect.ECOLOGICAL: _(
        "How the project affects nature, biodiversity and the use of resources."
    ),
    SustainabilityAspect.ECONOMIC: _(
        "How the results last and pay their way after the project has ended."
    ),
    SustainabilityAspect.ENVIRONMENT_CLIMATE: _(
        "How the project reduces emissions and adapts to a changing climate."
    ),
    SustainabilityAspect.GENDER_EQUALITY: _(
        "How women and men take part in, and benefit from, the project on equal terms."
    ),
    SustainabilityAspect.EQUAL_OPPORTUNITIES: _(
        "How the project is open to everyone, whatever their background, disability, "
        "age, religion or sexual orientation."
    ),
    SustainabilityAspect.SAMI: _(
        "How the project takes Sami interests, culture and livelihoods into account."
    ),
}


def aspects_of(application: Application) -> list[str]:
    aspects: list[str] = list(CORE_ASPECTS)
    if application.call.asks_sami_perspective:
        aspects.append(SustainabilityAspect.SAMI)
    return aspects


class SustainabilityForm(StepForm):
    def __init__(
        self,
        *args: Any,
        application: Application,
        answers: Iterable[Any] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, application=application, **kwargs)
        stored = {a.aspect: a for a in answers}
        self.aspects = aspects_of(application)
        for aspect in self.aspects:
            label = SustainabilityAspect(aspect).label
            answer = stored.get(aspect)
            self.fields[f"{aspect}_rating"] = forms.ChoiceField(
                label=label,
                choices=IntegrationRating.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=answer.rating if answer else None,
            )
            self.fields[f"{aspect}_description"] = forms.CharField(
                label=_("Describe: %(aspect)s") % {"aspect": str(label).lower()},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=answer.description if answer else "",
            )

    def add_service_error_keys(self, errors: dict[str, Any]) -> dict[str, Any]:
        """The service names an aspect it does not know by the aspect alone."""
        return {
            (f"{key}_description" if key in self.aspects else key): value
            for key, value in errors.items()
        }

    def aspect_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "aspect": aspect,
                "label": SustainabilityAspect(aspect).label,
                "guidance": GUIDANCE.get(aspect, ""),
                "rating": self[f"{aspect}_rating"],
                "description": self[f"{aspect}_description"],
            }
            for aspect in self.aspects
        ]

    def answers(self) -> dict[str, tuple[str, str]]:
        return {
            aspect: (
                self.cleaned_data.get(f"{aspect}_rating") or "",
                self.cleaned_data.get(f"{aspect}_description") or "",
            )
            for aspect in self.aspects
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        for aspect in self.aspects:
            if (cleaned.get(f"{aspect}_description") or "").strip() and not cleaned.get(
                f"{aspect}_rating"
            ):
                self.add_error(
                    f"{aspect}_rating",
                    _("Choose how far the project integrates this aspect."),
                )
        return cleaned


# State aid ----------------------------------------------------------------------------

DECLARATION = _(
    "I declare that the organisation, together with any undertakings it forms a single "
    "undertaking with, has received no more de minimis aid in the current and the two "
    "previous fiscal years than stated above, and that I will tell the region of any "
    "de minimis aid granted before the decision."
)


class StateAidForm(StepForm):
    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        self.fields["de_minimis_received"] = money_field(
            application,
            _("De minimis aid received in the last three years (%(currency)s)")
            % {"currency": application.currency},
        )
        self.fields["de_minimis_received"].initial = application.de_minimis_received
        self.fields["de_minimis_declared"] = forms.BooleanField(
            label=_("I make the declaration above"),
            required=False,
            initial=application.de_minimis_declared,
        )
        self.order_fields(["de_minimis_received", "de_minimis_declared", "revision"])


# Attachments --------------------------------------------------------------------------


class AttachmentForm(StepForm):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, Word, Excel, OpenDocument, PNG or JPEG; the content decides, not the "
            "name."
        ),
    )
    required = forms.ModelChoiceField(
        label=_("Which of the call's attachments it is"),
        queryset=RequiredAttachment.objects.none(),
        required=False,
        empty_label=_("Another attachment"),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        required=False,
        help_text=_("Empty: the name of the required attachment or of the file."),
    )

    def __init__(
        self,
        *args: Any,
        application: Application,
        requirements: list[RequiredAttachment],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, application=application, **kwargs)
        field = self.fields["required"]
        field.queryset = RequiredAttachment.objects.filter(  # type: ignore[attr-defined]
            call_id=application.call_id
        )
        field.choices = [("", _("Another attachment"))] + [  # type: ignore[attr-defined]
            (r.pk, r.localised("title")) for r in requirements
        ]
        if not requirements:
            del self.fields["required"]
        self.order_fields(["file", "required", "title", "revision"])
        self.fields["file"].widget.attrs["accept"] = (
            ".pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg"
        )

    def is_blank(self) -> bool:
        return not self.files.get(self.add_prefix("file"))


__all__ = [
    "AttachmentForm",
    "BudgetForm",
    "EffectsForm",
    "FinancingForm",
    "FinancingLineFormSet",
    "PartnerForm",
    "PartnerRole",
    "ProjectForm",
    "StateAidForm",
    "StrategyForm",
    "SustainabilityForm",
]

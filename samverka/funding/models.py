"""Funding sources with their yearly appropriations, and the calls that hand them out.

A fund is one of the region's own budgets (regional growth funds "1:1", its own
development funds) or an external fund it co-finances with (ERDF, ESF+, Interreg, the
rural programme, a municipality, a foundation). A call spends one or more funds on
the action-plan activities and strategy goals it names, judged by its criteria.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.choices import Currency
from samverka.core.i18n import TranslatableModel
from samverka.core.models import BaseModel, Region
from samverka.funding.choices import (
    EU_FUNDING_TYPES,
    AttachmentKind,
    CallState,
    CallStatus,
    DecisionLevel,
    FormSection,
    IndicatorLevel,
    Intake,
)
from samverka.plans.choices import FundingType

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2200)]
PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]
MONEY_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10**15)]


class Fund(TranslatableModel, BaseModel):
    """A funding source: one the region hands out, or one it co-finances with."""

    translatable_fields = ("name", "description")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="funds"
    )
    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(
        _("code"),
        max_length=30,
        blank=True,
        help_text=_("A short code used in the finance system, for example 1:1-2026."),
    )
    type = models.CharField(_("type"), max_length=20, choices=FundingType.choices)
    description = models.TextField(_("description"), blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    is_external = models.BooleanField(
        _("external fund"),
        default=False,
        help_text=_(
            "Managed by someone else (an EU programme, an agency, a foundation); the "
            "region co-finances with it or advises on it."
        ),
    )
    managing_body = models.CharField(
        _("managing body"),
        max_length=255,
        blank=True,
        help_text=_("Who decides on the fund, for an external fund."),
    )
    max_aid_intensity = models.PositiveSmallIntegerField(
        _("maximum aid intensity (%)"),
        default=100,
        validators=PERCENT_VALIDATORS,
        help_text=_(
            "The largest share of a project's total cost that the fund may pay."
        ),
    )
    state_aid_applies = models.BooleanField(
        _("state-aid rules apply"),
        default=False,
        help_text=_("Applicants declare the de minimis aid they have received."),
    )
    appeal_allowed = models.BooleanField(_("decisions can be appealed"), default=True)
    four_eyes_threshold = models.BigIntegerField(
        _("four-eyes threshold"),
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
        help_text=_(
            "Above this amount (minor units) nobody who assessed an application may "
            "decide on it alone. Empty: no threshold."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["is_external", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_eu(self) -> bool:
        """An EU fund: its projects answer the "do no significant harm" check."""
        return self.type in EU_FUNDING_TYPES


class Appropriation(BaseModel):
    """What a fund has to spend in one year, and how much of it is committed and paid."""

    fund = models.ForeignKey(
        Fund,
        verbose_name=_("fund"),
        on_delete=models.CASCADE,
        related_name="appropriations",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    amount = models.BigIntegerField(
        _("appropriation"), validators=MONEY_VALIDATORS, help_text=_("In minor units.")
    )
    committed = models.BigIntegerField(
        _("committed"), default=0, validators=MONEY_VALIDATORS
    )
    paid = models.BigIntegerField(_("paid"), default=0, validators=MONEY_VALIDATORS)

    class Meta:
        verbose_name = _("appropriation")
        verbose_name_plural = _("appropriations")
        ordering = ["fund", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "year"], name="funding_appropriation_unique"
            ),
            models.CheckConstraint(
                condition=Q(committed__lte=models.F("amount")),
                name="funding_appropriation_not_overcommitted",
                violation_error_message=_("More is committed than the appropriation."),
            ),
            models.CheckConstraint(
                condition=Q(paid__lte=models.F("committed")),
                name="funding_appropriation_paid_within_committed",
                violation_error_message=_("More is paid than is committed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund} {self.year}"

    @property
    def left(self) -> int:
        return self.amount - self.committed


class CallQuerySet(models.QuerySet["Call"]):
    def open_at(self, moment: datetime.datetime | None = None) -> CallQuerySet:
        """Published calls that take applications at `moment` (now by default)."""
        moment = moment or timezone.now()
        return self.filter(
            Q(status=CallStatus.PUBLISHED),
            Q(opens_at__lte=moment),
            Q(closes_at__isnull=True) | Q(closes_at__gt=moment),
        )

    def public(self) -> CallQuerySet:
        return self.filter(
            status__in=[CallStatus.PUBLISHED, CallStatus.ARCHIVED],
            region__is_active=True,
        )


class Call(TranslatableModel, BaseModel):
    """A call for applications (utlysning, opslag)."""

    translatable_fields = ("title", "summary", "text")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="calls"
    )
    funds = models.ManyToManyField(Fund, verbose_name=_("funds"), related_name="calls")
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One paragraph shown in call lists.")
    )
    text = models.TextField(
        _("call text"),
        blank=True,
        help_text=_(
            "What the call funds, who may apply and how applications are judged."
        ),
    )
    intake = models.CharField(
        _("intake"), max_length=12, choices=Intake.choices, default=Intake.DEADLINE
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(
        _("closes"),
        null=True,
        blank=True,
        help_text=_("Empty for continuous intake."),
    )
    budget = models.BigIntegerField(
        _("budget"),
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
        help_text=_("What the call may grant in all, in minor units."),
    )
    min_amount = models.BigIntegerField(
        _("smallest amount to apply for"),
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
    )
    max_amount = models.BigIntegerField(
        _("largest amount to apply for"),
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
    )
    eligible_applicant_types = models.JSONField(
        _("who may apply"),
        default=list,
        blank=True,
        help_text=_("Organisation types that may apply; empty means any."),
    )
    municipalities = models.ManyToManyField(
        "geo.Municipality",
        verbose_name=_("eligible municipalities"),
        blank=True,
        related_name="+",
        help_text=_("Where projects must take place; empty means the whole region."),
    )
    activities = models.ManyToManyField(
        "plans.Activity",
        verbose_name=_("action-plan activities"),
        blank=True,
        related_name="calls",
    )
    goals = models.ManyToManyField(
        "strategy.Goal",
        verbose_name=_("strategy goals"),
        blank=True,
        related_name="calls",
    )
    required_sections = models.JSONField(
        _("required form sections"),
        default=list,
        blank=True,
        help_text=_("Sections applicants must fill in besides the project itself."),
    )
    two_stage = models.BooleanField(
        _("two stages"),
        default=False,
        help_text=_(
            "Applicants first send a short concept; a full application follows on "
            "invitation."
        ),
    )
    indirect_cost_rate = models.PositiveSmallIntegerField(
        _("flat rate for indirect costs (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(40)],
        help_text=_("Indirect costs as a share of staff costs; empty when not used."),
    )
    asks_sami_perspective = models.BooleanField(
        _("asks about Sami perspectives"), default=False
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="funding_call_closes_after_opening",
                violation_error_message=_("The call must close after it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:public_call_detail", args=[self.region.slug, self.pk])

    def clean(self) -> None:
        from samverka.actors.choices import OrganisationType

        super().clean()
        errors: dict[str, Any] = {}
        if self.intake == Intake.DEADLINE and self.closes_at is None:
            errors["closes_at"] = _(
                "Give the closing time, or choose continuous intake."
            )
        if self.intake == Intake.CONTINUOUS and self.closes_at is not None:
            errors["closes_at"] = _(
                "A call with continuous intake has no closing time."
            )
        if self.closes_at and self.opens_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The call must close after it opens.")
        if (
            self.min_amount is not None
            and self.max_amount is not None
            and self.max_amount < self.min_amount
        ):
            errors["max_amount"] = _("The largest amount is below the smallest.")
        unknown = [
            v
            for v in (self.eligible_applicant_types or [])
            if v not in OrganisationType.values
        ]
        if unknown:
            errors["eligible_applicant_types"] = _(
                "Unknown organisation type: %(types)s."
            ) % {"types": ", ".join(map(str, unknown))}
        unknown = [
            v for v in (self.required_sections or []) if v not in FormSection.values
        ]
        if unknown:
            errors["required_sections"] = _("Unknown form section: %(sections)s.") % {
                "sections": ", ".join(map(str, unknown))
            }
        if errors:
            raise ValidationError(errors)

    @property
    def state(self) -> str:
        """Draft, published (not yet open), open, closed or archived, now."""
        return self.state_at(timezone.now())

    def state_at(self, moment: datetime.datetime) -> str:
        if self.status == CallStatus.DRAFT:
            return CallState.DRAFT
        if self.status == CallStatus.ARCHIVED:
            return CallState.ARCHIVED
        if moment < self.opens_at:
            return CallState.PUBLISHED
        if self.closes_at is not None and moment >= self.closes_at:
            return CallState.CLOSED
        return CallState.OPEN

    def get_state_display(self) -> str:
        return str(CallState(self.state).label)

    @property
    def is_open(self) -> bool:
        return self.state == CallState.OPEN

    @property
    def currency(self) -> str:
        return self.region.currency

    def requires(self, section: str) -> bool:
        return section == FormSection.PROJECT or section in (
            self.required_sections or []
        )


class Criterion(TranslatableModel, BaseModel):
    """An assessment criterion of a call, on a scale, with a weight."""

    translatable_fields = ("name", "guidance")

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("name"), max_length=255)
    guidance = models.TextField(_("guidance"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    scale_min = models.SmallIntegerField(
        _("lowest score"),
        default=0,
        validators=[MinValueValidator(-10), MaxValueValidator(10)],
    )
    scale_max = models.SmallIntegerField(
        _("highest score"),
        default=5,
        validators=[MinValueValidator(-10), MaxValueValidator(100)],
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
    )

    class Meta:
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        ordering = ["call", "order", "pk"]

    @property
    def region(self) -> Region:
        """The call's region: its language is the source language of the texts."""
        return self.call.region

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.scale_max <= self.scale_min:
            raise ValidationError(
                {"scale_max": _("The highest score must be above the lowest.")}
            )


class CallIndicator(TranslatableModel, BaseModel):
    """A project indicator that applicants of the call choose from."""

    translatable_fields = ("name",)

    call = models.ForeignKey(
        Call,
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    code = models.CharField(_("code"), max_length=30, blank=True)
    name = models.CharField(_("name"), max_length=255)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    level = models.CharField(
        _("level"),
        max_length=12,
        choices=IndicatorLevel.choices,
        default=IndicatorLevel.OUTPUT,
    )
    strategy_indicator = models.ForeignKey(
        "strategy.Indicator",
        verbose_name=_("strategy indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="call_indicators",
        help_text=_("The strategy indicator the project's results roll up to."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
    )

    class Meta:
        verbose_name = _("project indicator")
        verbose_name_plural = _("project indicators")
        ordering = ["call", "order", "pk"]

    @property
    def region(self) -> Region:
        """The call's region: its language is the source language of the texts."""
        return self.call.region

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class RequiredAttachment(TranslatableModel, BaseModel):
    """An attachment the call asks for."""

    translatable_fields = ("title", "description")

    call = models.ForeignKey(
        Call,
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="required_attachments",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AttachmentKind.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    is_required = models.BooleanField(_("required"), default=True)
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
    )

    class Meta:
        verbose_name = _("required attachment")
        verbose_name_plural = _("required attachments")
        ordering = ["call", "order", "pk"]

    @property
    def region(self) -> Region:
        """The call's region: its language is the source language of the texts."""
        return self.call.region

    def __str__(self) -> str:
        return self.title


class DelegationLimit(BaseModel):
    """How large a grant each level may decide on, in a region or for one of its funds.

    A limit for a fund overrides the region's limit for the same level. A level with
    no limit at all: the head of unit and the committee decide without an upper
    bound, case officers do not decide. `max_amount` empty means no upper bound.
    """

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="delegation_limits",
    )
    fund = models.ForeignKey(
        Fund,
        verbose_name=_("fund"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="delegation_limits",
        help_text=_("Empty: every fund of the region."),
    )
    level = models.CharField(_("level"), max_length=20, choices=DecisionLevel.choices)
    max_amount = models.BigIntegerField(
        _("up to amount"),
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
        help_text=_("In minor units. Empty: no upper limit."),
    )
    note = models.CharField(
        _("basis"),
        max_length=300,
        blank=True,
        help_text=_("The delegation order the limit comes from."),
    )

    class Meta:
        verbose_name = _("delegation limit")
        verbose_name_plural = _("delegation limits")
        ordering = ["region", "fund", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "fund", "level"],
                name="funding_delegation_unique_per_fund",
            ),
            models.UniqueConstraint(
                fields=["region", "level"],
                condition=Q(fund__isnull=True),
                name="funding_delegation_unique_per_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.fund or self.region}"

"""Action plans and their activities (or, in an investment plan, investment objects).

Action plans make the strategy concrete: they "list activities linked to the strategy's
goals" and are the tool for prioritising applications. Calls and applications point at
activities; activities point at goals with a relevance weight.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.core.i18n import TranslatableModel
from samverka.core.models import BaseModel, Region, RegionCopiedModel
from samverka.plans.choices import (
    ActivityStage,
    ActivityStatus,
    PlanKind,
    PlanStatus,
    Relevance,
    Theme,
)

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2200)]


class ActionPlan(TranslatableModel, BaseModel):
    """A thematic action plan of a region, normally under its strategy."""

    translatable_fields = ("title", "summary")

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    strategy = models.ForeignKey(
        "strategy.Strategy",
        verbose_name=_("strategy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_plans",
        help_text=_("The strategy the plan carries out."),
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    kind = models.CharField(
        _("kind"), max_length=12, choices=PlanKind.choices, default=PlanKind.ACTIVITIES
    )
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=YEAR_VALIDATORS
    )
    owner = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        help_text=_("The unit or body responsible."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    decision_reference = models.CharField(
        _("decision reference"), max_length=100, blank=True
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="plans_plan_period_order",
                violation_error_message=_(
                    "The last year cannot be before the first year."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("The last year cannot be before the first year.")}
            )
        if (
            self.strategy is not None
            and self.region_id
            and self.strategy.region_id != self.region_id
        ):
            raise ValidationError(
                {"strategy": _("The strategy belongs to another region.")}
            )
        if self.status == PlanStatus.ADOPTED and not self.adopted_on:
            raise ValidationError(
                {"adopted_on": _("Give the date the plan was adopted.")}
            )

    def get_absolute_url(self) -> str:
        return reverse("plans:public_detail", args=[self.region.slug, self.pk])

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def is_investment_plan(self) -> bool:
        return self.kind == PlanKind.INVESTMENTS


class Activity(TranslatableModel, RegionCopiedModel, BaseModel):
    """An activity of an action plan, or an investment object of an investment plan."""

    region_from = "action_plan"

    translatable_fields = ("title", "description")

    action_plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("action plan"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    code = models.CharField(_("code"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(
        _("order"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(2_147_483_647)],
    )
    responsible = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities_responsible",
    )
    partners = models.ManyToManyField(
        "actors.Organisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="activities_partnered",
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PLANNED,
    )
    stage = models.CharField(
        _("stage"),
        max_length=12,
        choices=ActivityStage.choices,
        blank=True,
        help_text=_(
            "For longer-term strategic efforts: idea, being explored, ready, funded."
        ),
    )
    estimated_budget = models.BigIntegerField(
        _("estimated budget"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "In minor units (öre, øre, cent) of the region's currency; for an investment object, its cost."
        ),
    )
    funding_types = models.JSONField(
        _("intended funding"),
        default=list,
        blank=True,
        help_text=_("The kinds of funding the activity means to draw on."),
    )
    funding_note = models.CharField(_("funding note"), max_length=500, blank=True)
    goals: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "strategy.Goal",
        through="ActivityGoal",
        verbose_name=_("goals"),
        blank=True,
        related_name="activities",
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["action_plan", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def clean(self) -> None:
        from samverka.plans.choices import FundingType

        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end cannot be before the start.")}
            )
        if (
            self.responsible is not None
            and self.action_plan_id
            and self.responsible.region_id != self.action_plan.region_id
        ):
            raise ValidationError(
                {"responsible": _("The organisation belongs to another region.")}
            )
        unknown = [v for v in (self.funding_types or []) if v not in FundingType.values]
        if unknown:
            raise ValidationError(
                {
                    "funding_types": _("Unknown kind of funding: %(kinds)s.")
                    % {"kinds": ", ".join(map(str, unknown))}
                }
            )


class ActivityGoal(BaseModel):
    """An activity serves a goal of the strategy, with a relevance weight."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="goal_links",
    )
    goal = models.ForeignKey(
        "strategy.Goal",
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="activity_links",
    )
    weight = models.PositiveSmallIntegerField(
        _("relevance"), choices=Relevance.choices, default=Relevance.SUBSTANTIAL
    )

    class Meta:
        verbose_name = _("activity goal")
        verbose_name_plural = _("activity goals")
        ordering = ["-weight", "goal__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "goal"], name="plans_activity_goal_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} → {self.goal}"

    def clean(self) -> None:
        super().clean()
        if (
            self.activity_id
            and self.goal_id
            and self.goal.region_id != self.activity.action_plan.region_id
        ):
            raise ValidationError(
                {"goal": _("The goal belongs to another region's strategy.")}
            )

"""Assessment of submitted applications.

An application in assessment gets a formal check (eligibility and completeness), one
or more assessors who declare that they have no conflict of interest and then score
the call's criteria, a sustainability assurance by the officer (three dimensions,
the horizontal criteria, the EU's "do no significant harm" check for EU funds, SDG
targets), the goal conflicts the project raises and how each is handled, and the
officer's recommendation. Ranking within a call is computed from these
(`selectors.call_ranking`), not stored.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverka.applications.choices import SustainabilityAspect
from samverka.applications.models import Application
from samverka.assessments.choices import (
    AssignmentStatus,
    CheckItem,
    CheckOutcome,
    ConflictHandling,
    ConflictSource,
    ConflictStatus,
    DnshResult,
    Effect,
    RecommendedOutcome,
    SdgDirection,
    TaxonomyObjective,
)
from samverka.core.models import BaseModel, RegionCopiedModel
from samverka.funding.models import MONEY_VALIDATORS, Criterion
from samverka.strategy.models import Goal, GoalInteraction, SdgTarget

USER = settings.AUTH_USER_MODEL


class Assignment(RegionCopiedModel, BaseModel):
    """An assessor's task to score one application. The assessor sees the content
    only after declaring that they have no conflict of interest; a declared conflict
    ends the assignment and stays on record."""

    region_from = "application"

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    assessor = models.ForeignKey(
        USER,
        verbose_name=_("assessor"),
        on_delete=models.PROTECT,
        related_name="assessment_assignments",
    )
    assigned_by = models.ForeignKey(
        USER,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.AWAITING_DECLARATION,
        db_index=True,
    )
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    conflict_description = models.TextField(_("conflict of interest"), blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("scores submitted"), null=True, blank=True)
    comment = models.TextField(_("overall comment"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        verbose_name = _("assessment assignment")
        verbose_name_plural = _("assessment assignments")
        ordering = ["application", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "assessor"],
                name="assessments_assignment_once_per_assessor",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.assessor}"

    @property
    def declared(self) -> bool:
        return self.status in (AssignmentStatus.ACTIVE, AssignmentStatus.SUBMITTED)


class Score(BaseModel):
    """One criterion scored by one assessor, on the criterion's scale."""

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    value = models.SmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["assignment", "criterion__order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="assessments_score_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class FormalCheck(RegionCopiedModel, BaseModel):
    """The officer's check of eligibility and completeness, item by item with reasons."""

    region_from = "application"

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="formal_check",
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=CheckOutcome.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        USER,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        verbose_name = _("formal check")
        verbose_name_plural = _("formal checks")

    def __str__(self) -> str:
        return f"{self.application} · {self.get_outcome_display()}"


class FormalCheckItem(BaseModel):
    formal_check = models.ForeignKey(
        FormalCheck,
        verbose_name=_("formal check"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    code = models.CharField(_("question"), max_length=30, choices=CheckItem.choices)
    passed = models.BooleanField(_("met"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("formal check item")
        verbose_name_plural = _("formal check items")
        ordering = ["formal_check", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["formal_check", "code"], name="assessments_check_item_unique"
            )
        ]

    def __str__(self) -> str:
        return self.get_code_display()


class Recommendation(RegionCopiedModel, BaseModel):
    """The officer's proposal to the decision maker or committee."""

    region_from = "application"

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="recommendation",
    )
    outcome = models.CharField(
        _("recommended outcome"), max_length=24, choices=RecommendedOutcome.choices
    )
    amount = models.BigIntegerField(
        _("recommended amount"),
        default=0,
        validators=MONEY_VALIDATORS,
        help_text=_("In minor units."),
    )
    text = models.TextField(_("motivation"))
    conditions = models.TextField(_("proposed conditions"), blank=True)
    written_by = models.ForeignKey(
        USER,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_at = models.DateTimeField(_("written"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return f"{self.application} · {self.get_outcome_display()}"


class SustainabilityAssessment(RegionCopiedModel, BaseModel):
    """The officer's sustainability assurance of one application."""

    region_from = "application"

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="sustainability_assessment",
    )
    summary = models.TextField(_("overall judgement"), blank=True)
    assessed_by = models.ForeignKey(
        USER,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        verbose_name = _("sustainability assessment")
        verbose_name_plural = _("sustainability assessments")

    def __str__(self) -> str:
        return str(self.application)


class SustainabilityRating(BaseModel):
    assessment = models.ForeignKey(
        SustainabilityAssessment,
        verbose_name=_("sustainability assessment"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    aspect = models.CharField(
        _("aspect"), max_length=24, choices=SustainabilityAspect.choices
    )
    effect = models.CharField(_("effect"), max_length=10, choices=Effect.choices)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("sustainability rating")
        verbose_name_plural = _("sustainability ratings")
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "aspect"], name="assessments_rating_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_aspect_display()}: {self.get_effect_display()}"


class DnshAnswer(BaseModel):
    """One of the six environmental objectives in the "do no significant harm" check."""

    assessment = models.ForeignKey(
        SustainabilityAssessment,
        verbose_name=_("sustainability assessment"),
        on_delete=models.CASCADE,
        related_name="dnsh",
    )
    objective = models.CharField(
        _("environmental objective"), max_length=24, choices=TaxonomyObjective.choices
    )
    result = models.CharField(_("result"), max_length=16, choices=DnshResult.choices)
    evidence = models.TextField(_("justification or evidence"), blank=True)

    class Meta:
        verbose_name = _("DNSH answer")
        verbose_name_plural = _("DNSH answers")
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "objective"], name="assessments_dnsh_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_objective_display()}: {self.get_result_display()}"


class SdgEffect(BaseModel):
    """An SDG target the project helps, may harm, or whose effect is unknown."""

    assessment = models.ForeignKey(
        SustainabilityAssessment,
        verbose_name=_("sustainability assessment"),
        on_delete=models.CASCADE,
        related_name="sdg_effects",
    )
    target = models.ForeignKey(
        SdgTarget,
        verbose_name=_("SDG target"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=SdgDirection.choices
    )
    note = models.TextField(_("motivation"), blank=True)

    class Meta:
        verbose_name = _("SDG effect")
        verbose_name_plural = _("SDG effects")
        ordering = ["assessment", "target__goal__number", "target__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "target"], name="assessments_sdg_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target.code}: {self.get_direction_display()}"


class GoalConflict(RegionCopiedModel, BaseModel):
    """A goal conflict that the application raises, and how it is handled.

    The system proposes conflicts (`key` says from what, so a proposal is made once);
    the officer confirms or dismisses each, describes it and records the handling.
    """

    region_from = "application"

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="goal_conflicts",
    )
    key = models.CharField(_("key"), max_length=80, editable=False)
    source = models.CharField(
        _("raised by"), max_length=16, choices=ConflictSource.choices
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal the project advances"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    other_goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal that may suffer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    interaction = models.ForeignKey(
        GoalInteraction,
        verbose_name=_("goal interaction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    interaction_score = models.SmallIntegerField(
        _("interaction score"), null=True, blank=True
    )
    subject = models.CharField(
        _("what conflicts"),
        max_length=300,
        help_text=_("For example: more visitors against lower emissions."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConflictStatus.choices,
        default=ConflictStatus.PROPOSED,
        db_index=True,
    )
    description = models.TextField(_("description"), blank=True)
    handling = models.CharField(
        _("handling"), max_length=10, choices=ConflictHandling.choices, blank=True
    )
    handling_text = models.TextField(
        _("how it is handled"),
        blank=True,
        help_text=_(
            "Mitigated: how. A condition: the condition's wording. A trade-off: why "
            "it is accepted."
        ),
    )
    weighed_by = models.ForeignKey(
        USER,
        verbose_name=_("weighed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    weighed_at = models.DateTimeField(_("weighed"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        verbose_name = _("goal conflict")
        verbose_name_plural = _("goal conflicts")
        ordering = ["application", "status", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "key"], name="assessments_conflict_key_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | ~Q(handling=""),
                name="assessments_confirmed_conflict_handled",
                violation_error_message=_(
                    "A confirmed goal conflict needs a handling."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def score_label(self) -> Any:
        if self.interaction_score is None:
            return ""
        from samverka.strategy.choices import InteractionScore

        return InteractionScore(self.interaction_score).label

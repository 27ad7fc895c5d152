"""Applications for funding: the applicant's draft, its parts, and what was submitted.

An application belongs to a call and an applicant organisation. While it is a draft
(or while the officer has asked for completion) the applicant and accepted
co-applicants change it section by section; every save is kept. Submitting freezes a
`Submission` (an immutable snapshot of everything) and registers the application in
the region's case register.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.applications.choices import (
    ApplicationStatus,
    CostCategory,
    EffectLevel,
    FinancingKind,
    FinancingStatus,
    FunderSector,
    IntegrationRating,
    PartnerRole,
    ScanResult,
    Stage,
    SustainabilityAspect,
)
from samverka.core.choices import Language
from samverka.core.models import BaseModel, RegionCopiedModel

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2200)]
MONEY_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10**15)]
ORDER_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10_000)]


class Application(RegionCopiedModel, BaseModel):
    region_from = "call"

    call = models.ForeignKey(
        "funding.Call",
        verbose_name=_("call"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    fund = models.ForeignKey(
        "funding.Fund",
        verbose_name=_("fund"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("Which of the call's funds the application is for."),
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.FULL
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("applicant organisation"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications_started",
    )
    language = models.CharField(
        _("language for letters"),
        max_length=5,
        choices=Language.choices,
        blank=True,
        help_text=_("The language the region writes to the applicant in."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    title = models.CharField(_("project title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    background = models.TextField(_("background and need"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    work_plan = models.TextField(_("work plan"), blank=True)
    start_date = models.DateField(_("project start"), null=True, blank=True)
    end_date = models.DateField(_("project end"), null=True, blank=True)
    municipalities = models.ManyToManyField(
        "geo.Municipality",
        verbose_name=_("municipalities concerned"),
        blank=True,
        related_name="+",
    )
    activities = models.ManyToManyField(
        "plans.Activity",
        verbose_name=_("action-plan activities"),
        blank=True,
        related_name="applications",
    )
    goals = models.ManyToManyField(
        "strategy.Goal",
        verbose_name=_("strategy goals"),
        blank=True,
        related_name="applications",
    )
    strategy_fit = models.TextField(
        _("how the project serves the strategy"), blank=True
    )
    amount_requested = models.BigIntegerField(
        _("amount applied for"),
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
        help_text=_("In minor units of the call's currency."),
    )
    total_cost = models.BigIntegerField(
        _("total cost"),
        default=0,
        editable=False,
        validators=MONEY_VALIDATORS,
        help_text=_("The sum of the budget, kept by the budget service."),
    )
    cofinancing_total = models.BigIntegerField(
        _("co-financing"),
        default=0,
        editable=False,
        validators=MONEY_VALIDATORS,
        help_text=_("The sum of the financing plan, kept by the financing service."),
    )
    de_minimis_received = models.BigIntegerField(
        _("de minimis aid received"),
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
        help_text=_(
            "De minimis aid the organisation received in the last three years, in "
            "minor units."
        ),
    )
    de_minimis_declared = models.BooleanField(
        _("de minimis declaration made"), default=False
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        db_index=True,
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications_handled",
    )
    case = models.OneToOneField(
        "records.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application",
    )
    submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    last_submitted_at = models.DateTimeField(
        _("last submitted"), null=True, blank=True, db_index=True
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-last_submitted_at", "-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["region", "status", "-last_submitted_at"]),
        ]

    def __str__(self) -> str:
        if self.case_id:
            return f"{self.case_number} {self.title}"
        return self.title

    @property
    def case_number(self) -> str:
        return self.case.case_number if self.case_id and self.case else ""

    def get_absolute_url(self) -> str:
        return reverse("applications:applicant_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The project cannot end before it starts.")}
            )

    @property
    def currency(self) -> str:
        return self.call.region.currency

    @property
    def years(self) -> list[int]:
        """The calendar years of the project period (for the budget's columns)."""
        if not self.start_date or not self.end_date or self.end_date < self.start_date:
            return []
        return list(range(self.start_date.year, self.end_date.year + 1))


class Partner(BaseModel):
    """An organisation taking part: a co-applicant who may work on the draft, or a partner."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="partners",
    )
    organisation = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application_partnerships",
    )
    name = models.CharField(_("organisation name"), max_length=255)
    national_id = models.CharField(_("organisation number"), max_length=30, blank=True)
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=PartnerRole.choices,
        default=PartnerRole.PARTNER,
    )
    contribution = models.TextField(_("what the partner contributes"), blank=True)
    email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("A co-applicant is invited at this address to work on the draft."),
    )
    token = models.UUIDField(
        _("invitation key"), default=uuid.uuid4, unique=True, editable=False
    )
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application_partnerships",
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["application", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class BudgetLine(BaseModel):
    """One cost category in one year of the project's budget."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    category = models.CharField(
        _("cost category"), max_length=20, choices=CostCategory.choices
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    amount = models.BigIntegerField(
        _("amount"), validators=MONEY_VALIDATORS, help_text=_("In minor units.")
    )
    description = models.CharField(_("specification"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "year", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "category", "year"],
                name="applications_budget_line_unique",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="applications_budget_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.year}"


class FinancingLine(BaseModel):
    """A co-funder's share of the project besides the amount applied for."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="financing_lines",
    )
    funder = models.CharField(_("funder"), max_length=255)
    organisation = models.ForeignKey(
        "actors.Organisation",
        verbose_name=_("funder in the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(
        _("cash or in kind"),
        max_length=10,
        choices=FinancingKind.choices,
        default=FinancingKind.CASH,
    )
    sector = models.CharField(
        _("public or private"),
        max_length=10,
        choices=FunderSector.choices,
        default=FunderSector.PUBLIC,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FinancingStatus.choices,
        default=FinancingStatus.PENDING,
    )
    amount = models.BigIntegerField(
        _("amount"), validators=MONEY_VALIDATORS, help_text=_("In minor units.")
    )
    evidence = models.ForeignKey(
        "Attachment",
        verbose_name=_("evidence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The attachment that confirms the co-financing."),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, validators=ORDER_VALIDATORS
    )

    class Meta:
        verbose_name = _("financing line")
        verbose_name_plural = _("financing lines")
        ordering = ["application", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="applications_financing_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.funder


class EffectItem(BaseModel):
    """One statement at one link of the effect chain."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="effect_items",
    )
    level = models.CharField(_("level"), max_length=12, choices=EffectLevel.choices)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, validators=ORDER_VALIDATORS
    )

    class Meta:
        verbose_name = _("effect-chain item")
        verbose_name_plural = _("effect-chain items")
        ordering = ["application", "level", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.text[:60]}"


class ProjectIndicator(BaseModel):
    """An indicator from the call's list that the project commits to, with its target."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    call_indicator = models.ForeignKey(
        "funding.CallIndicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="project_indicators",
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("project indicator")
        verbose_name_plural = _("project indicators")
        ordering = ["application", "call_indicator__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "call_indicator"],
                name="applications_indicator_unique",
            ),
        ]

    def __str__(self) -> str:
        return str(self.call_indicator)


class SustainabilityAnswer(BaseModel):
    """The applicant's own rating of one sustainability aspect, with a description."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="sustainability_answers",
    )
    aspect = models.CharField(
        _("aspect"), max_length=24, choices=SustainabilityAspect.choices
    )
    rating = models.CharField(
        _("rating"), max_length=16, choices=IntegrationRating.choices
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("sustainability answer")
        verbose_name_plural = _("sustainability answers")
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "aspect"],
                name="applications_sustainability_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_aspect_display()}: {self.get_rating_display()}"


def attachment_upload_to(attachment: Attachment, filename: str) -> str:
    return (
        f"applications/{attachment.application.region_id}/"
        f"{attachment.application_id}/{uuid.uuid4().hex}-{filename}"
    )


class Attachment(BaseModel):
    """A file attached to an application; its type is judged by its content."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    required = models.ForeignKey(
        "funding.RequiredAttachment",
        verbose_name=_("answers the requirement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=300)
    file_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    scan_result = models.CharField(
        _("virus scan"),
        max_length=12,
        choices=ScanResult.choices,
        default=ScanResult.NOT_SCANNED,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["application", "pk"]

    def __str__(self) -> str:
        return self.title


class Submission(BaseModel):
    """An immutable snapshot of the application as it was sent in."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    idempotency_key = models.CharField(_("submit key"), max_length=64)
    snapshot = models.JSONField(_("snapshot"))
    document = models.ForeignKey(
        "records.Document",
        verbose_name=_("registered document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"],
                name="applications_submission_number_unique",
            ),
            models.UniqueConstraint(
                fields=["application", "idempotency_key"],
                name="applications_submission_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} #{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("update_fields") == ["document"]:
            raise ValidationError(_("A submission cannot be changed."))
        super().save(*args, **kwargs)


class CompletionRequest(BaseModel):
    """The officer asks the applicant for more information by a deadline."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="completion_requests",
    )
    message = models.TextField(_("what is missing"))
    deadline = models.DateField(_("answer by"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"))
    answer = models.ForeignKey(
        Submission,
        verbose_name=_("answer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("completion request")
        verbose_name_plural = _("completion requests")
        ordering = ["application", "-requested_at"]

    def __str__(self) -> str:
        return f"{self.application}: {self.deadline}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class SavedFilter(BaseModel):
    """An officer's named set of inbox filters."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_application_filters",
    )
    region = models.ForeignKey(
        "core.Region",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("filters"), max_length=2000)

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region", "name"],
                name="applications_saved_filter_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

"""Decisions on applications, their conditions, and the committees that decide.

A decision is taken within a delegation (funding.DelegationLimit): by a case officer
or a head of unit up to their limits, or by a committee at a meeting, item by item.
A grant commits its amount against the fund's appropriation for the year. The
decision memo and the letter to the applicant are registered in the case.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.applications.models import Application
from samverka.core.models import BaseModel, Region, RegionCopiedModel
from samverka.decisions.choices import (
    ConditionKind,
    ConditionStatus,
    MeetingStatus,
    Outcome,
)
from samverka.funding.choices import DecisionLevel
from samverka.funding.models import MONEY_VALIDATORS, Appropriation
from samverka.records.models import Document

USER = settings.AUTH_USER_MODEL


class Committee(BaseModel):
    """A political committee (nämnd, udvalg) that decides above the delegation."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="committees",
    )
    name = models.CharField(_("name"), max_length=255)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["region", "name"]

    def __str__(self) -> str:
        return self.name


class Meeting(RegionCopiedModel, BaseModel):
    region_from = "committee"

    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    starts_at = models.DateTimeField(_("meeting time"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
    )
    secretary = models.ForeignKey(
        USER,
        verbose_name=_("secretary"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.committee} {self.starts_at:%Y-%m-%d}"


class AgendaItem(RegionCopiedModel, BaseModel):
    """An application on a meeting's agenda, with the officer's recommendation."""

    region_from = "meeting"

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    number = models.PositiveSmallIntegerField(_("item"))
    minutes = models.TextField(
        _("minutes"),
        blank=True,
        help_text=_("What the minutes say of this item beyond the decision."),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "application"], name="decisions_item_once"
            ),
            models.UniqueConstraint(
                fields=["meeting", "number"], name="decisions_item_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"§{self.number} {self.application}"


class Decision(RegionCopiedModel, BaseModel):
    """The decision on an application (one per application)."""

    region_from = "application"

    application = models.OneToOneField(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="decision",
    )
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices)
    amount = models.BigIntegerField(
        _("amount granted"),
        default=0,
        validators=MONEY_VALIDATORS,
        help_text=_("In minor units."),
    )
    start_date = models.DateField(_("project start"), null=True, blank=True)
    end_date = models.DateField(_("project end"), null=True, blank=True)
    reasons = models.TextField(_("reasons"))
    level = models.CharField(
        _("decided at level"), max_length=20, choices=DecisionLevel.choices
    )
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
    )
    decided_by = models.ForeignKey(
        USER,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"))
    appropriation = models.ForeignKey(
        Appropriation,
        verbose_name=_("committed against"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    appeal_allowed = models.BooleanField(_("can be appealed"), default=False)
    memo = models.ForeignKey(
        Document,
        verbose_name=_("decision memo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    letter = models.ForeignKey(
        Document,
        verbose_name=_("decision letter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_outcome_display()}"


class Condition(RegionCopiedModel, BaseModel):
    """A condition of a grant. A dependency on another funder has a deadline and is
    followed until it is met or lapses."""

    region_from = "decision"

    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.CASCADE,
        related_name="conditions",
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=ConditionKind.choices,
        default=ConditionKind.GENERAL,
    )
    text = models.TextField(_("condition"))
    funder = models.CharField(_("other funder"), max_length=255, blank=True)
    amount = models.BigIntegerField(
        _("their contribution"),
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
        help_text=_("In minor units."),
    )
    deadline = models.DateField(_("to be met by"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConditionStatus.choices,
        default=ConditionStatus.OPEN,
        db_index=True,
    )
    resolved_by = models.ForeignKey(
        USER,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["decision", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

"""The case register (diarium), first part: cases with gapless numbers and their
registered documents.

A case number is the region's prefix, the year and a five-digit running number
(``RVN 2026-00042``). Numbers are unique and gapless per region and year: they come
from one counter row per region and year that is locked while a case is opened, so
two submissions at the same moment never get the same number and a rolled-back
transaction gives its number back. The register does not know which app a case is
about; apps point at their case (an application has a case).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.models import BaseModel, Region
from samverka.records.choices import CaseKind, CaseStatus, Direction, DocumentKind

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2200)]


class CaseSequence(models.Model):
    """The last case number given out in a region and year."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("case-number sequence")
        verbose_name_plural = _("case-number sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"], name="records_sequence_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}: {self.last_number}"


class Case(BaseModel):
    """A case (ärende, sag) in the region's register."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="cases"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    number = models.PositiveIntegerField(_("number"))
    case_number = models.CharField(_("case number"), max_length=40, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=CaseKind.choices, default=CaseKind.GENERAL
    )
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    party = models.CharField(
        _("party"),
        max_length=255,
        blank=True,
        help_text=_("The organisation or person the case concerns."),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    opened_at = models.DateTimeField(_("opened"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "number"], name="records_case_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.case_number


def document_upload_to(document: Document, filename: str) -> str:
    return (
        f"records/{document.case.region_id}/{document.case.year}/"
        f"{document.case.number}/{filename}"
    )


class Document(BaseModel):
    """A document registered in a case, numbered within it (``RVN 2026-00042-3``)."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="documents"
    )
    number = models.PositiveIntegerField(_("document number"))
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices
    )
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    counterpart = models.CharField(_("sender or recipient"), max_length=255, blank=True)
    file = models.FileField(
        _("file"), upload_to=document_upload_to, max_length=300, blank=True
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    registered_at = models.DateTimeField(_("registered"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("registered document")
        verbose_name_plural = _("registered documents")
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "number"], name="records_document_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        return f"{self.case.case_number}-{self.number}"

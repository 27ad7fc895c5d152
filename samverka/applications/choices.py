from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    COMPLETION_REQUESTED = "completion_requested", _("Completion requested")
    IN_ASSESSMENT = "in_assessment", _("In assessment")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")
    DISMISSED = "dismissed", _("Dismissed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: Statuses in which the applicant may change the application.
EDITABLE_STATUSES = frozenset(
    {ApplicationStatus.DRAFT, ApplicationStatus.COMPLETION_REQUESTED}
)


class Stage(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    FULL = "full", _("Full application")


class PartnerRole(models.TextChoices):
    CO_APPLICANT = "co_applicant", _("Co-applicant")
    PARTNER = "partner", _("Partner")


class CostCategory(models.TextChoices):
    STAFF = "staff", _("Staff")
    EXTERNAL_SERVICES = "external_services", _("External services")
    TRAVEL = "travel", _("Travel")
    EQUIPMENT = "equipment", _("Equipment")
    INVESTMENTS = "investments", _("Investments")
    INDIRECT = "indirect", _("Indirect costs (flat rate)")
    OTHER = "other", _("Other costs")


#: What applicants type in; indirect costs follow from the call's flat rate.
ENTERED_CATEGORIES = tuple(c for c in CostCategory if c != CostCategory.INDIRECT)


class FinancingKind(models.TextChoices):
    CASH = "cash", _("Cash")
    IN_KIND = "in_kind", _("In kind")


class FunderSector(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE = "private", _("Private")


class FinancingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PENDING = "pending", _("Pending")


class EffectLevel(models.TextChoices):
    """The links of an effect chain (effektlogik)."""

    NEED = "need", _("Need")
    ACTIVITIES = "activities", _("Activities")
    OUTPUTS = "outputs", _("Outputs")
    SHORT_TERM = "short_term", _("Short-term outcomes")
    LONG_TERM = "long_term", _("Long-term effects")


class SustainabilityAspect(models.TextChoices):
    SOCIAL = "social", _("Social sustainability")
    ECOLOGICAL = "ecological", _("Ecological sustainability")
    ECONOMIC = "economic", _("Economic sustainability")
    ENVIRONMENT_CLIMATE = "environment_climate", _("Environment and climate")
    GENDER_EQUALITY = "gender_equality", _("Gender equality")
    EQUAL_OPPORTUNITIES = (
        "equal_opportunities",
        _("Equal opportunities and non-discrimination"),
    )
    SAMI = "sami", _("Sami perspectives")


#: The aspects every sustainability self-assessment covers (Sami only where asked).
CORE_ASPECTS = tuple(a for a in SustainabilityAspect if a != SustainabilityAspect.SAMI)


class IntegrationRating(models.TextChoices):
    INTEGRATED = "integrated", _("Actively integrated")
    PARTLY = "partly", _("Partly integrated")
    NOT_INTEGRATED = "not_integrated", _("Not integrated")


class ScanResult(models.TextChoices):
    NOT_SCANNED = "not_scanned", _("Not scanned")
    CLEAN = "clean", _("No threat found")

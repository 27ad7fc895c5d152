from django.db import models
from django.utils.translation import gettext_lazy as _


class AssignmentStatus(models.TextChoices):
    AWAITING_DECLARATION = "awaiting_declaration", _("Awaiting declaration")
    ACTIVE = "active", _("Assessing")
    SUBMITTED = "submitted", _("Scores submitted")
    CONFLICT = "conflict", _("Ended: conflict of interest")
    REMOVED = "removed", _("Ended: removed")


#: Assignments that still count: the assessor has not been released from them.
OPEN_ASSIGNMENT_STATUSES = frozenset(
    {
        AssignmentStatus.AWAITING_DECLARATION,
        AssignmentStatus.ACTIVE,
        AssignmentStatus.SUBMITTED,
    }
)


class CheckOutcome(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class CheckItem(models.TextChoices):
    """The questions of the formal check (eligibility and completeness)."""

    ELIGIBLE_APPLICANT = "eligible_applicant", _("The applicant may apply to the call")
    ELIGIBLE_AREA = "eligible_area", _("The project takes place where the call applies")
    WITHIN_AMOUNTS = "within_amounts", _("The amount is within the call's limits")
    WITHIN_PERIOD = "within_period", _("The project period is acceptable")
    FINANCING = "financing", _("Budget and financing balance within the aid intensity")
    COMPLETE = "complete", _("The application and its attachments are complete")
    STATE_AID = "state_aid", _("State-aid rules are met")


class Effect(models.TextChoices):
    """A sustainability effect as the officer judges it (Jems's positive / neutral /
    negative, with the SDG Impact Assessment Tool's knowledge gap)."""

    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")
    UNCERTAIN = "uncertain", _("Uncertain (knowledge gap)")


class TaxonomyObjective(models.TextChoices):
    """The six environmental objectives of the EU taxonomy (Regulation 2020/852 art. 9)."""

    CLIMATE_MITIGATION = "climate_mitigation", _("Climate change mitigation")
    CLIMATE_ADAPTATION = "climate_adaptation", _("Climate change adaptation")
    WATER = "water", _("Water and marine resources")
    CIRCULAR = "circular", _("Transition to a circular economy")
    POLLUTION = "pollution", _("Pollution prevention and control")
    BIODIVERSITY = "biodiversity", _("Biodiversity and ecosystems")


class DnshResult(models.TextChoices):
    NOT_RELEVANT = "not_relevant", _("Not relevant (justified)")
    SUPPORTS = "supports", _("Supports the objective")
    NO_HARM = "no_harm", _("No significant harm (with evidence)")
    RISK = "risk", _("Risk of significant harm")


class SdgDirection(models.TextChoices):
    HELPS = "helps", _("Helps")
    MAY_HARM = "may_harm", _("May harm")
    UNKNOWN = "unknown", _("Unknown")


class ConflictSource(models.TextChoices):
    """Why a goal conflict is on the table."""

    INTERACTION = "interaction", _("Goal interaction in the strategy")
    SUSTAINABILITY = "sustainability", _("Negative sustainability rating")
    DNSH = "dnsh", _("Risk of significant environmental harm")
    SDG = "sdg", _("SDG target the project may harm")
    MANUAL = "manual", _("Raised by the officer")


class ConflictStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class ConflictHandling(models.TextChoices):
    MITIGATED = "mitigated", _("Mitigated")
    CONDITION = "condition", _("A condition in the decision")
    TRADE_OFF = "trade_off", _("Trade-off accepted")


class RecommendedOutcome(models.TextChoices):
    GRANT = "grant", _("Grant")
    GRANT_WITH_CONDITIONS = "grant_with_conditions", _("Grant with conditions")
    REJECT = "reject", _("Reject")

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    GRANT = "grant", _("Grant")
    GRANT_WITH_CONDITIONS = "grant_with_conditions", _("Grant with conditions")
    REJECT = "reject", _("Reject")
    DISMISS = "dismiss", _("Dismiss")
    WITHDRAWN = "withdrawn", _("Written off (withdrawn)")


#: Outcomes that commit money.
GRANT_OUTCOMES = frozenset({Outcome.GRANT, Outcome.GRANT_WITH_CONDITIONS})


class ConditionKind(models.TextChoices):
    GENERAL = "general", _("Condition")
    COFUNDING = "cofunding", _("Depends on another funder")


class ConditionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MET = "met", _("Met")
    LAPSED = "lapsed", _("Lapsed")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")

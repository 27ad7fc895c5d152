from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleCode(models.TextChoices):
    """Staff roles, held per region. The codes are stable; the labels are translated."""

    REGISTRAR = "registrar", _("Registrar")
    OFFICER = "officer", _("Case officer")
    ASSESSOR = "assessor", _("Assessor")
    DECISION_MAKER = "decision_maker", _("Decision maker")
    STRATEGIST = "strategist", _("Strategist")
    FUNDING_ADVISOR = "funding_advisor", _("Funding advisor")
    REGION_ADMIN = "region_admin", _("Region administrator")

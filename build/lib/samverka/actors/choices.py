from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    """What kind of body an organisation in the actor registry is."""

    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    COUNTY_ADMINISTRATIVE_BOARD = (
        "county_administrative_board",
        _("County administrative board"),
    )
    UNIVERSITY = "university", _("University or college")
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association")
    INDUSTRY_ORGANISATION = "industry_organisation", _("Industry organisation")
    GOVERNMENT_AGENCY = "government_agency", _("Government agency")
    OTHER = "other", _("Other")


class MembershipRole(models.TextChoices):
    """What a user may do for an organisation. The codes are stable; the labels are translated."""

    APPLICANT = "applicant", _("Applicant")
    ADMIN = "admin", _("Organisation administrator")

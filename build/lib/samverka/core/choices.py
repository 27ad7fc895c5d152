from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    """The Nordic countries Samverka serves (ISO 3166-1 alpha-2)."""

    SE = "SE", _("Sweden")
    DK = "DK", _("Denmark")
    NO = "NO", _("Norway")
    FI = "FI", _("Finland")


class Currency(models.TextChoices):
    """Currencies (ISO 4217). Amounts are always integer minor units."""

    SEK = "SEK", _("Swedish krona")
    DKK = "DKK", _("Danish krone")
    NOK = "NOK", _("Norwegian krone")
    EUR = "EUR", _("Euro")


class Language(models.TextChoices):
    """The languages of the user interface."""

    SV = "sv", _("Swedish")
    DA = "da", _("Danish")
    NB = "nb", _("Norwegian bokmål")
    FI = "fi", _("Finnish")
    EN = "en", _("English")

from django.db import models
from django.utils.translation import gettext_lazy as _


class NutsRegionLevel(models.IntegerChoices):
    """The four NUTS levels: the country, then ever smaller regions."""

    COUNTRY = 0, _("NUTS 0 (country)")
    MAJOR = 1, _("NUTS 1 (major region)")
    BASIC = 2, _("NUTS 2 (basic region)")
    SMALL = 3, _("NUTS 3 (small region)")


class NutsRegionVersion(models.IntegerChoices):
    """The NUTS classifications Samverka holds. NUTS 2024 is the one in force."""

    NUTS_2021 = 2021, _("NUTS 2021")
    NUTS_2024 = 2024, _("NUTS 2024")


#: The NUTS version that codes on counties and municipalities refer to.
CURRENT_NUTS_VERSION = NutsRegionVersion.NUTS_2024

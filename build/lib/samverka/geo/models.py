"""Reference geography: countries, counties, municipalities and NUTS regions.

These rows are loaded from public sources by `manage.py load_geo` (see docs/models/geo.md)
and are the same for every region (tenant); other apps point at them with foreign keys.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverka.core.choices import Country as CountryCode
from samverka.core.models import BaseModel
from samverka.geo.choices import NutsRegionLevel, NutsRegionVersion

BOUNDARY_HELP = _(
    "GeoJSON geometry (WGS 84), simplified for maps; empty when not loaded."
)


class Country(BaseModel):
    """A Nordic country that Samverka holds counties and municipalities for."""

    code = models.CharField(
        _("country code"),
        max_length=2,
        unique=True,
        choices=CountryCode.choices,
        help_text=_("ISO 3166-1 alpha-2, for example SE."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("In the country's language.")
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class County(BaseModel):
    """The level between country and municipality: a Swedish län, a Danish region,
    a Norwegian fylke or a Finnish maakunta.
    """

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="counties",
    )
    code = models.CharField(
        _("code"),
        max_length=10,
        help_text=_("The national code, with leading zeros: 22 (län), 1085 (region)."),
    )
    name = models.CharField(_("name"), max_length=200)
    nuts_code = models.CharField(
        _("NUTS code"),
        max_length=5,
        blank=True,
        help_text=_(
            "The NUTS 2024 region that covers the same area: NUTS 3 for a län, fylke or "
            "maakunta, NUTS 2 for a Danish region."
        ),
    )
    boundary = models.JSONField(
        _("boundary"), null=True, blank=True, help_text=BOUNDARY_HELP
    )

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["country__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"], name="geo_county_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Municipality(BaseModel):
    """A municipality (kommun, kommune, kunta): the local level, and a LAU unit."""

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    county = models.ForeignKey(
        County,
        verbose_name=_("county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    code = models.CharField(
        _("code"),
        max_length=10,
        help_text=_("The national code, with leading zeros: 2281, 101, 0301, 005."),
    )
    name = models.CharField(_("name"), max_length=200)
    lau_code = models.CharField(
        _("LAU code"),
        max_length=20,
        help_text=_(
            "Eurostat's local administrative unit; the national code in the Nordics."
        ),
    )
    nuts3_code = models.CharField(
        _("NUTS 3 code"),
        max_length=5,
        blank=True,
        db_index=True,
        help_text=_(
            "The NUTS 2024 level-3 region the municipality lies in, where known."
        ),
    )
    boundary = models.JSONField(
        _("boundary"), null=True, blank=True, help_text=BOUNDARY_HELP
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["country__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"], name="geo_municipality_unique_code"
            ),
        ]
        indexes = [models.Index(fields=["name"], name="geo_municipality_name")]

    def __str__(self) -> str:
        return self.name


class NutsRegion(BaseModel):
    """A region of Eurostat's NUTS classification in one version (2021 or 2024).

    Covers the EU, EFTA and candidate countries, so that partners abroad can be placed
    too; `country_code` is NUTS's own (EL for Greece), not a foreign key.
    """

    code = models.CharField(
        _("NUTS code"), max_length=5, help_text=_("For example SE321.")
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=NutsRegionLevel.choices
    )
    country_code = models.CharField(_("country code"), max_length=2, db_index=True)
    name = models.CharField(_("name (Latin script)"), max_length=200)
    name_national = models.CharField(_("national name"), max_length=200)
    version = models.PositiveSmallIntegerField(
        _("version"), choices=NutsRegionVersion.choices
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    boundary = models.JSONField(
        _("boundary"), null=True, blank=True, help_text=BOUNDARY_HELP
    )

    class Meta:
        verbose_name = _("NUTS region")
        verbose_name_plural = _("NUTS regions")
        ordering = ["-version", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="geo_nutsregion_unique_code_version"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=0, level__lte=3),
                name="geo_nutsregion_level_range",
            ),
        ]
        indexes = [
            models.Index(
                fields=["version", "level", "country_code"],
                name="geo_nutsregion_filter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name} (NUTS {self.version})"

"""Reads of the reference geography. Boundaries are large, so they are left out
unless asked for (`with_boundary=True`).
"""

from __future__ import annotations

from django.db.models import QuerySet

from samverka.geo.choices import CURRENT_NUTS_VERSION
from samverka.geo.models import Country, County, Municipality, NutsRegion


def country_list() -> QuerySet[Country]:
    """The countries, by code."""
    return Country.objects.order_by("code")


def county_list(
    *, country: str | None = None, with_boundary: bool = False
) -> QuerySet[County]:
    """Counties (län, regioner, fylker, maakunnat), of one country (ISO code) or all."""
    counties = County.objects.select_related("country").order_by(
        "country__code", "code"
    )
    if country:
        counties = counties.filter(country__code=country.upper())
    return counties if with_boundary else counties.defer("boundary")


def municipality_list(
    *,
    country: str | None = None,
    county: County | int | None = None,
    with_boundary: bool = False,
) -> QuerySet[Municipality]:
    """Municipalities, of one country (ISO code) and/or one county (object or id)."""
    municipalities = Municipality.objects.select_related("country", "county").order_by(
        "country__code", "code"
    )
    if country:
        municipalities = municipalities.filter(country__code=country.upper())
    if county is not None:
        municipalities = municipalities.filter(county=county)
    if not with_boundary:
        municipalities = municipalities.defer("boundary", "county__boundary")
    return municipalities


def nuts_region_list(
    *,
    version: int | None = CURRENT_NUTS_VERSION,
    level: int | None = None,
    country: str | None = None,
    with_boundary: bool = False,
) -> QuerySet[NutsRegion]:
    """NUTS regions of one version (NUTS 2024 unless told; None for every version),
    optionally of one level and one NUTS country code (EL for Greece).
    """
    regions = NutsRegion.objects.select_related("parent").order_by("-version", "code")
    if version is not None:
        regions = regions.filter(version=version)
    if level is not None:
        regions = regions.filter(level=level)
    if country:
        regions = regions.filter(country_code=country.upper())
    if not with_boundary:
        regions = regions.defer("boundary", "parent__boundary")
    return regions

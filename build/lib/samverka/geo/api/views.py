"""The public, read-only geography API: countries, counties, municipalities and NUTS
regions, filtered by query parameters through the selectors.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets

from samverka.core.choices import Country as CountryCode
from samverka.geo import selectors
from samverka.geo.api.serializers import (
    CountryFilterSerializer,
    CountrySerializer,
    CountyDetailSerializer,
    CountySerializer,
    MunicipalityDetailSerializer,
    MunicipalityFilterSerializer,
    MunicipalitySerializer,
    NutsRegionDetailSerializer,
    NutsRegionFilterSerializer,
    NutsRegionSerializer,
)
from samverka.geo.choices import (
    CURRENT_NUTS_VERSION,
    NutsRegionLevel,
    NutsRegionVersion,
)
from samverka.geo.models import Country, County, Municipality, NutsRegion

COUNTRY_PARAMETER = OpenApiParameter(
    "country",
    OpenApiTypes.STR,
    enum=CountryCode.values,
    description="ISO 3166-1 alpha-2 code of the country, for example SE.",
)


def _filters(
    serializer_class: type[serializers.Serializer], params: Any
) -> dict[str, Any]:
    """The validated query parameters; a bad one is a 400 that names it."""
    serializer = serializer_class(data=params)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class _GeoViewSet(viewsets.ReadOnlyModelViewSet):
    """Public and read-only; lists leave boundaries out, details include them."""

    permission_classes = [permissions.AllowAny]
    detail_serializer_class: type[serializers.Serializer] | None = None

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return super().get_serializer_class()


class CountryViewSet(_GeoViewSet):
    """The Nordic countries that Samverka holds counties and municipalities for."""

    serializer_class = CountrySerializer

    def get_queryset(self) -> QuerySet[Country]:
        return selectors.country_list()


@extend_schema_view(list=extend_schema(parameters=[COUNTRY_PARAMETER]))
class CountyViewSet(_GeoViewSet):
    """Counties: Swedish län, Danish regions, Norwegian fylker, Finnish maakunnat.
    The detail includes the boundary (GeoJSON), where loaded.
    """

    serializer_class = CountySerializer
    detail_serializer_class = CountyDetailSerializer

    def get_queryset(self) -> QuerySet[County]:
        if self.action != "list":
            return selectors.county_list(with_boundary=True)
        return selectors.county_list(
            **_filters(CountryFilterSerializer, self.request.query_params)
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            COUNTRY_PARAMETER,
            OpenApiParameter(
                "county",
                OpenApiTypes.INT,
                description="Id of the county (see geo/counties).",
            ),
        ]
    )
)
class MunicipalityViewSet(_GeoViewSet):
    """Municipalities with their national (= LAU) codes and NUTS 3 codes.
    The detail includes the boundary (GeoJSON), where loaded.
    """

    serializer_class = MunicipalitySerializer
    detail_serializer_class = MunicipalityDetailSerializer

    def get_queryset(self) -> QuerySet[Municipality]:
        if self.action != "list":
            return selectors.municipality_list(with_boundary=True)
        return selectors.municipality_list(
            **_filters(MunicipalityFilterSerializer, self.request.query_params)
        )


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "country",
                OpenApiTypes.STR,
                description="NUTS country code, for example SE (EL for Greece).",
            ),
            OpenApiParameter(
                "level",
                OpenApiTypes.INT,
                enum=NutsRegionLevel.values,
                description="NUTS level.",
            ),
            OpenApiParameter(
                "version",
                OpenApiTypes.INT,
                enum=NutsRegionVersion.values,
                description=f"NUTS version; {CURRENT_NUTS_VERSION} when not given.",
            ),
        ]
    )
)
class NutsRegionViewSet(_GeoViewSet):
    """Eurostat's NUTS regions (EU, EFTA and candidate countries), NUTS 2024 by default.
    The detail includes the boundary (GeoJSON), where loaded.
    """

    serializer_class = NutsRegionSerializer
    detail_serializer_class = NutsRegionDetailSerializer

    def get_queryset(self) -> QuerySet[NutsRegion]:
        if self.action != "list":
            return selectors.nuts_region_list(version=None, with_boundary=True)
        filters = _filters(NutsRegionFilterSerializer, self.request.query_params)
        filters.setdefault("version", CURRENT_NUTS_VERSION)
        return selectors.nuts_region_list(**filters)

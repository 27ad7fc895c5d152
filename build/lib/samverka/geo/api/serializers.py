"""Output serializers of the geography API, and the query parameters it accepts.

List responses leave boundaries out (they run to hundreds of kilobytes); the detail
serializers of counties, municipalities and NUTS regions add them.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.core.choices import Country as CountryCode
from samverka.geo.choices import NutsRegionLevel, NutsRegionVersion
from samverka.geo.models import Country, County, Municipality, NutsRegion


class CountrySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["id", "code", "name"]
        read_only_fields = fields


class CountySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = County
        fields = ["id", "country", "code", "name", "nuts_code"]
        read_only_fields = fields


class CountyDetailSerializer(CountySerializer):
    class Meta(CountySerializer.Meta):
        fields = [*CountySerializer.Meta.fields, "boundary"]
        read_only_fields = fields


class MunicipalitySerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True)
    county_code = serializers.CharField(
        source="county.code", read_only=True, allow_null=True
    )
    county_name = serializers.CharField(
        source="county.name", read_only=True, allow_null=True
    )

    class Meta:
        model = Municipality
        fields = [
            "id",
            "country",
            "county",
            "county_code",
            "county_name",
            "code",
            "name",
            "lau_code",
            "nuts3_code",
        ]
        read_only_fields = fields


class MunicipalityDetailSerializer(MunicipalitySerializer):
    class Meta(MunicipalitySerializer.Meta):
        fields = [*MunicipalitySerializer.Meta.fields, "boundary"]
        read_only_fields = fields


class NutsRegionSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(
        source="parent.code", read_only=True, allow_null=True
    )

    class Meta:
        model = NutsRegion
        fields = [
            "id",
            "code",
            "level",
            "country_code",
            "name",
            "name_national",
            "version",
            "parent",
            "parent_code",
        ]
        read_only_fields = fields


class NutsRegionDetailSerializer(NutsRegionSerializer):
    class Meta(NutsRegionSerializer.Meta):
        fields = [*NutsRegionSerializer.Meta.fields, "boundary"]
        read_only_fields = fields


class CountryFilterSerializer(serializers.Serializer):
    """Query parameters of the county list."""

    country = serializers.ChoiceField(
        label=_("country"), choices=CountryCode.choices, required=False
    )


class MunicipalityFilterSerializer(CountryFilterSerializer):
    """Query parameters of the municipality list."""

    county = serializers.IntegerField(label=_("county"), min_value=1, required=False)


class NutsRegionFilterSerializer(serializers.Serializer):
    """Query parameters of the NUTS region list."""

    country = serializers.RegexField(
        r"^[A-Za-z]{2}$", label=_("country"), required=False
    )
    level = serializers.ChoiceField(
        label=_("level"), choices=NutsRegionLevel.choices, required=False
    )
    version = serializers.ChoiceField(
        label=_("version"), choices=NutsRegionVersion.choices, required=False
    )

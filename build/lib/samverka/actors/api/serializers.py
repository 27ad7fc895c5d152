"""Input and output shapes of the actor registry's API."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from samverka.actors.models import Network, NetworkMembership, Organisation
from samverka.actors.services import ORGANISATION_FIELDS
from samverka.core.models import Region


class OrganisationOutputSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Organisation
        fields = ["id", "region", *ORGANISATION_FIELDS, "created_at", "updated_at"]
        read_only_fields = fields


class OrganisationInputSerializer(serializers.ModelSerializer):
    """The fields of an organisation's profile; the service validates the whole."""

    class Meta:
        model = Organisation
        fields = list(ORGANISATION_FIELDS)
        # Uniqueness and the identifier rules are the model's, checked by the service.
        validators: list[object] = []


class OrganisationCreateInputSerializer(OrganisationInputSerializer):
    """A new organisation names the region whose registry it joins."""

    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Region.objects.filter(is_active=True),
        help_text="The slug of the region, for example vasternorrland.",
    )

    class Meta(OrganisationInputSerializer.Meta):
        fields = ["region", *ORGANISATION_FIELDS]
        extra_kwargs = {"country": {"required": False}}


class NetworkMemberOutputSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True
    )

    class Meta:
        model = NetworkMembership
        fields = ["id", "organisation", "organisation_name", "role", "joined_on"]
        read_only_fields = fields


class NetworkOutputSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    members = NetworkMemberOutputSerializer(
        source="memberships", many=True, read_only=True
    )

    class Meta:
        model = Network
        fields = [
            "id",
            "region",
            "name",
            "purpose",
            "members",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class NetworkCreateInputSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Region.objects.filter(is_active=True),
        help_text="The slug of the region, for example vasternorrland.",
    )

    class Meta:
        model = Network
        fields = ["region", "name", "purpose"]
        validators: list[object] = []

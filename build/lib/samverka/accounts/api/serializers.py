from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samverka.accounts.models import User
from samverka.core.models import Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = [
            "id",
            "slug",
            "name",
            "country",
            "default_language",
            "currency",
            "case_number_prefix",
            "email",
            "phone",
            "address",
            "website",
        ]
        read_only_fields = fields


class RoleSerializer(serializers.Serializer):
    region = serializers.SlugField()
    roles = serializers.ListField(child=serializers.CharField())


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "preferred_language", "roles"]
        read_only_fields = fields

    @extend_schema_field(RoleSerializer(many=True))
    def get_roles(self, user: User) -> list[dict[str, object]]:
        from samverka.accounts import policies

        by_region = policies.roles_by_region(user)
        regions = {r.pk: r.slug for r in policies.regions_visible_to(user)}
        return [
            {"region": regions[rid], "roles": sorted(codes)}
            for rid, codes in sorted(by_region.items())
            if rid in regions
        ]

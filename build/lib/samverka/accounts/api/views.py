from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from samverka.accounts.api.serializers import MeSerializer, RegionSerializer
from samverka.core.models import Region
from samverka.core.selectors import region_list_public


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The regions this installation serves. Public."""

    serializer_class = RegionSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Region]:
        return region_list_public()


class MeView(APIView):
    """The logged-in user and the roles they hold in each region."""

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)

"""The actor registry's API: organisations (read and write) and networks (read and create).

Every write goes through the services, so the API keeps the same rules and audit log
as the screens. Objects outside the user's scope are 404.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from samverka.accounts.models import User
from samverka.actors import selectors, services
from samverka.actors.api.serializers import (
    NetworkCreateInputSerializer,
    NetworkOutputSerializer,
    OrganisationCreateInputSerializer,
    OrganisationInputSerializer,
    OrganisationOutputSerializer,
)
from samverka.actors.choices import OrganisationType
from samverka.actors.models import Network, Organisation
from samverka.core.choices import Country


def _actor(request: Request) -> User:
    """The acting user: the API's default permission lets only logged-in users in."""
    return cast(User, request.user)


_REGION_PARAMETER = OpenApiParameter(
    "region", OpenApiTypes.STR, description="Only this region (its slug)."
)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="Text in the name or number."
            ),
            OpenApiParameter("type", OpenApiTypes.STR, enum=OrganisationType.values),
            OpenApiParameter("country", OpenApiTypes.STR, enum=Country.values),
            _REGION_PARAMETER,
        ]
    ),
)
class OrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Organisations of the actor registries the user may see."""

    serializer_class = OrganisationOutputSerializer
    queryset = Organisation.objects.none()  # for the schema; requests use the selector

    def get_queryset(self) -> QuerySet[Organisation]:
        params = self.request.query_params
        return selectors.organisation_list(
            user=self.request.user,
            filters={
                key: params.get(key) for key in ("q", "type", "country", "region")
            },
        )

    @extend_schema(
        request=OrganisationCreateInputSerializer,
        responses={201: OrganisationOutputSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Register an organisation; a non-staff user becomes its administrator member."""
        serializer = OrganisationCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        region = data.pop("region")
        organisation = services.organisation_create(
            region=region, by=_actor(request), data=data
        )
        return Response(
            OrganisationOutputSerializer(organisation).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=OrganisationInputSerializer, responses=OrganisationOutputSerializer
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change an organisation's profile (registry staff or its administrators)."""
        return self._update(request, partial=False)

    @extend_schema(
        request=OrganisationInputSerializer, responses=OrganisationOutputSerializer
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change some fields of an organisation's profile."""
        return self._update(request, partial=True)

    def _update(self, request: Request, *, partial: bool) -> Response:
        organisation = self.get_object()
        serializer = OrganisationInputSerializer(
            organisation, data=request.data, partial=partial
        )
        serializer.is_valid(raise_exception=True)
        organisation = services.organisation_update(
            organisation=organisation,
            by=_actor(request),
            data=serializer.validated_data,
        )
        return Response(OrganisationOutputSerializer(organisation).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="Text in the name or purpose."
            )
        ]
    ),
)
class NetworkViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Networks of the regions where the user holds a staff role."""

    serializer_class = NetworkOutputSerializer
    queryset = Network.objects.none()  # for the schema; requests use the selector

    def get_queryset(self) -> QuerySet[Network]:
        return selectors.network_list(
            user=self.request.user, filters={"q": self.request.query_params.get("q")}
        )

    @extend_schema(
        request=NetworkCreateInputSerializer, responses={201: NetworkOutputSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start a network (officer, funding advisor, strategist or region administrator)."""
        serializer = NetworkCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        region = data.pop("region")
        network = services.network_create(region=region, by=_actor(request), data=data)
        return Response(
            NetworkOutputSerializer(network).data, status=status.HTTP_201_CREATED
        )

"""The funds and calls API.

Published and archived calls are public, with their criteria, project indicators and
required attachments; staff of a region read its drafts too; the region's
administrators and case officers write calls, its administrators and funding advisors
write funds, through the services. Objects outside the user's scope are 404; a save
based on an older revision is 409 Conflict.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from samverka.accounts.api.scoped import (
    CONFLICT_RESPONSE,
    ScopedViewSet,
    actor,
    conflict_on_stale_edit,
)
from samverka.accounts.policies import is_staff_member
from samverka.core.errors import require
from samverka.funding import policies, services
from samverka.funding.api.serializers import (
    AppropriationInputSerializer,
    CallCreateInputSerializer,
    CallFilterSerializer,
    CallOutputSerializer,
    CallUpdateInputSerializer,
    FundCreateInputSerializer,
    FundFilterSerializer,
    FundOutputSerializer,
    FundUpdateInputSerializer,
)
from samverka.funding.choices import CallState, CallStatus
from samverka.funding.models import Appropriation, Call, Fund


def _require_staff(request: Request) -> None:
    """Someone with no staff role anywhere is refused before the input is read."""
    require(is_staff_member(request.user))


def _state_filter(calls: QuerySet[Call], state: str) -> QuerySet[Call]:
    now = timezone.now()
    if state == CallState.OPEN:
        return calls.filter(pk__in=Call.objects.open_at(now).values("pk"))
    if state == CallState.PUBLISHED:
        return calls.filter(status=CallStatus.PUBLISHED, opens_at__gt=now)
    if state == CallState.CLOSED:
        return calls.filter(status=CallStatus.PUBLISHED, closes_at__lte=now)
    return calls.filter(status=state)


@extend_schema_view(list=extend_schema(parameters=[FundFilterSerializer]))
class FundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Funds with their appropriations per year: the region's staff see all of its
    funds; everyone sees the active funds of public calls."""

    serializer_class = FundOutputSerializer
    queryset = Fund.objects.none()  # for the schema; requests use the policy
    filter_serializer_class = FundFilterSerializer

    def visible(self) -> QuerySet[Fund]:
        return (
            policies.funds_visible_to(self.request.user)
            .select_related("region")
            .prefetch_related(
                Prefetch(
                    "appropriations", queryset=Appropriation.objects.order_by("-year")
                )
            )
            .order_by("is_external", "name", "pk")
        )

    @extend_schema(
        request=FundCreateInputSerializer, responses={201: FundOutputSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Add a fund (region administrator or funding advisor)."""
        _require_staff(request)
        data = self.read_input(FundCreateInputSerializer)
        region = data.pop("region")
        fund = services.fund_create(region=region, by=actor(request), data=data)
        return self.output(self.visible().get(pk=fund.pk), status.HTTP_201_CREATED)

    @extend_schema(
        request=FundUpdateInputSerializer,
        responses={200: FundOutputSerializer, 409: CONFLICT_RESPONSE},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a fund; send the `revision` you read."""
        fund = self.get_object()
        data = self.read_input(FundUpdateInputSerializer, partial=True)
        revision = data.pop("revision", None)
        with conflict_on_stale_edit():
            fund = services.fund_update(
                fund=fund, by=actor(request), data=data, revision=revision
            )
        return self.output(self.visible().get(pk=fund.pk))

    @extend_schema(request=AppropriationInputSerializer, responses=FundOutputSerializer)
    @action(detail=True, methods=["post"])
    def appropriations(self, request: Request, pk: str | None = None) -> Response:
        """Set the fund's appropriation for a year (not below what is committed)."""
        fund = self.get_object()
        data = self.read_input(AppropriationInputSerializer)
        services.appropriation_set(
            fund=fund, year=data["year"], amount=data["amount"], by=actor(request)
        )
        return self.output(self.visible().get(pk=fund.pk))


@extend_schema_view(list=extend_schema(parameters=[CallFilterSerializer]))
class CallViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Calls for applications: published and archived ones for everyone, drafts for
    the region's staff."""

    serializer_class = CallOutputSerializer
    queryset = Call.objects.none()  # for the schema; requests use the policy

    def visible(self) -> QuerySet[Call]:
        return (
            policies.calls_visible_to(self.request.user)
            .select_related("region")
            .prefetch_related(
                "funds",
                "activities",
                "goals",
                "municipalities",
                "criteria",
                "indicators",
                "required_attachments",
            )
            .order_by("-opens_at", "title", "pk")
        )

    def get_queryset(self) -> QuerySet[Call]:
        calls = super().get_queryset()
        if self.action == "list":
            filters = CallFilterSerializer(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            values = filters.validated_data
            if values.get("region"):
                calls = calls.filter(region__slug=values["region"])
            if values.get("state"):
                calls = _state_filter(calls, values["state"])
        return calls

    @extend_schema(
        request=CallCreateInputSerializer, responses={201: CallOutputSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start a call as a draft (region administrator or case officer)."""
        _require_staff(request)
        data = self.read_input(CallCreateInputSerializer)
        region = data.pop("region")
        call = services.call_create(region=region, by=actor(request), data=data)
        return self.output(self.visible().get(pk=call.pk), status.HTTP_201_CREATED)

    @extend_schema(
        request=CallUpdateInputSerializer,
        responses={200: CallOutputSerializer, 409: CONFLICT_RESPONSE},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a draft or published call; send the `revision` you read."""
        call = self.get_object()
        data = self.read_input(CallUpdateInputSerializer, partial=True)
        revision = data.pop("revision", None)
        with conflict_on_stale_edit():
            call = services.call_update(
                call=call, by=actor(request), data=data, revision=revision
            )
        return self.output(self.visible().get(pk=call.pk))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete a draft call."""
        services.call_delete(call=self.get_object(), by=actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=CallOutputSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        """Publish a draft call: it needs a fund, and a closing time unless the intake
        is continuous."""
        call = services.call_publish(call=self.get_object(), by=actor(request))
        return self.output(self.visible().get(pk=call.pk))

    @extend_schema(request=None, responses=CallOutputSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request: Request, pk: str | None = None) -> Response:
        """Archive a published call; it stays public."""
        call = services.call_archive(call=self.get_object(), by=actor(request))
        return self.output(self.visible().get(pk=call.pk))

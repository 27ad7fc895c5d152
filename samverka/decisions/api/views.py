"""The decisions API: decisions on applications and their conditions, committee
meetings with their agendas, and the delegation order.

Only staff use it (403 for anyone else); everything is read through the policies'
querysets, so an object of a region outside the caller's scope is 404. Writes go
through the services: a decision the rules do not allow (above the decider's
delegation, against the four-eyes rule, above what is left of the appropriation) is
refused with 400 and the rule's text at the field it concerns.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from samverka.accounts.api.scoped import actor
from samverka.applications.policies import reading_regions
from samverka.assessments.api.views import (
    STAFF_ONLY,
    Path,
    id_parameter,
    nested_errors,
    read_input,
)
from samverka.decisions import policies, services
from samverka.decisions.api.serializers import (
    AgendaAddInputSerializer,
    AgendaItemSerializer,
    CommitteeSerializer,
    ConditionFilterSerializer,
    ConditionResolveInputSerializer,
    DecisionConditionSerializer,
    DecisionCreateInputSerializer,
    DecisionFilterSerializer,
    DecisionSerializer,
    DelegationLimitCreateInputSerializer,
    DelegationLimitFilterSerializer,
    DelegationLimitSerializer,
    DelegationLimitUpdateInputSerializer,
    MeetingCreateInputSerializer,
    MeetingFilterSerializer,
    MeetingSerializer,
)
from samverka.decisions.choices import ConditionStatus
from samverka.decisions.models import (
    AgendaItem,
    Committee,
    Condition,
    Decision,
    Meeting,
)
from samverka.funding import services as funding_services
from samverka.funding.models import DelegationLimit


def _conditions_locate(key: str) -> Path | None:
    """The services' ``conditions-<n>-<field>`` keys, at the condition sent."""
    parts = key.split("-", 2)
    if len(parts) == 3 and parts[0] == "conditions" and parts[1].isdigit():
        return ("conditions", int(parts[1]), parts[2])
    return None


# Decisions -------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(parameters=[DecisionFilterSerializer]),
    retrieve=extend_schema(responses=DecisionSerializer),
)
class DecisionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Decisions on applications, in the regions whose applications the caller
    reads; newest first."""

    permission_classes = STAFF_ONLY
    serializer_class = DecisionSerializer
    queryset = Decision.objects.none()  # for the schema; requests use the policy
    lookup_value_regex = "[0-9]+"

    @staticmethod
    def with_parts(queryset: QuerySet[Decision]) -> QuerySet[Decision]:
        return queryset.select_related(
            "region",
            "application__organisation",
            "application__case",
            "appropriation",
            "agenda_item",
            "decided_by",
        ).prefetch_related(
            Prefetch(
                "conditions",
                queryset=Condition.objects.select_related(
                    "region", "resolved_by", "decision__application__case"
                ),
            )
        )

    def get_queryset(self) -> QuerySet[Decision]:
        queryset = self.with_parts(policies.decisions_visible_to(self.request.user))
        if self.action == "list":
            filters = DecisionFilterSerializer(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            values = filters.validated_data
            if values.get("region"):
                queryset = queryset.filter(region__slug=values["region"])
            if values.get("call"):
                queryset = queryset.filter(application__call_id=values["call"])
            if values.get("outcome"):
                queryset = queryset.filter(outcome=values["outcome"])
        return queryset.order_by("-decided_at", "-pk")

    @extend_schema(
        request=DecisionCreateInputSerializer, responses={201: DecisionSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Decide on an application (a committee's decision with its agenda item).
        A decision the rules do not allow is refused with the rule at its field:
        above the decider's delegation or the fund's four-eyes threshold, or above
        what is left of the appropriation, at `amount`."""
        data = read_input(self, DecisionCreateInputSerializer)
        application = data.pop("application")
        agenda_item = data.pop("agenda_item", None)
        data["conditions"] = [dict(row) for row in data.get("conditions", [])]
        try:
            decision = services.decision_record(
                application=application,
                by=actor(request),
                data=data,
                agenda_item=agenda_item,
            )
        except DjangoValidationError as exc:
            raise nested_errors(exc, _conditions_locate) from exc
        answer = self.with_parts(Decision.objects.all()).get(pk=decision.pk)
        return Response(
            DecisionSerializer(answer, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


# Conditions ------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(parameters=[ConditionFilterSerializer]),
    retrieve=extend_schema(responses=DecisionConditionSerializer),
)
class ConditionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Conditions of grants: open ones first, by deadline."""

    permission_classes = STAFF_ONLY
    serializer_class = DecisionConditionSerializer
    queryset = Condition.objects.none()  # for the schema; requests use the policy
    lookup_value_regex = "[0-9]+"

    @staticmethod
    def with_parts(queryset: QuerySet[Condition]) -> QuerySet[Condition]:
        return queryset.select_related(
            "region", "resolved_by", "decision__application__case"
        )

    def get_queryset(self) -> QuerySet[Condition]:
        queryset = self.with_parts(
            Condition.objects.filter(region_id__in=reading_regions(self.request.user))
        )
        if self.action == "list":
            filters = ConditionFilterSerializer(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            values = filters.validated_data
            if values.get("region"):
                queryset = queryset.filter(region__slug=values["region"])
            if values.get("status"):
                queryset = queryset.filter(status=values["status"])
            if values.get("application"):
                queryset = queryset.filter(
                    decision__application_id=values["application"]
                )
        return queryset.annotate(
            closed=Case(
                When(status=ConditionStatus.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("closed", "deadline", "pk")

    @extend_schema(
        request=ConditionResolveInputSerializer, responses=DecisionConditionSerializer
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, pk: str | None = None) -> Response:
        """Mark an open condition met, or lapsed (not met by its deadline)."""
        condition = self.get_object()
        data = read_input(self, ConditionResolveInputSerializer)
        try:
            services.condition_resolve(
                condition=condition,
                by=actor(request),
                status=data["status"],
                note=data.get("note", ""),
            )
        except DjangoValidationError as exc:
            raise nested_errors(exc) from exc
        answer = self.with_parts(Condition.objects.all()).get(pk=condition.pk)
        return Response(DecisionConditionSerializer(answer).data)


# Committees and meetings ------------------------------------------------------------------


class CommitteeViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The committees of the regions whose applications the caller reads."""

    permission_classes = STAFF_ONLY
    serializer_class = CommitteeSerializer
    queryset = Committee.objects.none()  # for the schema; requests use the policy
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Committee]:
        return (
            Committee.objects.filter(region_id__in=reading_regions(self.request.user))
            .select_related("region")
            .order_by("region__name", "name", "pk")
        )


@extend_schema_view(
    list=extend_schema(parameters=[MeetingFilterSerializer]),
    retrieve=extend_schema(responses=MeetingSerializer),
)
class MeetingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Committee meetings with their agendas, newest first."""

    permission_classes = STAFF_ONLY
    serializer_class = MeetingSerializer
    queryset = Meeting.objects.none()  # for the schema; requests use the policy
    lookup_value_regex = "[0-9]+"

    @staticmethod
    def with_parts(queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
        return queryset.select_related(
            "region", "committee", "secretary"
        ).prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.select_related(
                    "region",
                    "application__organisation",
                    "application__case",
                    "application__recommendation",
                    "decision",
                ).order_by("number"),
            )
        )

    def get_queryset(self) -> QuerySet[Meeting]:
        queryset = self.with_parts(policies.meetings_visible_to(self.request.user))
        if self.action == "list":
            filters = MeetingFilterSerializer(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            values = filters.validated_data
            if values.get("region"):
                queryset = queryset.filter(region__slug=values["region"])
            if values.get("committee"):
                queryset = queryset.filter(committee_id=values["committee"])
            if values.get("status"):
                queryset = queryset.filter(status=values["status"])
        return queryset.order_by("-starts_at", "pk")

    def answer(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        meeting = self.with_parts(Meeting.objects.all()).get(pk=pk)
        return Response(MeetingSerializer(meeting).data, status=code)

    @extend_schema(
        request=MeetingCreateInputSerializer, responses={201: MeetingSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Plan a meeting of a committee (case officers, decision makers and region
        administrators)."""
        data = read_input(self, MeetingCreateInputSerializer)
        try:
            meeting = services.meeting_create(
                committee=data["committee"],
                by=actor(request),
                starts_at=data["starts_at"],
                place=data.get("place", ""),
                secretary=data.get("secretary"),
            )
        except DjangoValidationError as exc:
            raise nested_errors(exc) from exc
        return self.answer(meeting.pk, status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[id_parameter("The id of the meeting.")],
        request=AgendaAddInputSerializer,
        responses={201: AgendaItemSerializer},
    )
    @action(detail=True, methods=["post"])
    def agenda(self, request: Request, pk: str | None = None) -> Response:
        """Put an application in assessment, with its recommendation, on a planned
        meeting's agenda as the next item."""
        meeting = self.get_object()
        data = read_input(self, AgendaAddInputSerializer)
        try:
            item = services.agenda_item_add(
                meeting=meeting, application=data["application"], by=actor(request)
            )
        except DjangoValidationError as exc:
            raise nested_errors(exc) from exc
        answer = AgendaItem.objects.select_related(
            "region",
            "application__organisation",
            "application__case",
            "application__recommendation",
        ).get(pk=item.pk)
        return Response(
            AgendaItemSerializer(answer).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        parameters=[id_parameter("The id of the meeting.")],
        request=None,
        responses=MeetingSerializer,
    )
    @action(detail=True, methods=["post"])
    def hold(self, request: Request, pk: str | None = None) -> Response:
        """Close the meeting once every item on its agenda has been decided."""
        meeting = self.get_object()
        try:
            services.meeting_hold(meeting=meeting, by=actor(request))
        except DjangoValidationError as exc:
            raise nested_errors(exc) from exc
        return self.answer(meeting.pk)


# The delegation order -------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(parameters=[DelegationLimitFilterSerializer]),
    retrieve=extend_schema(responses=DelegationLimitSerializer),
)
class DelegationLimitViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The delegation order: how large a grant each level may decide on, for a
    region or one of its funds. The region's administrators change it."""

    permission_classes = STAFF_ONLY
    serializer_class = DelegationLimitSerializer
    queryset = DelegationLimit.objects.none()  # for the schema; requests use the policy
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[DelegationLimit]:
        queryset = DelegationLimit.objects.filter(
            region_id__in=reading_regions(self.request.user)
        ).select_related("region", "fund")
        if self.action == "list":
            filters = DelegationLimitFilterSerializer(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            values = filters.validated_data
            if values.get("region"):
                queryset = queryset.filter(region__slug=values["region"])
            if values.get("fund"):
                queryset = queryset.filter(fund_id=values["fund"])
        return queryset.order_by("region__name", "fund__name", "level", "pk")

    def answer(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        limit = DelegationLimit.objects.select_related("region", "fund").get(pk=pk)
        return Response(DelegationLimitSerializer(limit).data, status=code)

    @extend_schema(
        request=DelegationLimitCreateInputSerializer,
        responses={
            201: OpenApiResponse(DelegationLimitSerializer, description="Set now."),
            200: OpenApiResponse(
                DelegationLimitSerializer,
                description="The level already had a limit there: it was changed.",
            ),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Set a level's limit for the region, or for one of its funds (region
        administrators). One limit per level and fund: setting it again changes it.
        """
        data = read_input(self, DelegationLimitCreateInputSerializer)
        region = data.pop("region")
        existed = DelegationLimit.objects.filter(
            region=region, fund=data.get("fund"), level=data["level"]
        ).exists()
        try:
            limit = funding_services.delegation_limit_set(
                region=region, by=actor(request), data=data
            )
        except DjangoValidationError as exc:
            raise nested_errors(exc) from exc
        return self.answer(
            limit.pk, status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        )

    @extend_schema(
        request=DelegationLimitUpdateInputSerializer,
        responses=DelegationLimitSerializer,
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a limit's amount or basis (region administrators)."""
        limit = self.get_object()
        serializer = DelegationLimitUpdateInputSerializer(
            data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        try:
            funding_services.delegation_limit_set(
                region=limit.region,
                by=actor(request),
                data={
                    "fund": limit.fund,
                    "level": limit.level,
                    "max_amount": values.get("max_amount", limit.max_amount),
                    "note": values.get("note", limit.note),
                },
            )
        except DjangoValidationError as exc:
            raise nested_errors(exc) from exc
        return self.answer(limit.pk)

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Remove a limit (region administrators): the level falls back on the
        region's limit, or on the default."""
        funding_services.delegation_limit_delete(
            limit=self.get_object(), by=actor(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

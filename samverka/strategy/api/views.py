"""The strategy API: strategies and their versions, goal trees, the SDGs, indicators,
their links to goals, targets, observations and goal interactions.

Everyone, also the public, reads what the policies make public (adopted and superseded
strategies and what hangs from them); staff of a region read its drafts too. Every write
goes through the services, so the API keeps the same rules and audit log as the screens.
Objects outside the user's scope are 404: for reading, what the policy lets the user
see; for writing, the objects of the regions where the user holds a staff role. A save
based on an older revision is 409 Conflict.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from samverka.accounts.api.scoped import (
    CONFLICT_RESPONSE,
    AdoptInputSerializer,
    ScopedViewSet,
    actor,
    conflict_on_stale_edit,
)
from samverka.strategy import policies, selectors, services
from samverka.strategy.api.diff import strategy_diff
from samverka.strategy.api.serializers import (
    GoalCreateInputSerializer,
    GoalFilterSerializer,
    GoalIndicatorCreateInputSerializer,
    GoalIndicatorFilterSerializer,
    GoalIndicatorInputSerializer,
    GoalIndicatorOutputSerializer,
    GoalMoveInputSerializer,
    GoalOutputSerializer,
    GoalTreeNodeSerializer,
    GoalUpdateInputSerializer,
    IndicatorCreateInputSerializer,
    IndicatorFilterSerializer,
    IndicatorInputSerializer,
    IndicatorOutputSerializer,
    InteractionFilterSerializer,
    InteractionInputSerializer,
    InteractionOutputSerializer,
    ObservationBulkInputSerializer,
    ObservationCountsSerializer,
    ObservationFilterSerializer,
    ObservationInputSerializer,
    ObservationOutputSerializer,
    SdgGoalSerializer,
    SdgTargetFilterSerializer,
    SdgTargetSerializer,
    StrategyCreateInputSerializer,
    StrategyDiffSerializer,
    StrategyFilterSerializer,
    StrategyNewVersionInputSerializer,
    StrategyOutputSerializer,
    StrategyUpdateInputSerializer,
    TargetFilterSerializer,
    TargetInputSerializer,
    TargetOutputSerializer,
    visible_goal_indicators,
    visible_goals,
    visible_indicators,
)
from samverka.strategy.choices import GeographyLevel
from samverka.strategy.diff import order_versions
from samverka.strategy.models import (
    Goal,
    GoalIndicator,
    GoalInteraction,
    Indicator,
    IndicatorTarget,
    Observation,
    SdgGoal,
    SdgTarget,
    Strategy,
)

# Strategies ---------------------------------------------------------------------------


@extend_schema_view(list=extend_schema(parameters=[StrategyFilterSerializer]))
class StrategyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Strategies: published ones for everyone, drafts for the region's staff."""

    serializer_class = StrategyOutputSerializer
    queryset = Strategy.objects.none()  # for the schema; requests use the policy
    filter_serializer_class = StrategyFilterSerializer

    def visible(self) -> QuerySet[Strategy]:
        return (
            policies.strategies_visible_to(self.request.user)
            .select_related("region")
            .prefetch_related("serves")
        )

    @extend_schema(
        request=StrategyCreateInputSerializer,
        responses={201: StrategyOutputSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start a strategy as a draft (strategist or region administrator)."""
        data = self.read_input(StrategyCreateInputSerializer)
        region = data.pop("region", None)
        strategy = services.strategy_create(region=region, by=actor(request), data=data)
        return self.output(strategy, status.HTTP_201_CREATED)

    @extend_schema(
        request=StrategyUpdateInputSerializer,
        responses={200: StrategyOutputSerializer, 409: CONFLICT_RESPONSE},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a strategy's texts, period or owner; send the `revision` you read."""
        strategy = self.get_object()
        data = self.read_input(StrategyUpdateInputSerializer, partial=True)
        revision = data.pop("revision", None)
        with conflict_on_stale_edit():
            strategy = services.strategy_update(
                strategy=strategy, by=actor(request), data=data, revision=revision
            )
        return self.output(strategy)

    @extend_schema(request=AdoptInputSerializer, responses=StrategyOutputSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request: Request, pk: str | None = None) -> Response:
        """Record that the draft was adopted; its previous version becomes superseded."""
        strategy = self.get_object()
        data = self.read_input(AdoptInputSerializer)
        strategy = services.strategy_adopt(
            strategy=strategy,
            by=actor(request),
            adopted_on=data["adopted_on"],
            decision_reference=data.get("decision_reference", ""),
        )
        return self.output(strategy)

    @extend_schema(
        request=StrategyNewVersionInputSerializer,
        responses={201: StrategyOutputSerializer},
    )
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request: Request, pk: str | None = None) -> Response:
        """Start the next version of an adopted strategy as a draft copy with its goal
        tree, indicator links, current targets and interactions."""
        strategy = self.get_object()
        data = self.read_input(StrategyNewVersionInputSerializer)
        new = services.strategy_new_version(
            strategy=strategy, by=actor(request), data=data
        )
        return self.output(new, status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "with",
                OpenApiTypes.INT,
                required=True,
                description="The id of the version to compare with.",
            )
        ],
        responses=StrategyDiffSerializer,
    )
    @action(detail=True, methods=["get"])
    def diff(self, request: Request, pk: str | None = None) -> Response:
        """What changed from the older of the two versions to the newer, whichever is
        asked from which: the strategy's fields and the goals added, removed and changed
        (goals are matched through the goal each was copied from). `with` must be
        another version of the same strategy."""
        strategy = self.get_object()
        other_id = request.query_params.get("with", "")
        if not other_id.isdigit():
            raise exceptions.ValidationError(
                {"with": [_("Give the id of the version to compare with.")]}
            )
        other = get_object_or_404(self.visible(), pk=int(other_id))
        versions = order_versions(other, strategy)
        if versions is None:
            raise exceptions.ValidationError(
                {"with": [_("Give the id of another version of this strategy.")]}
            )
        return Response(StrategyDiffSerializer(strategy_diff(*versions)).data)

    @extend_schema(responses=GoalTreeNodeSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def tree(self, request: Request, pk: str | None = None) -> Response:
        """The goal tree: the top-level goals in order, each with its sub-goals."""
        strategy = self.get_object()
        return Response(
            GoalTreeNodeSerializer(selectors.goal_tree(strategy), many=True).data
        )


# Goals --------------------------------------------------------------------------------


@extend_schema_view(list=extend_schema(parameters=[GoalFilterSerializer]))
class GoalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The goals of the strategies the user may see."""

    serializer_class = GoalOutputSerializer
    queryset = Goal.objects.none()  # for the schema; requests use the policy
    filter_serializer_class = GoalFilterSerializer

    def visible(self) -> QuerySet[Goal]:
        return visible_goals(self.request.user).prefetch_related(
            "sdg_goals", "sdg_targets"
        )

    @extend_schema(
        request=GoalCreateInputSerializer, responses={201: GoalOutputSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Add a goal to a strategy's tree, last among its siblings unless `order`."""
        data = self.read_input(GoalCreateInputSerializer)
        strategy = data.pop("strategy")
        goal = services.goal_create(strategy=strategy, by=actor(request), data=data)
        return self.output(goal, status.HTTP_201_CREATED)

    @extend_schema(
        request=GoalUpdateInputSerializer,
        responses={200: GoalOutputSerializer, 409: CONFLICT_RESPONSE},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a goal's texts, kind, parent or SDG links; send the `revision` you read."""
        goal = self.get_object()
        data = self.read_input(GoalUpdateInputSerializer, partial=True)
        revision = data.pop("revision", None)
        with conflict_on_stale_edit():
            goal = services.goal_update(
                goal=goal, by=actor(request), data=data, revision=revision
            )
        return self.output(goal)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Remove a goal without sub-goals, with its indicator links and interactions."""
        services.goal_delete(goal=self.get_object(), by=actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=GoalMoveInputSerializer, responses=GoalOutputSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str | None = None) -> Response:
        """Place the goal under another parent (or the top level) at a position."""
        goal = self.get_object()
        data = self.read_input(GoalMoveInputSerializer)
        goal = services.goal_move(
            goal=goal,
            by=actor(request),
            parent=data["parent"],
            position=data["position"],
        )
        return self.output(goal)


# The Sustainable Development Goals ----------------------------------------------------


class SdgGoalViewSet(viewsets.ReadOnlyModelViewSet):
    """The 17 Sustainable Development Goals with their titles by language. Public."""

    serializer_class = SdgGoalSerializer
    permission_classes = [permissions.AllowAny]
    queryset = SdgGoal.objects.order_by("number")
    lookup_field = "number"
    lookup_value_regex = "[0-9]+"


@extend_schema_view(list=extend_schema(parameters=[SdgTargetFilterSerializer]))
class SdgTargetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The targets of the goals, such as 8.9, with their texts by language. Public."""

    serializer_class = SdgTargetSerializer
    permission_classes = [permissions.AllowAny]
    queryset = SdgTarget.objects.none()
    filter_serializer_class = SdgTargetFilterSerializer
    lookup_field = "code"
    lookup_value_regex = r"[0-9]+\.[0-9a-z]+"

    def visible(self) -> QuerySet[SdgTarget]:
        return SdgTarget.objects.select_related("goal")


# Indicators, links, targets -----------------------------------------------------------


@extend_schema_view(list=extend_schema(parameters=[IndicatorFilterSerializer]))
class IndicatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Indicators: the region's for its staff, and those that published goals use."""

    serializer_class = IndicatorOutputSerializer
    queryset = Indicator.objects.none()
    filter_serializer_class = IndicatorFilterSerializer

    def visible(self) -> QuerySet[Indicator]:
        return visible_indicators(self.request.user).select_related("region")

    @extend_schema(
        request=IndicatorCreateInputSerializer,
        responses={201: IndicatorOutputSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Define an indicator of a region (strategist or region administrator)."""
        data = self.read_input(IndicatorCreateInputSerializer)
        region = data.pop("region")
        indicator = services.indicator_create(
            region=region, by=actor(request), data=data
        )
        return self.output(indicator, status.HTTP_201_CREATED)

    @extend_schema(
        request=IndicatorInputSerializer, responses=IndicatorOutputSerializer
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        indicator = self.get_object()
        data = self.read_input(IndicatorInputSerializer, partial=True)
        indicator = services.indicator_update(
            indicator=indicator, by=actor(request), data=data
        )
        return self.output(indicator)


@extend_schema_view(list=extend_schema(parameters=[GoalIndicatorFilterSerializer]))
class GoalIndicatorViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """The indicators that measure goals, with their baselines."""

    serializer_class = GoalIndicatorOutputSerializer
    queryset = GoalIndicator.objects.none()
    filter_serializer_class = GoalIndicatorFilterSerializer

    def visible(self) -> QuerySet[GoalIndicator]:
        return visible_goal_indicators(self.request.user).select_related("indicator")

    @extend_schema(
        request=GoalIndicatorCreateInputSerializer,
        responses={201: GoalIndicatorOutputSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Let an indicator measure a goal, with an optional baseline."""
        data = self.read_input(GoalIndicatorCreateInputSerializer)
        goal, indicator = data.pop("goal"), data.pop("indicator")
        link = services.goal_indicator_add(
            goal=goal, indicator=indicator, by=actor(request), data=data
        )
        return self.output(link, status.HTTP_201_CREATED)

    @extend_schema(
        request=GoalIndicatorInputSerializer, responses=GoalIndicatorOutputSerializer
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the baseline or the order."""
        link = self.get_object()
        data = self.read_input(GoalIndicatorInputSerializer, partial=True)
        link = services.goal_indicator_update(link=link, by=actor(request), data=data)
        return self.output(link)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Stop measuring the goal with the indicator (its targets go with it)."""
        services.goal_indicator_remove(link=self.get_object(), by=actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(list=extend_schema(parameters=[TargetFilterSerializer]))
class TargetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Target values by year, with their history: a revised target is kept with the
    time it was superseded (`is_current` false)."""

    serializer_class = TargetOutputSerializer
    queryset = IndicatorTarget.objects.none()
    filter_serializer_class = TargetFilterSerializer
    region_field = "goal_indicator__region_id"

    def visible(self) -> QuerySet[IndicatorTarget]:
        return IndicatorTarget.objects.filter(
            goal_indicator__goal__strategy__in=policies.strategies_visible_to(
                self.request.user
            )
        )

    @extend_schema(
        request=TargetInputSerializer, responses={201: TargetOutputSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Set the target for a year; a different value supersedes the current one.
        The year must lie in the strategy's period."""
        data = self.read_input(TargetInputSerializer)
        target = services.target_set(
            link=data["goal_indicator"],
            by=actor(request),
            year=data["year"],
            value=data["value"],
            reason=data.get("reason", ""),
        )
        return self.output(target, status.HTTP_201_CREATED)


# Observations -------------------------------------------------------------------------


def _row(data: dict[str, Any]) -> services.ObservationRow:
    return services.ObservationRow(
        year=data["year"],
        value=data["value"],
        area_level=data["area_level"],
        country_code=data["country"].upper(),
        area_code=data.get("area", ""),
        period=data.get("period", ""),
        sex=data.get("sex", ""),
        age_group=data.get("age_group", ""),
        note=data.get("note", ""),
    )


@extend_schema_view(list=extend_schema(parameters=[ObservationFilterSerializer]))
class ObservationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """The values of the indicators' time series."""

    serializer_class = ObservationOutputSerializer
    queryset = Observation.objects.none()
    filter_serializer_class = ObservationFilterSerializer

    def visible(self) -> QuerySet[Observation]:
        return policies.observations_visible_to(self.request.user).select_related(
            "country", "county", "municipality"
        )

    @extend_schema(
        request=ObservationInputSerializer,
        responses={200: ObservationOutputSerializer, 201: ObservationOutputSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Write one value: 201 when new, 200 when it replaced the value for the same
        period, area and group."""
        data = self.read_input(ObservationInputSerializer)
        indicator = data.pop("indicator")
        row = _row(data)
        counts = services.observations_write(
            indicator=indicator, by=actor(request), rows=[row]
        )
        lookup: dict[str, Any] = {
            "year": row.year,
            "period": row.period,
            "area_level": row.area_level,
            "country__code": row.country_code,
            "sex": row.sex,
            "age_group": row.age_group,
        }
        if row.area_level == GeographyLevel.COUNTY:
            lookup["county__code"] = row.area_code
        elif row.area_level == GeographyLevel.MUNICIPALITY:
            lookup["municipality__code"] = row.area_code
        observation = indicator.observations.select_related(
            "country", "county", "municipality"
        ).get(**lookup)
        code = status.HTTP_201_CREATED if counts["created"] else status.HTTP_200_OK
        return self.output(observation, code)

    @extend_schema(
        request=ObservationBulkInputSerializer, responses=ObservationCountsSerializer
    )
    @action(detail=False, methods=["post"])
    def bulk(self, request: Request) -> Response:
        """Write many values of one indicator, all or nothing: an unknown area refuses
        the whole batch, naming the row (1 first)."""
        serializer = ObservationBulkInputSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        if not serializer.is_valid():
            # Rows are numbered from 1, as in the services' messages.
            errors = dict(serializer.errors)
            if isinstance(errors.get("rows"), dict):
                errors["rows"] = {
                    str(int(index) + 1): error
                    for index, error in errors["rows"].items()
                }
            raise exceptions.ValidationError(errors)
        data = serializer.validated_data
        counts = services.observations_write(
            indicator=data["indicator"],
            by=actor(request),
            rows=[_row(row) for row in data["rows"]],
        )
        return Response(ObservationCountsSerializer(counts).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Remove one value entered by mistake."""
        services.observation_delete(observation=self.get_object(), by=actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# Goal interactions --------------------------------------------------------------------


@extend_schema_view(list=extend_schema(parameters=[InteractionFilterSerializer]))
class InteractionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """How progress on one goal affects another (−3 cancelling … +3 indivisible)."""

    serializer_class = InteractionOutputSerializer
    queryset = GoalInteraction.objects.none()
    filter_serializer_class = InteractionFilterSerializer

    def visible(self) -> QuerySet[GoalInteraction]:
        return GoalInteraction.objects.filter(
            strategy__in=policies.strategies_visible_to(self.request.user)
        )

    @extend_schema(
        request=InteractionInputSerializer,
        responses={200: InteractionOutputSerializer, 201: InteractionOutputSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record how progress on `from_goal` affects `to_goal`, or revise it: 201 when
        new, 200 when the pair was already assessed."""
        data = self.read_input(InteractionInputSerializer)
        from_goal, to_goal = data["from_goal"], data["to_goal"]
        existed = GoalInteraction.objects.filter(
            from_goal=from_goal, to_goal=to_goal
        ).exists()
        interaction = services.interaction_set(
            strategy=from_goal.strategy,
            by=actor(request),
            from_goal=from_goal,
            to_goal=to_goal,
            score=data["score"],
            justification=data["justification"],
            source=data.get("source", ""),
        )
        return self.output(
            interaction, status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        )

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.interaction_remove(interaction=self.get_object(), by=actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

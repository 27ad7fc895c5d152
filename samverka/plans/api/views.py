"""The action plans API: plans and their activities, with the activities' goal links.

Adopted and archived plans are public; staff of a region read its drafts too; the
region's strategists and administrators change them, through the services. Objects
outside the user's scope are 404; a save based on an older revision is 409 Conflict.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
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
from samverka.plans import policies, services
from samverka.plans.api.serializers import (
    ActionPlanCreateInputSerializer,
    ActionPlanFilterSerializer,
    ActionPlanOutputSerializer,
    ActionPlanUpdateInputSerializer,
    ActivityCreateInputSerializer,
    ActivityFilterSerializer,
    ActivityGoalInputSerializer,
    ActivityOutputSerializer,
    ActivityUpdateInputSerializer,
)
from samverka.plans.models import ActionPlan, Activity, ActivityGoal


@extend_schema_view(list=extend_schema(parameters=[ActionPlanFilterSerializer]))
class ActionPlanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """Action plans: adopted and archived ones for everyone, drafts for the region's
    staff."""

    serializer_class = ActionPlanOutputSerializer
    queryset = ActionPlan.objects.none()  # for the schema; requests use the policy
    filter_serializer_class = ActionPlanFilterSerializer

    def visible(self) -> QuerySet[ActionPlan]:
        return policies.plans_visible_to(self.request.user).select_related("region")

    @extend_schema(
        request=ActionPlanCreateInputSerializer,
        responses={201: ActionPlanOutputSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start an action plan as a draft (strategist or region administrator)."""
        data = self.read_input(ActionPlanCreateInputSerializer)
        region = data.pop("region")
        plan = services.action_plan_create(region=region, by=actor(request), data=data)
        return self.output(plan, status.HTTP_201_CREATED)

    @extend_schema(
        request=ActionPlanUpdateInputSerializer,
        responses={200: ActionPlanOutputSerializer, 409: CONFLICT_RESPONSE},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a plan; send the `revision` you read."""
        plan = self.get_object()
        data = self.read_input(ActionPlanUpdateInputSerializer, partial=True)
        revision = data.pop("revision", None)
        with conflict_on_stale_edit():
            plan = services.action_plan_update(
                plan=plan, by=actor(request), data=data, revision=revision
            )
        return self.output(plan)

    @extend_schema(request=AdoptInputSerializer, responses=ActionPlanOutputSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request: Request, pk: str | None = None) -> Response:
        """Record the draft plan's adoption; it becomes public."""
        plan = self.get_object()
        data = self.read_input(AdoptInputSerializer)
        plan = services.action_plan_adopt(
            plan=plan,
            by=actor(request),
            adopted_on=data["adopted_on"],
            decision_reference=data.get("decision_reference", ""),
        )
        return self.output(plan)

    @extend_schema(request=None, responses=ActionPlanOutputSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request: Request, pk: str | None = None) -> Response:
        """Mark an adopted plan whose period is over as archived (it stays public)."""
        plan = services.action_plan_archive(plan=self.get_object(), by=actor(request))
        return self.output(plan)


@extend_schema_view(list=extend_schema(parameters=[ActivityFilterSerializer]))
class ActivityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The activities (or investment objects) of the plans the user may see."""

    serializer_class = ActivityOutputSerializer
    queryset = Activity.objects.none()  # for the schema; requests use the policy
    filter_serializer_class = ActivityFilterSerializer

    def visible(self) -> QuerySet[Activity]:
        return (
            policies.activities_visible_to(self.request.user)
            .select_related("region")
            .prefetch_related(
                "partners",
                Prefetch(
                    "goal_links", queryset=ActivityGoal.objects.select_related("goal")
                ),
            )
        )

    @extend_schema(
        request=ActivityCreateInputSerializer,
        responses={201: ActivityOutputSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Add an activity to a plan, last unless `order` is given."""
        data = self.read_input(ActivityCreateInputSerializer)
        plan = data.pop("action_plan")
        activity = services.activity_create(plan=plan, by=actor(request), data=data)
        return self.output(activity, status.HTTP_201_CREATED)

    @extend_schema(
        request=ActivityUpdateInputSerializer,
        responses={200: ActivityOutputSerializer, 409: CONFLICT_RESPONSE},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change an activity; send the `revision` you read."""
        activity = self.get_object()
        data = self.read_input(ActivityUpdateInputSerializer, partial=True)
        revision = data.pop("revision", None)
        with conflict_on_stale_edit():
            activity = services.activity_update(
                activity=activity, by=actor(request), data=data, revision=revision
            )
        return self.output(activity)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.activity_delete(activity=self.get_object(), by=actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=ActivityGoalInputSerializer, responses=ActivityOutputSerializer
    )
    @action(detail=True, methods=["post"])
    def goals(self, request: Request, pk: str | None = None) -> Response:
        """Link the activity to a goal it serves, or change the link's relevance."""
        activity = self.get_object()
        data = self.read_input(ActivityGoalInputSerializer)
        services.activity_goal_set(
            activity=activity,
            goal=data["goal"],
            by=actor(request),
            weight=data["weight"],
        )
        return self.output(self.get_object())

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "goal_id",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description="The id of the linked goal.",
            )
        ],
        request=None,
        responses={204: None},
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"goals/(?P<goal_id>[0-9]+)",
        url_name="goal-remove",
    )
    def remove_goal(
        self, request: Request, pk: str | None = None, goal_id: str | None = None
    ) -> Response:
        """Remove the activity's link to a goal."""
        activity = self.get_object()
        link = get_object_or_404(ActivityGoal, activity=activity, goal_id=goal_id)
        services.activity_goal_remove(link=link, by=actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

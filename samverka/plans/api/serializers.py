"""Input and output shapes of the action plans API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.accounts.api.scoped import (
    ListFilterSerializer,
    ScopedPrimaryKeyRelatedField,
    revision_field,
    translations_field,
)
from samverka.actors.models import Organisation
from samverka.actors.policies import organisations_visible_to
from samverka.core.choices import Currency
from samverka.core.models import Region
from samverka.plans import policies
from samverka.plans.choices import FundingType, PlanStatus, Relevance, Theme
from samverka.plans.models import ActionPlan, Activity, ActivityGoal
from samverka.plans.services import ACTIVITY_FIELDS, PLAN_FIELDS
from samverka.strategy.api.serializers import visible_goals
from samverka.strategy.models import Goal, Strategy
from samverka.strategy.policies import strategies_visible_to


def _organisations(user: Any) -> QuerySet[Organisation]:
    return organisations_visible_to(user)


# Action plans -------------------------------------------------------------------------

_PLAN_WRITABLE = [name for name in PLAN_FIELDS if name != "translations"]


class ActionPlanOutputSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    translations = translations_field(read_only=True)

    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "region",
            *PLAN_FIELDS,
            "status",
            "adopted_on",
            "revision",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ActionPlanInputSerializer(serializers.ModelSerializer):
    """The plan's texts, theme and period; the service validates the whole."""

    strategy = ScopedPrimaryKeyRelatedField(
        scope=strategies_visible_to,
        queryset=Strategy.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The strategy the plan carries out (of the same region)."),
    )
    translations = translations_field()

    class Meta:
        model = ActionPlan
        fields = [*_PLAN_WRITABLE, "translations"]
        validators: list[object] = []


class ActionPlanCreateInputSerializer(ActionPlanInputSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Region.objects.filter(is_active=True),
        help_text=_("The slug of the region, for example vasternorrland."),
    )

    class Meta(ActionPlanInputSerializer.Meta):
        fields = ["region", *ActionPlanInputSerializer.Meta.fields]


class ActionPlanUpdateInputSerializer(ActionPlanInputSerializer):
    revision = revision_field()

    class Meta(ActionPlanInputSerializer.Meta):
        fields = [*ActionPlanInputSerializer.Meta.fields, "revision"]


class ActionPlanFilterSerializer(ListFilterSerializer):
    lookups = {"region": "region__slug", "status": "status", "theme": "theme"}

    region = serializers.CharField(
        required=False, help_text=_("Only this region (its slug).")
    )
    status = serializers.ChoiceField(choices=PlanStatus.choices, required=False)
    theme = serializers.ChoiceField(choices=Theme.choices, required=False)


# Activities ---------------------------------------------------------------------------

_ACTIVITY_WRITABLE = [
    name for name in ACTIVITY_FIELDS if name not in ("translations", "funding_types")
]


def funding_types_field(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=FundingType.choices),
        help_text=_("The kinds of funding the activity means to draw on."),
        **kwargs,
    )


class ActivityGoalSerializer(serializers.ModelSerializer):
    goal_title = serializers.CharField(source="goal.title", read_only=True)

    class Meta:
        model = ActivityGoal
        fields = ["goal", "goal_title", "weight"]
        read_only_fields = fields


class ActivityOutputSerializer(serializers.ModelSerializer):
    translations = translations_field(read_only=True)
    funding_types = funding_types_field(read_only=True)
    partners: serializers.PrimaryKeyRelatedField[Organisation] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )
    currency = serializers.ChoiceField(
        choices=Currency.choices,
        source="region.currency",
        read_only=True,
        help_text=_("The region's currency, the unit of `estimated_budget`."),
    )
    goals = ActivityGoalSerializer(source="goal_links", many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "action_plan",
            *ACTIVITY_FIELDS,
            "currency",
            "order",
            "partners",
            "goals",
            "revision",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ActivityInputSerializer(serializers.ModelSerializer):
    responsible = ScopedPrimaryKeyRelatedField(
        scope=_organisations,
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The id of the responsible organisation (of the same region)."),
    )
    partners = ScopedPrimaryKeyRelatedField(
        scope=_organisations,
        queryset=Organisation.objects.all(),
        many=True,
        required=False,
        help_text=_("The ids of the partner organisations (of the same region)."),
    )
    funding_types = funding_types_field(required=False)
    translations = translations_field()

    class Meta:
        model = Activity
        fields = [*_ACTIVITY_WRITABLE, "funding_types", "translations", "partners"]
        extra_kwargs = {
            "estimated_budget": {
                "help_text": _(
                    "In minor units (öre, øre, cent) of the region's currency."
                )
            }
        }
        validators: list[object] = []


class ActivityCreateInputSerializer(ActivityInputSerializer):
    action_plan = ScopedPrimaryKeyRelatedField(
        scope=policies.plans_visible_to, queryset=ActionPlan.objects.all()
    )
    order = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text=_("The place in the plan; last when left out."),
    )

    class Meta(ActivityInputSerializer.Meta):
        fields = ["action_plan", *ActivityInputSerializer.Meta.fields, "order"]


class ActivityUpdateInputSerializer(ActivityInputSerializer):
    revision = revision_field()

    class Meta(ActivityInputSerializer.Meta):
        fields = [*ActivityInputSerializer.Meta.fields, "revision"]


class ActivityGoalInputSerializer(serializers.Serializer):
    goal = ScopedPrimaryKeyRelatedField(
        scope=visible_goals, queryset=Goal.objects.all()
    )
    weight = serializers.ChoiceField(
        choices=Relevance.choices,
        default=Relevance.SUBSTANTIAL,
        help_text=_("How much the activity serves the goal: 1, 2 or 3."),
    )


class ActivityFilterSerializer(ListFilterSerializer):
    lookups = {"action_plan": "action_plan_id"}

    action_plan = serializers.IntegerField(
        required=False, help_text=_("Only the activities of this plan.")
    )

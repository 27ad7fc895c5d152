"""Input and output shapes of the strategy API.

Output serializers are read only; input serializers validate the shape of a request and
the services validate the whole (periods, the goal tree, regions). Related objects are
chosen by id among those the user may see, so an id of an object out of scope reads as
one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samverka.accounts.api.scoped import (
    ListFilterSerializer,
    ScopedPrimaryKeyRelatedField,
    revision_field,
    translations_field,
)
from samverka.core.models import Region
from samverka.strategy import policies
from samverka.strategy.choices import (
    GeographyLevel,
    GoalKind,
    Sex,
    StrategyLevel,
    StrategyStatus,
)
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
from samverka.strategy.selectors import GoalNode
from samverka.strategy.services import GOAL_FIELDS, INDICATOR_FIELDS, STRATEGY_FIELDS


def visible_goals(user: Any) -> QuerySet[Goal]:
    return Goal.objects.filter(strategy__in=policies.strategies_visible_to(user))


def visible_goal_indicators(user: Any) -> QuerySet[GoalIndicator]:
    return GoalIndicator.objects.filter(
        goal__strategy__in=policies.strategies_visible_to(user)
    )


def visible_indicators(user: Any) -> QuerySet[Indicator]:
    return policies.indicators_visible_to(user)


# Strategies ---------------------------------------------------------------------------

_STRATEGY_WRITABLE = [name for name in STRATEGY_FIELDS if name != "translations"]


class StrategyOutputSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    translations = translations_field(read_only=True)
    serves: serializers.PrimaryKeyRelatedField[Strategy] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )

    class Meta:
        model = Strategy
        fields = [
            "id",
            "region",
            *STRATEGY_FIELDS,
            "version",
            "previous_version",
            "status",
            "adopted_on",
            "serves",
            "revision",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class StrategyInputSerializer(serializers.ModelSerializer):
    """The texts, period and owner of a strategy; the service validates the whole."""

    translations = translations_field()
    serves = ScopedPrimaryKeyRelatedField(
        scope=policies.strategies_visible_to,
        queryset=Strategy.objects.all(),
        many=True,
        required=False,
        help_text=_("Ids of the higher-level strategies this strategy contributes to."),
    )

    class Meta:
        model = Strategy
        fields = [*_STRATEGY_WRITABLE, "translations", "serves"]
        validators: list[object] = []


class StrategyCreateInputSerializer(StrategyInputSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Region.objects.filter(is_active=True),
        allow_null=True,
        required=False,
        help_text=_(
            "The slug of the region, for example vasternorrland; empty for a strategy "
            "above the regions (platform administrators)."
        ),
    )

    class Meta(StrategyInputSerializer.Meta):
        fields = ["region", *StrategyInputSerializer.Meta.fields]


class StrategyUpdateInputSerializer(StrategyInputSerializer):
    revision = revision_field()

    class Meta(StrategyInputSerializer.Meta):
        fields = [*StrategyInputSerializer.Meta.fields, "revision"]


class StrategyNewVersionInputSerializer(serializers.ModelSerializer):
    """What the new version changes at once; everything else is copied."""

    translations = translations_field()

    class Meta:
        model = Strategy
        fields = [
            "title",
            "short_name",
            "summary",
            "start_year",
            "end_year",
            "owner",
            "translations",
        ]
        extra_kwargs = {name: {"required": False} for name in fields}
        validators: list[object] = []


# Goals --------------------------------------------------------------------------------


class GoalOutputSerializer(serializers.ModelSerializer):
    translations = translations_field(read_only=True)
    sdg_goals: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True
    )
    sdg_targets: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = Goal
        fields = [
            "id",
            "strategy",
            "parent",
            *GOAL_FIELDS,
            "order",
            "sdg_goals",
            "sdg_targets",
            "copied_from",
            "revision",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


_GOAL_WRITABLE = [name for name in GOAL_FIELDS if name != "translations"]


class GoalInputSerializer(serializers.ModelSerializer):
    parent = ScopedPrimaryKeyRelatedField(  # type: ignore[assignment]
        scope=visible_goals,
        queryset=Goal.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The goal above this one; empty at the top of the tree."),
    )
    translations = translations_field()
    sdg_goals: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="number",
        queryset=SdgGoal.objects.all(),
        many=True,
        required=False,
        help_text=_("The numbers of the Sustainable Development Goals, 1–17."),
    )
    sdg_targets: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SdgTarget.objects.all(),
        many=True,
        required=False,
        help_text=_("The codes of SDG targets, for example 8.9."),
    )

    class Meta:
        model = Goal
        fields = ["parent", *_GOAL_WRITABLE, "translations", "sdg_goals", "sdg_targets"]
        validators: list[object] = []


class GoalCreateInputSerializer(GoalInputSerializer):
    strategy = ScopedPrimaryKeyRelatedField(
        scope=policies.strategies_visible_to, queryset=Strategy.objects.all()
    )
    order = serializers.IntegerField(
        min_value=0,
        required=False,
        help_text=_("The place among its siblings; last when left out."),
    )

    class Meta(GoalInputSerializer.Meta):
        fields = ["strategy", *GoalInputSerializer.Meta.fields, "order"]


class GoalUpdateInputSerializer(GoalInputSerializer):
    revision = revision_field()

    class Meta(GoalInputSerializer.Meta):
        fields = [*GoalInputSerializer.Meta.fields, "revision"]


class GoalMoveInputSerializer(serializers.Serializer):
    parent = ScopedPrimaryKeyRelatedField(  # type: ignore[assignment]
        scope=visible_goals,
        queryset=Goal.objects.all(),
        allow_null=True,
        required=False,
        default=None,
        help_text=_("The new parent goal; empty for the top level."),
    )
    position = serializers.IntegerField(
        min_value=0, help_text=_("The place among the new siblings, 0 first.")
    )


class GoalTreeNodeSerializer(serializers.Serializer):
    """A goal of the tree with its sub-goals (`children`, in order)."""

    id = serializers.IntegerField(source="goal.pk", read_only=True)
    kind = serializers.ChoiceField(
        choices=GoalKind.choices, source="goal.kind", read_only=True
    )
    code = serializers.CharField(source="goal.code", read_only=True)
    title = serializers.CharField(source="goal.title", read_only=True)
    description = serializers.CharField(source="goal.description", read_only=True)
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField()),
        source="goal.translations",
        read_only=True,
    )
    order = serializers.IntegerField(source="goal.order", read_only=True)
    sdg_goals = serializers.SerializerMethodField()
    sdg_targets = serializers.SerializerMethodField()
    revision = serializers.IntegerField(source="goal.revision", read_only=True)
    depth = serializers.IntegerField(read_only=True, help_text=_("0 at the top."))

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_sdg_goals(self, node: GoalNode) -> list[int]:
        return [sdg.number for sdg in node.goal.sdg_goals.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_sdg_targets(self, node: GoalNode) -> list[str]:
        return [target.code for target in node.goal.sdg_targets.all()]


# A node's children are nodes: declared after the class so that it can name itself.
GoalTreeNodeSerializer._declared_fields["children"] = GoalTreeNodeSerializer(
    many=True, read_only=True
)


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class GoalSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()


class GoalChangeSerializer(serializers.Serializer):
    old_id = serializers.IntegerField(help_text=_("The goal in the older version."))
    new_id = serializers.IntegerField(help_text=_("The goal in the newer version."))
    code = serializers.CharField()
    title = serializers.CharField()
    changes = FieldChangeSerializer(many=True)


class StrategyDiffSerializer(serializers.Serializer):
    """What changed from the older of two versions to the newer."""

    old = serializers.IntegerField(help_text=_("The id of the older version."))
    new = serializers.IntegerField(help_text=_("The id of the newer version."))
    changes = FieldChangeSerializer(
        many=True, help_text=_("Changes to the strategy's own fields.")
    )
    goals_added = GoalSummarySerializer(many=True)
    goals_removed = GoalSummarySerializer(many=True)
    goals_changed = GoalChangeSerializer(many=True)


# The Sustainable Development Goals ----------------------------------------------------


class SdgGoalSerializer(serializers.ModelSerializer):
    titles = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_("The short title by language code."),
    )
    descriptions = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_("The full title by language code."),
    )

    class Meta:
        model = SdgGoal
        fields = ["number", "colour", "titles", "descriptions"]
        read_only_fields = fields


class SdgTargetSerializer(serializers.ModelSerializer):
    goal: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="number", read_only=True
    )
    texts = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_("The target's text by language code."),
    )

    class Meta:
        model = SdgTarget
        fields = ["code", "goal", "order", "texts"]
        read_only_fields = fields


# Indicators, links, targets -----------------------------------------------------------

_INDICATOR_WRITABLE = [name for name in INDICATOR_FIELDS if name != "translations"]


class IndicatorOutputSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    translations = translations_field(read_only=True)

    class Meta:
        model = Indicator
        fields = ["id", "region", *INDICATOR_FIELDS, "created_at", "updated_at"]
        read_only_fields = fields


class IndicatorInputSerializer(serializers.ModelSerializer):
    translations = translations_field()

    class Meta:
        model = Indicator
        fields = [*_INDICATOR_WRITABLE, "translations"]
        validators: list[object] = []


class IndicatorCreateInputSerializer(IndicatorInputSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Region.objects.filter(is_active=True),
        help_text=_("The slug of the region, for example vasternorrland."),
    )

    class Meta(IndicatorInputSerializer.Meta):
        fields = ["region", *IndicatorInputSerializer.Meta.fields]


class GoalIndicatorOutputSerializer(serializers.ModelSerializer):
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = GoalIndicator
        fields = [
            "id",
            "goal",
            "indicator",
            "indicator_name",
            "baseline_value",
            "baseline_year",
            "order",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class GoalIndicatorInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoalIndicator
        fields = ["baseline_value", "baseline_year", "order"]
        validators: list[object] = []


class GoalIndicatorCreateInputSerializer(GoalIndicatorInputSerializer):
    goal = ScopedPrimaryKeyRelatedField(
        scope=visible_goals, queryset=Goal.objects.all()
    )
    indicator = ScopedPrimaryKeyRelatedField(
        scope=visible_indicators, queryset=Indicator.objects.all()
    )

    class Meta(GoalIndicatorInputSerializer.Meta):
        fields = ["goal", "indicator", *GoalIndicatorInputSerializer.Meta.fields]


class TargetOutputSerializer(serializers.ModelSerializer):
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = IndicatorTarget
        fields = [
            "id",
            "goal_indicator",
            "year",
            "value",
            "reason",
            "is_current",
            "superseded_at",
            "created_at",
        ]
        read_only_fields = fields


class TargetInputSerializer(serializers.ModelSerializer):
    goal_indicator = ScopedPrimaryKeyRelatedField(
        scope=visible_goal_indicators, queryset=GoalIndicator.objects.all()
    )

    class Meta:
        model = IndicatorTarget
        fields = ["goal_indicator", "year", "value", "reason"]
        validators: list[object] = []


# Observations -------------------------------------------------------------------------


class ObservationOutputSerializer(serializers.ModelSerializer):
    area_name = serializers.SerializerMethodField()

    class Meta:
        model = Observation
        fields = [
            "id",
            "indicator",
            "year",
            "period",
            "area_level",
            "area_code",
            "area_name",
            "sex",
            "age_group",
            "value",
            "is_demo",
            "note",
            "imported_by",
            "updated_at",
        ]
        read_only_fields = fields

    def get_area_name(self, obj: Observation) -> str:
        return str(obj.area.name)


class ObservationRowSerializer(serializers.Serializer):
    """One value, with its area given by level, country and national code."""

    year = serializers.IntegerField(min_value=1900, max_value=2200)
    period = serializers.CharField(
        max_length=10,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Empty for a whole year; 2025K1 or 2025M01 for a quarter or month."
        ),
    )
    area_level = serializers.ChoiceField(choices=GeographyLevel.choices)
    country = serializers.CharField(
        max_length=2, help_text=_("The country code, for example SE or DK.")
    )
    area = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "The national code of the county or municipality, for example 22 or 2281; "
            "empty at country level."
        ),
    )
    sex = serializers.ChoiceField(
        choices=Sex.choices, required=False, allow_blank=True, default=Sex.TOTAL
    )
    age_group = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default=""
    )
    value = serializers.DecimalField(max_digits=20, decimal_places=6)
    note = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )


class ObservationInputSerializer(ObservationRowSerializer):
    indicator = ScopedPrimaryKeyRelatedField(
        scope=visible_indicators, queryset=Indicator.objects.all()
    )


class ObservationBulkInputSerializer(serializers.Serializer):
    indicator = ScopedPrimaryKeyRelatedField(
        scope=visible_indicators, queryset=Indicator.objects.all()
    )
    rows = ObservationRowSerializer(  # type: ignore[call-arg]
        many=True, allow_empty=False, max_length=10000
    )


class ObservationCountsSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()


# Goal interactions --------------------------------------------------------------------


class InteractionOutputSerializer(serializers.ModelSerializer):
    is_conflict = serializers.BooleanField(read_only=True)

    class Meta:
        model = GoalInteraction
        fields = [
            "id",
            "strategy",
            "from_goal",
            "to_goal",
            "score",
            "is_conflict",
            "justification",
            "source",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class InteractionInputSerializer(serializers.ModelSerializer):
    from_goal = ScopedPrimaryKeyRelatedField(
        scope=visible_goals, queryset=Goal.objects.all()
    )
    to_goal = ScopedPrimaryKeyRelatedField(
        scope=visible_goals, queryset=Goal.objects.all()
    )

    class Meta:
        model = GoalInteraction
        fields = ["from_goal", "to_goal", "score", "justification", "source"]
        validators: list[object] = []


# Query parameters of the lists ---------------------------------------------------------


class StrategyFilterSerializer(ListFilterSerializer):
    lookups = {"region": "region__slug", "status": "status", "level": "level"}

    region = serializers.CharField(
        required=False, help_text=_("Only this region (its slug).")
    )
    status = serializers.ChoiceField(choices=StrategyStatus.choices, required=False)
    level = serializers.ChoiceField(choices=StrategyLevel.choices, required=False)


class GoalFilterSerializer(ListFilterSerializer):
    lookups = {"strategy": "strategy_id"}

    strategy = serializers.IntegerField(
        required=False, help_text=_("Only the goals of this strategy.")
    )


class SdgTargetFilterSerializer(ListFilterSerializer):
    lookups = {"goal": "goal__number"}

    goal = serializers.IntegerField(
        required=False, min_value=1, max_value=17, help_text=_("The goal's number.")
    )


class IndicatorFilterSerializer(ListFilterSerializer):
    lookups = {"region": "region__slug"}

    region = serializers.CharField(
        required=False, help_text=_("Only this region (its slug).")
    )


class GoalIndicatorFilterSerializer(ListFilterSerializer):
    lookups = {"goal": "goal_id", "indicator": "indicator_id"}

    goal = serializers.IntegerField(required=False)
    indicator = serializers.IntegerField(required=False)


class TargetFilterSerializer(ListFilterSerializer):
    lookups = {"goal_indicator": "goal_indicator_id"}

    goal_indicator = serializers.IntegerField(required=False)


class ObservationFilterSerializer(ListFilterSerializer):
    lookups = {"indicator": "indicator_id", "year": "year", "area_code": "area_code"}

    indicator = serializers.IntegerField(required=False)
    year = serializers.IntegerField(required=False)
    area_code = serializers.CharField(
        required=False,
        help_text=_("Country and national code of the area, for example SE-c22."),
    )


class InteractionFilterSerializer(ListFilterSerializer):
    lookups = {"strategy": "strategy_id"}

    strategy = serializers.IntegerField(required=False)

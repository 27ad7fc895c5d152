"""Input and output shapes of the assessments API.

Output serializers are read only. Input serializers check the shape of a request; the
services check the rest (a score within the criterion's scale, a reason for a question
not met, evidence for a negative effect) and their refusals are keyed at the field the
client sent. Amounts are integers in minor units (öre, øre, cent) of the region's
currency, which every answer that holds an amount names.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from samverka.accounts.api.scoped import ScopedPrimaryKeyRelatedField, revision_field
from samverka.accounts.models import User
from samverka.accounts.policies import roles_by_region
from samverka.applications.choices import ApplicationStatus, SustainabilityAspect
from samverka.assessments.choices import (
    AssignmentStatus,
    CheckItem,
    CheckOutcome,
    ConflictHandling,
    ConflictSource,
    ConflictStatus,
    DnshResult,
    Effect,
    RecommendedOutcome,
    SdgDirection,
    TaxonomyObjective,
)
from samverka.assessments.models import (
    Assignment,
    DnshAnswer,
    FormalCheck,
    FormalCheckItem,
    GoalConflict,
    Recommendation,
    Score,
    SdgEffect,
    SustainabilityRating,
)
from samverka.core.choices import Currency
from samverka.funding.api.serializers import CriterionSerializer
from samverka.strategy.api.serializers import visible_goals
from samverka.strategy.models import Goal, SdgTarget

MONEY_MAX = 10**15
YEAR_MIN, YEAR_MAX = 1900, 2200


def money_field(**kwargs: Any) -> serializers.IntegerField:
    """An amount in minor units of the region's currency."""
    kwargs.setdefault("help_text", _("In minor units (öre, øre, cent)."))
    return serializers.IntegerField(min_value=0, max_value=MONEY_MAX, **kwargs)


def currency_field(source: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=Currency.choices,
        source=source,
        read_only=True,
        help_text=_("The unit of the amounts (in minor units)."),
    )


def stored_revision(**kwargs: Any) -> serializers.IntegerField:
    kwargs.setdefault(
        "help_text",
        _(
            "Send it back with a change (in the body or as `If-Match`); a change "
            "based on an older revision is refused and nothing is written."
        ),
    )
    return serializers.IntegerField(
        read_only=True, min_value=1, max_value=2**31 - 1, **kwargs
    )


def percent_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        coerce_to_string=False,
        read_only=True,
        allow_null=True,
        **kwargs,
    )


def _region_staff(user: Any) -> QuerySet[User]:
    """Users holding a role in a region where `user` holds one (the service checks
    that the chosen one may assess in the application's region)."""
    return User.objects.filter(
        is_active=True,
        pk__in=User.objects.filter(
            role_assignments__region_id__in=list(roles_by_region(user))
        ).values("pk"),
    )


def _goals(user: Any) -> QuerySet[Goal]:
    return visible_goals(user)


# Output: an assignment ----------------------------------------------------------------


class ScoreSerializer(serializers.ModelSerializer):
    criterion_name = serializers.CharField(source="criterion.name", read_only=True)
    value = serializers.IntegerField(
        read_only=True, allow_null=True, min_value=-10, max_value=100
    )

    class Meta:
        model = Score
        fields = ["criterion", "criterion_name", "value", "comment"]
        read_only_fields = fields


class AssignmentSerializer(serializers.ModelSerializer):
    """An assessor's task on one application. The scores and the overall comment are
    given to the assessor only (null for anyone else); the whole assessment of an
    application shows them to those who may see them."""

    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    case_number = serializers.CharField(source="application.case_number")
    title = serializers.CharField(source="application.title")
    organisation_name = serializers.CharField(source="application.organisation.name")
    call = serializers.IntegerField(source="application.call_id")
    call_title = serializers.CharField(source="application.call.title")
    application_status = serializers.ChoiceField(
        choices=ApplicationStatus.choices, source="application.status"
    )
    assessor_name = serializers.CharField(source="assessor.full_name")
    status = serializers.ChoiceField(choices=AssignmentStatus.choices)
    revision = stored_revision()
    criteria = CriterionSerializer(
        source="application.call.criteria",
        many=True,
        read_only=True,
        help_text=_("The call's criteria, each on its own scale and with its weight."),
    )
    comment = serializers.SerializerMethodField(
        help_text=_("The overall comment: the assessor's own only, null otherwise.")
    )
    scores = serializers.SerializerMethodField(
        help_text=_("The scores: the assessor's own only, null otherwise.")
    )

    class Meta:
        model = Assignment
        fields = [
            "id",
            "region",
            "application",
            "case_number",
            "title",
            "organisation_name",
            "call",
            "call_title",
            "application_status",
            "assessor",
            "assessor_name",
            "status",
            "declared_at",
            "conflict_description",
            "ended_at",
            "submitted_at",
            "revision",
            "criteria",
            "comment",
            "scores",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _own(self, assignment: Assignment) -> bool:
        request = self.context.get("request")
        return assignment.assessor_id == getattr(
            getattr(request, "user", None), "pk", None
        )

    def get_comment(self, assignment: Assignment) -> str | None:
        return assignment.comment if self._own(assignment) else None

    @extend_schema_field(ScoreSerializer(many=True, allow_null=True))
    def get_scores(self, assignment: Assignment) -> list[dict[str, Any]] | None:
        if not self._own(assignment):
            return None
        return list(ScoreSerializer(assignment.scores.all(), many=True).data)


# Output: the whole assessment ---------------------------------------------------------


class FormalCheckItemSerializer(serializers.ModelSerializer):
    code = serializers.ChoiceField(choices=CheckItem.choices)
    label = serializers.CharField(source="get_code_display")  # type: ignore[assignment]

    class Meta:
        model = FormalCheckItem
        fields = ["code", "label", "passed", "reason"]
        read_only_fields = fields


class FormalCheckSerializer(serializers.ModelSerializer):
    outcome = serializers.ChoiceField(choices=CheckOutcome.choices)
    checked_by_name = serializers.CharField(
        source="checked_by.full_name", allow_null=True
    )
    items = FormalCheckItemSerializer(many=True, read_only=True)
    revision = stored_revision()

    class Meta:
        model = FormalCheck
        fields = [
            "outcome",
            "note",
            "checked_by",
            "checked_by_name",
            "checked_at",
            "items",
            "revision",
        ]
        read_only_fields = fields


class AssessmentAssignmentSerializer(serializers.ModelSerializer):
    """An assignment within the whole assessment: scores and comment when the reader
    may see them (null otherwise)."""

    assessor_name = serializers.CharField(source="assessor.full_name")
    status = serializers.ChoiceField(choices=AssignmentStatus.choices)
    combined_percent = percent_field(
        source="visible_percent",
        help_text=_(
            "This assessor's scores combined by the weights, as a share of the best "
            "possible (0–100); submitted scores only."
        ),
    )
    comment = serializers.CharField(source="visible_comment", allow_null=True)
    scores = ScoreSerializer(
        source="visible_scores", many=True, read_only=True, allow_null=True
    )

    class Meta:
        model = Assignment
        fields = [
            "id",
            "assessor",
            "assessor_name",
            "status",
            "declared_at",
            "conflict_description",
            "ended_at",
            "submitted_at",
            "combined_percent",
            "comment",
            "scores",
        ]
        read_only_fields = fields


class CriterionMeanSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    name = serializers.CharField()
    weight = serializers.IntegerField(min_value=1, max_value=100)
    mean = percent_field(
        help_text=_("The mean of the submitted scores on the criterion's scale.")
    )


class CombinedScoreSerializer(serializers.Serializer):
    percent = percent_field(
        help_text=_(
            "The scores combined by the call's weights, as a share of the best "
            "possible (0–100), averaged over the assessors who have submitted."
        )
    )
    assessors = serializers.IntegerField(
        min_value=0, help_text=_("How many assessors have submitted.")
    )
    per_criterion = CriterionMeanSerializer(many=True)


class SustainabilityRatingSerializer(serializers.ModelSerializer):
    aspect = serializers.ChoiceField(choices=SustainabilityAspect.choices)
    effect = serializers.ChoiceField(choices=Effect.choices)

    class Meta:
        model = SustainabilityRating
        fields = ["aspect", "effect", "evidence"]
        read_only_fields = fields


class DnshAnswerSerializer(serializers.ModelSerializer):
    objective = serializers.ChoiceField(choices=TaxonomyObjective.choices)
    result = serializers.ChoiceField(choices=DnshResult.choices)

    class Meta:
        model = DnshAnswer
        fields = ["objective", "result", "evidence"]
        read_only_fields = fields


class SdgEffectSerializer(serializers.ModelSerializer):
    target: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        help_text=_("The SDG target's code, for example 9.5."),
    )
    direction = serializers.ChoiceField(choices=SdgDirection.choices)

    class Meta:
        model = SdgEffect
        fields = ["target", "direction", "note"]
        read_only_fields = fields


class SustainabilityProfileSerializer(serializers.Serializer):
    """The sustainability assurance; empty until the officer first saves it."""

    summary = serializers.CharField()
    assessed_by = serializers.IntegerField(allow_null=True)
    assessed_by_name = serializers.CharField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    complete = serializers.BooleanField()
    revision = serializers.IntegerField(
        allow_null=True,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("Null until first saved."),
    )
    aspects = serializers.ListField(
        child=serializers.ChoiceField(choices=SustainabilityAspect.choices),
        help_text=_("The aspects assessed in this call."),
    )
    needs_dnsh = serializers.BooleanField(
        help_text=_(
            "An EU fund: the “do no significant harm” check is part of the assurance."
        )
    )
    ratings = SustainabilityRatingSerializer(many=True)
    dnsh = DnshAnswerSerializer(many=True)
    sdg_effects = SdgEffectSerializer(many=True)


class GoalConflictSerializer(serializers.ModelSerializer):
    source = serializers.ChoiceField(choices=ConflictSource.choices)  # type: ignore[assignment]
    status = serializers.ChoiceField(choices=ConflictStatus.choices)
    handling = serializers.ChoiceField(
        choices=ConflictHandling.choices, allow_blank=True
    )
    interaction_score = serializers.IntegerField(
        allow_null=True, min_value=-3, max_value=3
    )
    weighed_by_name = serializers.CharField(
        source="weighed_by.full_name", allow_null=True
    )
    revision = stored_revision()

    class Meta:
        model = GoalConflict
        fields = [
            "id",
            "application",
            "key",
            "source",
            "subject",
            "goal",
            "other_goal",
            "interaction_score",
            "status",
            "description",
            "handling",
            "handling_text",
            "weighed_by",
            "weighed_by_name",
            "weighed_at",
            "revision",
        ]
        read_only_fields = fields


class RecommendationSerializer(serializers.ModelSerializer):
    outcome = serializers.ChoiceField(choices=RecommendedOutcome.choices)
    amount = money_field(read_only=True)
    currency = currency_field("region.currency")
    written_by_name = serializers.CharField(
        source="written_by.full_name", allow_null=True
    )
    revision = stored_revision()

    class Meta:
        model = Recommendation
        fields = [
            "outcome",
            "amount",
            "currency",
            "text",
            "conditions",
            "written_by",
            "written_by_name",
            "written_at",
            "revision",
        ]
        read_only_fields = fields


class AssessmentSerializer(serializers.Serializer):
    """Everything of an application's assessment, for those who lead or decide."""

    application = serializers.IntegerField(source="application.pk")
    case_number = serializers.CharField(source="application.case_number")
    title = serializers.CharField(source="application.title")
    status = serializers.ChoiceField(
        choices=ApplicationStatus.choices, source="application.status"
    )
    organisation_name = serializers.CharField(source="application.organisation.name")
    call = serializers.IntegerField(source="application.call_id")
    amount_requested = money_field(
        source="application.amount_requested", allow_null=True
    )
    currency = currency_field("application.region.currency")
    can_change = serializers.BooleanField(
        help_text=_("Whether the caller may change this assessment now.")
    )
    can_see_scores = serializers.BooleanField(
        help_text=_(
            "Whether the caller sees every assessor's scores (an assessor who has "
            "not submitted their own does not)."
        )
    )
    formal_check = FormalCheckSerializer(allow_null=True)
    assignments = AssessmentAssignmentSerializer(many=True)
    combined = CombinedScoreSerializer(
        allow_null=True, help_text=_("Null when the caller may not see the scores.")
    )
    sustainability = SustainabilityProfileSerializer()
    goal_conflicts = GoalConflictSerializer(many=True)
    recommendation = RecommendationSerializer(allow_null=True)


class AssessmentConflictSerializer(serializers.Serializer):
    """The answer to a change based on an older revision: nothing was written."""

    detail = serializers.CharField()
    code = serializers.CharField(help_text=_("Always stale_edit."))
    revision = serializers.IntegerField(
        allow_null=True, help_text=_("The revision stored now.")
    )
    current = serializers.JSONField(
        help_text=_("The object as it is stored now, as a read returns it.")
    )


# Output: the ranking of a call --------------------------------------------------------


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(min_value=1)
    application = serializers.IntegerField()
    case_number = serializers.CharField()
    title = serializers.CharField()
    organisation_name = serializers.CharField()
    score = percent_field(
        help_text=_("The combined score (0–100); null before any scores are submitted.")
    )
    assessors = serializers.IntegerField(
        min_value=0, help_text=_("How many assessors have submitted.")
    )
    fit_served = serializers.IntegerField(
        min_value=0,
        help_text=_("How many of the call's activities and goals the project serves."),
    )
    fit_asked = serializers.IntegerField(
        min_value=0, help_text=_("How many activities and goals the call names.")
    )
    amount = money_field(
        help_text=_(
            "The recommended amount, else the amount applied for (minor units)."
        )
    )
    cumulative = money_field(help_text=_("The running total down the ranking."))
    within_line = serializers.BooleanField()
    open_conflicts = serializers.IntegerField(
        min_value=0, help_text=_("Proposed goal conflicts not yet weighed.")
    )
    explanation = serializers.CharField()


class RankingFundSerializer(serializers.Serializer):
    fund = serializers.IntegerField()
    name = serializers.CharField()
    amount = money_field()
    committed = money_field()
    left = serializers.IntegerField(help_text=_("The appropriation less commitments."))


class RankingSerializer(serializers.Serializer):
    call = serializers.IntegerField()
    year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    currency = serializers.ChoiceField(choices=Currency.choices)
    available = serializers.IntegerField(
        help_text=_("What is left of the call's own funds' appropriations this year.")
    )
    line = serializers.IntegerField(
        help_text=_("The funding line (minor units): `available` unless moved.")
    )
    total_within = money_field(help_text=_("The sum of the rows within the line."))
    funds = RankingFundSerializer(many=True)
    rows = RankingRowSerializer(many=True)


# Input ----------------------------------------------------------------------------------


class AssignmentFilterSerializer(serializers.Serializer):
    """Query parameters of the list of assignments."""

    status = serializers.ChoiceField(choices=AssignmentStatus.choices, required=False)
    application = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Only this application's.")
    )
    mine = serializers.BooleanField(
        required=False, help_text=_("Only the caller's own assignments.")
    )


class DeclareInputSerializer(serializers.Serializer):
    has_conflict = serializers.BooleanField(
        help_text=_("True when the assessor has a conflict of interest.")
    )
    description = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("What the conflict of interest is (needed with a conflict)."),
    )


class ScoreInputSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(
        min_value=1, help_text=_("The id of one of the call's criteria.")
    )
    value = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_("A whole number on the criterion's scale; null clears the score."),
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ScoresInputSerializer(serializers.Serializer):
    scores = ScoreInputSerializer(
        many=True,
        help_text=_("Criteria left out keep their scores."),
    )
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The overall comment."),
    )
    revision = revision_field()


class RevisionInputSerializer(serializers.Serializer):
    revision = revision_field()


class AssignInputSerializer(serializers.Serializer):
    assessor = ScopedPrimaryKeyRelatedField(
        scope=_region_staff,
        queryset=User.objects.all(),
        help_text=_("An assessor or a case officer of the application's region."),
    )


class FormalCheckAnswerInputSerializer(serializers.Serializer):
    passed = serializers.BooleanField(help_text=_("Whether the requirement is met."))
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Why it is not met (needed then)."),
    )


class FormalCheckInputSerializer(serializers.Serializer):
    items = serializers.DictField(
        child=FormalCheckAnswerInputSerializer(),
        help_text=_(
            "Every question of the check by its code: eligible_applicant, "
            "eligible_area, within_amounts, within_period, financing, complete, "
            "state_aid."
        ),
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    revision = revision_field()

    def validate_items(self, value: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(value) - set(CheckItem.values))
        if unknown:
            raise serializers.ValidationError(
                {
                    code: [_("There is no such question in the check.")]
                    for code in unknown
                }
            )
        return value


class RecommendationInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=RecommendedOutcome.choices)
    amount = money_field(
        required=False,
        default=0,
        help_text=_(
            "In minor units; for a grant above zero and at most the amount applied for."
        ),
    )
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The reasons for the recommendation."),
    )
    conditions = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The proposed conditions (needed for a grant with conditions)."),
    )
    revision = revision_field()


class RatingInputSerializer(serializers.Serializer):
    effect = serializers.ChoiceField(
        choices=Effect.choices,
        allow_blank=True,
        help_text=_("Empty removes the rating."),
    )
    evidence = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Needed for a negative or uncertain effect."),
    )


class DnshInputSerializer(serializers.Serializer):
    result = serializers.ChoiceField(
        choices=DnshResult.choices,
        allow_blank=True,
        help_text=_("Empty removes the answer."),
    )
    evidence = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Justification or evidence (needed unless it supports)."),
    )


class SdgEffectInputSerializer(serializers.Serializer):
    target: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SdgTarget.objects.all(),
        help_text=_("The SDG target's code, for example 9.5."),
    )
    direction = serializers.ChoiceField(choices=SdgDirection.choices)
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The motivation (needed when the project may harm the target)."),
    )


class SustainabilitySaveInputSerializer(serializers.Serializer):
    """The whole assurance: ratings, DNSH answers and SDG effects not sent are
    removed."""

    summary = serializers.CharField(required=False, allow_blank=True, default="")
    ratings = serializers.DictField(
        child=RatingInputSerializer(),
        required=False,
        default=dict,
        help_text=_(
            "By aspect: social, ecological, economic, environment_climate, "
            "gender_equality, equal_opportunities (and sami where the call asks)."
        ),
    )
    dnsh = serializers.DictField(
        child=DnshInputSerializer(),
        required=False,
        default=dict,
        help_text=_(
            "By EU taxonomy objective: climate_mitigation, climate_adaptation, "
            "water, circular, pollution, biodiversity."
        ),
    )
    sdg_effects = SdgEffectInputSerializer(many=True, required=False, default=list)
    complete = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_(
            "Mark the assurance done: then every aspect (and for an EU fund every "
            "objective) must be answered."
        ),
    )
    revision = revision_field()

    def validate_ratings(self, value: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(value) - set(SustainabilityAspect.values))
        if unknown:
            raise serializers.ValidationError(
                {key: [_("There is no such aspect.")] for key in unknown}
            )
        return value

    def validate_dnsh(self, value: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(value) - set(TaxonomyObjective.values))
        if unknown:
            raise serializers.ValidationError(
                {key: [_("Unknown environmental objective.")] for key in unknown}
            )
        return value


class GoalConflictAddInputSerializer(serializers.Serializer):
    subject = serializers.CharField(
        max_length=300,
        allow_blank=True,
        help_text=_("What conflicts with what."),
    )
    goal = ScopedPrimaryKeyRelatedField(
        scope=_goals,
        queryset=Goal.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("The goal the project advances (of the region's strategy)."),
    )
    other_goal = ScopedPrimaryKeyRelatedField(
        scope=_goals,
        queryset=Goal.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("The goal that may suffer."),
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")


class GoalConflictWeighInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=ConflictStatus.choices, help_text=_("Confirmed or dismissed.")
    )
    description = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "The conflict in this project (confirmed), or why it is none (dismissed)."
        ),
    )
    handling = serializers.ChoiceField(
        choices=ConflictHandling.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("How a confirmed conflict is handled."),
    )
    handling_text = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Mitigated: how. A condition: its wording. A trade-off: why it is accepted."
        ),
    )
    revision = revision_field()


class RankingFilterSerializer(serializers.Serializer):
    line = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MONEY_MAX,
        help_text=_(
            "The funding line in minor units; what is left of the appropriations "
            "when left out."
        ),
    )
    year = serializers.IntegerField(
        required=False,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        help_text=_("The appropriation year; this year when left out."),
    )

"""Input and output shapes of the decisions API.

Amounts are integers in minor units (öre, øre, cent) of the region's currency, which
every answer that holds an amount names. Related objects are chosen by id among those
the caller may see, so an id out of scope reads as one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.accounts.api.scoped import ScopedPrimaryKeyRelatedField
from samverka.accounts.models import User
from samverka.accounts.policies import regions_visible_to, roles_by_region
from samverka.applications.models import Application
from samverka.applications.policies import applications_of_staff, reading_regions
from samverka.assessments.api.serializers import (
    MONEY_MAX,
    currency_field,
    money_field,
)
from samverka.assessments.choices import RecommendedOutcome
from samverka.core.models import Region
from samverka.decisions.choices import (
    ConditionKind,
    ConditionStatus,
    MeetingStatus,
    Outcome,
)
from samverka.decisions.models import (
    AgendaItem,
    Committee,
    Condition,
    Decision,
    Meeting,
)
from samverka.funding.choices import DecisionLevel
from samverka.funding.models import DelegationLimit, Fund

# Scopes of related objects ------------------------------------------------------------


def _applications(user: Any) -> QuerySet[Application]:
    return applications_of_staff(user)


def _funds(user: Any) -> QuerySet[Fund]:
    return Fund.objects.filter(region_id__in=list(roles_by_region(user)))


def _agenda_items(user: Any) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(region_id__in=reading_regions(user))


def _committees(user: Any) -> QuerySet[Committee]:
    return Committee.objects.filter(region_id__in=reading_regions(user))


def _region_staff(user: Any) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        pk__in=User.objects.filter(
            role_assignments__region_id__in=list(roles_by_region(user))
        ).values("pk"),
    )


class ScopedRegionField(serializers.SlugRelatedField):
    """A region chosen by its slug among those where the caller holds a role."""

    def get_queryset(self) -> QuerySet[Region]:
        request = self.context.get("request")
        return regions_visible_to(getattr(request, "user", None))


def _optional_money(**kwargs: Any) -> serializers.IntegerField:
    return money_field(required=False, allow_null=True, **kwargs)


# Output ----------------------------------------------------------------------------------


class DecisionConditionSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="decision.application_id")
    case_number = serializers.CharField(source="decision.application.case_number")
    title = serializers.CharField(source="decision.application.title")
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    kind = serializers.ChoiceField(choices=ConditionKind.choices)
    amount = money_field(read_only=True, allow_null=True)
    currency = currency_field("region.currency")
    status = serializers.ChoiceField(choices=ConditionStatus.choices)
    resolved_by_name = serializers.CharField(
        source="resolved_by.full_name", allow_null=True
    )

    class Meta:
        model = Condition
        fields = [
            "id",
            "decision",
            "application",
            "case_number",
            "title",
            "region",
            "kind",
            "text",
            "funder",
            "amount",
            "currency",
            "deadline",
            "status",
            "note",
            "resolved_by",
            "resolved_by_name",
            "resolved_at",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    case_number = serializers.CharField(source="application.case_number")
    title = serializers.CharField(source="application.title")
    organisation_name = serializers.CharField(source="application.organisation.name")
    call = serializers.IntegerField(source="application.call_id")
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    amount = money_field(read_only=True)
    currency = currency_field("region.currency")
    fund = serializers.IntegerField(
        source="appropriation.fund_id",
        allow_null=True,
        help_text=_("The fund a grant is committed against."),
    )
    appropriation_year = serializers.IntegerField(
        source="appropriation.year",
        allow_null=True,
        min_value=1900,
        max_value=2200,
        help_text=_("The year of the appropriation a grant is committed against."),
    )
    level = serializers.ChoiceField(choices=DecisionLevel.choices)
    meeting = serializers.IntegerField(
        source="agenda_item.meeting_id",
        allow_null=True,
        help_text=_("The committee meeting that decided, if a committee did."),
    )
    decided_by_name = serializers.CharField(
        source="decided_by.full_name", allow_null=True
    )
    conditions = DecisionConditionSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "region",
            "application",
            "case_number",
            "title",
            "organisation_name",
            "call",
            "outcome",
            "amount",
            "currency",
            "fund",
            "appropriation_year",
            "start_date",
            "end_date",
            "reasons",
            "level",
            "agenda_item",
            "meeting",
            "decided_by",
            "decided_by_name",
            "decided_at",
            "appeal_allowed",
            "memo",
            "letter",
            "conditions",
        ]
        read_only_fields = fields


class AgendaItemSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="application.case_number")
    title = serializers.CharField(source="application.title")
    organisation_name = serializers.CharField(source="application.organisation.name")
    recommended_outcome = serializers.ChoiceField(
        choices=RecommendedOutcome.choices,
        source="application.recommendation.outcome",
        allow_null=True,
    )
    recommended_amount = money_field(
        source="application.recommendation.amount", read_only=True, allow_null=True
    )
    currency = currency_field("region.currency")
    decision = serializers.IntegerField(
        source="decision.pk", allow_null=True, help_text=_("Null until decided.")
    )
    decided_outcome = serializers.ChoiceField(
        choices=Outcome.choices, source="decision.outcome", allow_null=True
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "number",
            "application",
            "case_number",
            "title",
            "organisation_name",
            "recommended_outcome",
            "recommended_amount",
            "currency",
            "decision",
            "decided_outcome",
            "minutes",
        ]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    committee_name = serializers.CharField(source="committee.name")
    status = serializers.ChoiceField(choices=MeetingStatus.choices)
    secretary_name = serializers.CharField(
        source="secretary.full_name", allow_null=True
    )
    items = AgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "region",
            "committee",
            "committee_name",
            "starts_at",
            "place",
            "status",
            "secretary",
            "secretary_name",
            "items",
        ]
        read_only_fields = fields


class CommitteeSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = Committee
        fields = ["id", "region", "name", "is_active"]
        read_only_fields = fields


class DelegationLimitSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    fund_name = serializers.CharField(source="fund.name", allow_null=True)
    level = serializers.ChoiceField(choices=DecisionLevel.choices)
    max_amount = money_field(
        read_only=True,
        allow_null=True,
        help_text=_("In minor units; null: no upper limit."),
    )
    currency = currency_field("region.currency")

    class Meta:
        model = DelegationLimit
        fields = [
            "id",
            "region",
            "fund",
            "fund_name",
            "level",
            "max_amount",
            "currency",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


# Input -----------------------------------------------------------------------------------


class DecisionFilterSerializer(serializers.Serializer):
    region = serializers.CharField(
        required=False, help_text=_("Only this region (its slug).")
    )
    call = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Only the decisions in this call.")
    )
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)


class DecisionConditionInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=ConditionKind.choices, required=False, default=ConditionKind.GENERAL
    )
    text = serializers.CharField(required=False, allow_blank=True, default="")
    funder = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The other funder (a dependency on another funder)."),
    )
    amount = _optional_money(help_text=_("Their contribution, in minor units."))
    deadline = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=_("The date by which the other funder must have decided."),
    )


class DecisionCreateInputSerializer(serializers.Serializer):
    application = ScopedPrimaryKeyRelatedField(
        scope=_applications, queryset=Application.objects.all()
    )
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    amount = money_field(
        required=False,
        default=0,
        help_text=_(
            "In minor units; a grant only, at most the amount applied for and "
            "within the decider's delegation and what is left of the appropriation."
        ),
    )
    fund = ScopedPrimaryKeyRelatedField(
        scope=_funds,
        queryset=Fund.objects.all(),
        required=False,
        allow_null=True,
        help_text=_(
            "The fund a grant is paid from; the application's (or the call's only "
            "fund) when left out."
        ),
    )
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    reasons = serializers.CharField(required=False, allow_blank=True, default="")
    conditions = DecisionConditionInputSerializer(
        many=True, required=False, default=list
    )
    agenda_item = ScopedPrimaryKeyRelatedField(
        scope=_agenda_items,
        queryset=AgendaItem.objects.all(),
        required=False,
        allow_null=True,
        help_text=_(
            "The agenda item, when this is a committee's decision recorded by its "
            "secretary."
        ),
    )


class ConditionFilterSerializer(serializers.Serializer):
    region = serializers.CharField(
        required=False, help_text=_("Only this region (its slug).")
    )
    status = serializers.ChoiceField(choices=ConditionStatus.choices, required=False)
    application = serializers.IntegerField(required=False, min_value=1)


class ConditionResolveInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=ConditionStatus.choices, help_text=_("Met or lapsed.")
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MeetingFilterSerializer(serializers.Serializer):
    region = serializers.CharField(
        required=False, help_text=_("Only this region (its slug).")
    )
    committee = serializers.IntegerField(required=False, min_value=1)
    status = serializers.ChoiceField(choices=MeetingStatus.choices, required=False)


class MeetingCreateInputSerializer(serializers.Serializer):
    committee = ScopedPrimaryKeyRelatedField(
        scope=_committees, queryset=Committee.objects.all()
    )
    starts_at = serializers.DateTimeField()
    place = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=255
    )
    secretary = ScopedPrimaryKeyRelatedField(
        scope=_region_staff,
        queryset=User.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("A decision maker of the region who records the decisions."),
    )


class AgendaAddInputSerializer(serializers.Serializer):
    application = ScopedPrimaryKeyRelatedField(
        scope=_applications,
        queryset=Application.objects.all(),
        help_text=_("An application in assessment, with its recommendation."),
    )


class DelegationLimitFilterSerializer(serializers.Serializer):
    region = serializers.CharField(
        required=False, help_text=_("Only this region (its slug).")
    )
    fund = serializers.IntegerField(required=False, min_value=1)


class DelegationLimitCreateInputSerializer(serializers.Serializer):
    region = ScopedRegionField(
        slug_field="slug",
        queryset=Region.objects.all(),
        help_text=_("The slug of the region, for example vasternorrland."),
    )
    fund = ScopedPrimaryKeyRelatedField(
        scope=_funds,
        queryset=Fund.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Empty: every fund of the region."),
    )
    level = serializers.ChoiceField(choices=DecisionLevel.choices)
    max_amount = money_field(
        allow_null=True,
        help_text=_("In minor units; null: no upper limit."),
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=300,
        help_text=_("The delegation order the limit comes from."),
    )


class DelegationLimitUpdateInputSerializer(serializers.Serializer):
    max_amount = serializers.IntegerField(
        min_value=0,
        max_value=MONEY_MAX,
        allow_null=True,
        help_text=_("In minor units; null: no upper limit."),
    )
    note = serializers.CharField(allow_blank=True, max_length=300)

"""Input and output shapes of the funds and calls API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from samverka.accounts.api.scoped import (
    ListFilterSerializer,
    ScopedPrimaryKeyRelatedField,
    revision_field,
    translations_field,
)
from samverka.actors.choices import OrganisationType
from samverka.core.choices import Currency
from samverka.core.models import Region
from samverka.funding.choices import CallState, FormSection
from samverka.funding.models import (
    Appropriation,
    Call,
    CallIndicator,
    Criterion,
    Fund,
    RequiredAttachment,
)
from samverka.funding.policies import funds_visible_to
from samverka.funding.services import CALL_FIELDS, FUND_FIELDS
from samverka.geo.models import Municipality
from samverka.plans.models import Activity
from samverka.plans.policies import activities_visible_to
from samverka.strategy.api.serializers import visible_goals
from samverka.strategy.models import Goal

MAX_MONEY = 10**15


def money_field(**kwargs: Any) -> serializers.IntegerField:
    kwargs.setdefault(
        "help_text", _("In minor units (öre, øre, cent) of the currency.")
    )
    return serializers.IntegerField(min_value=0, max_value=MAX_MONEY, **kwargs)


def _percent(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=100, **kwargs)


# Funds --------------------------------------------------------------------------------


class AppropriationSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(min_value=1900, max_value=2200, read_only=True)
    amount = money_field(read_only=True)
    committed = money_field(read_only=True)
    paid = money_field(read_only=True)
    left = serializers.IntegerField(
        read_only=True, help_text=_("The appropriation less what is committed.")
    )

    class Meta:
        model = Appropriation
        fields = ["year", "amount", "committed", "paid", "left"]
        read_only_fields = fields


class FundOutputSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    translations = translations_field(read_only=True)
    max_aid_intensity = _percent(read_only=True)
    appropriations = AppropriationSerializer(many=True, read_only=True)
    revision = serializers.IntegerField(min_value=1, read_only=True)

    class Meta:
        model = Fund
        fields = [
            "id",
            "region",
            *FUND_FIELDS,
            "appropriations",
            "revision",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class FundInputSerializer(serializers.ModelSerializer):
    translations = translations_field()
    max_aid_intensity = _percent(
        required=False,
        help_text=_("The largest share of a project's total cost the fund may pay."),
    )
    currency = serializers.ChoiceField(
        choices=Currency.choices,
        required=False,
        help_text=_("The region's currency when left out."),
    )

    class Meta:
        model = Fund
        fields = list(FUND_FIELDS)
        validators: list[object] = []


class FundCreateInputSerializer(FundInputSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Region.objects.filter(is_active=True),
        help_text=_("The slug of the region, for example vasternorrland."),
    )

    class Meta(FundInputSerializer.Meta):
        fields = ["region", *FundInputSerializer.Meta.fields]


class FundUpdateInputSerializer(FundInputSerializer):
    revision = revision_field()

    class Meta(FundInputSerializer.Meta):
        fields = [*FundInputSerializer.Meta.fields, "revision"]


class AppropriationInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1900, max_value=2200)
    amount = money_field(
        help_text=_(
            "In minor units of the fund's currency; not below what is committed."
        )
    )


class FundFilterSerializer(ListFilterSerializer):
    lookups = {"region": "region__slug", "is_external": "is_external"}

    region = serializers.CharField(
        required=False, help_text=_("Only this region (its slug).")
    )
    is_external = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Only external funds (true) or the region's own (false)."),
    )


# Calls --------------------------------------------------------------------------------


class CriterionSerializer(serializers.ModelSerializer):
    translations = translations_field(read_only=True)
    weight = serializers.IntegerField(min_value=1, max_value=100, read_only=True)
    scale_min = serializers.IntegerField(min_value=-10, max_value=10, read_only=True)
    scale_max = serializers.IntegerField(min_value=-10, max_value=100, read_only=True)

    class Meta:
        model = Criterion
        fields = [
            "id",
            "name",
            "guidance",
            "weight",
            "scale_min",
            "scale_max",
            "translations",
        ]
        read_only_fields = fields


class CallIndicatorSerializer(serializers.ModelSerializer):
    translations = translations_field(read_only=True)

    class Meta:
        model = CallIndicator
        fields = [
            "id",
            "code",
            "name",
            "unit",
            "level",
            "strategy_indicator",
            "translations",
        ]
        read_only_fields = fields


class RequiredAttachmentSerializer(serializers.ModelSerializer):
    translations = translations_field(read_only=True)

    class Meta:
        model = RequiredAttachment
        fields = ["id", "kind", "title", "description", "is_required", "translations"]
        read_only_fields = fields


def _type_list(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=OrganisationType.choices),
        help_text=_("Organisation types that may apply; empty means any."),
        **kwargs,
    )


def _section_list(**kwargs: Any) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=FormSection.choices),
        help_text=_(
            "Sections applicants must fill in besides the project itself, which is "
            "always required."
        ),
        **kwargs,
    )


_CALL_MONEY = ("budget", "min_amount", "max_amount")


class CallOutputSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    state = serializers.ChoiceField(
        choices=CallState.choices,
        read_only=True,
        help_text=_(
            "Where the call is now: draft, published (upcoming), open, closed or archived."
        ),
    )
    currency = serializers.ChoiceField(
        choices=Currency.choices,
        source="region.currency",
        read_only=True,
        help_text=_("The region's currency, the unit of the amounts."),
    )
    time_zone = serializers.CharField(
        source="region.tzinfo.key",
        read_only=True,
        help_text=_("The region's time zone, in which the call's times are set."),
    )
    translations = translations_field(read_only=True)
    eligible_applicant_types = _type_list(read_only=True)
    required_sections = _section_list(read_only=True)
    budget = money_field(read_only=True, allow_null=True)
    min_amount = money_field(read_only=True, allow_null=True)
    max_amount = money_field(read_only=True, allow_null=True)
    indirect_cost_rate = serializers.IntegerField(
        min_value=0, max_value=40, read_only=True, allow_null=True
    )
    funds: serializers.PrimaryKeyRelatedField[Fund] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )
    activities: serializers.PrimaryKeyRelatedField[Activity] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )
    goals: serializers.PrimaryKeyRelatedField[Goal] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )
    municipalities: serializers.PrimaryKeyRelatedField[Municipality] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )
    criteria = CriterionSerializer(many=True, read_only=True)
    indicators = CallIndicatorSerializer(many=True, read_only=True)
    required_attachments = RequiredAttachmentSerializer(many=True, read_only=True)
    revision = serializers.IntegerField(min_value=1, read_only=True)

    class Meta:
        model = Call
        fields = [
            "id",
            "region",
            *CALL_FIELDS,
            "status",
            "state",
            "published_at",
            "currency",
            "time_zone",
            "funds",
            "activities",
            "goals",
            "municipalities",
            "criteria",
            "indicators",
            "required_attachments",
            "revision",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


_CALL_WRITABLE = [
    name
    for name in CALL_FIELDS
    if name
    not in (
        "translations",
        "eligible_applicant_types",
        "required_sections",
        *_CALL_MONEY,
    )
]


class CallInputSerializer(serializers.ModelSerializer):
    """The call's texts, times, amounts and links; the service validates the whole."""

    translations = translations_field()
    eligible_applicant_types = _type_list(required=False)
    required_sections = _section_list(required=False)
    budget = money_field(required=False, allow_null=True)
    min_amount = money_field(required=False, allow_null=True)
    max_amount = money_field(required=False, allow_null=True)
    indirect_cost_rate = serializers.IntegerField(
        min_value=0, max_value=40, required=False, allow_null=True
    )
    funds = ScopedPrimaryKeyRelatedField(
        scope=funds_visible_to,
        queryset=Fund.objects.all(),
        many=True,
        required=False,
        help_text=_("The ids of the funds the call grants from (of the same region)."),
    )
    activities = ScopedPrimaryKeyRelatedField(
        scope=activities_visible_to,
        queryset=Activity.objects.all(),
        many=True,
        required=False,
        help_text=_("The ids of the action-plan activities the call serves."),
    )
    goals = ScopedPrimaryKeyRelatedField(
        scope=visible_goals,
        queryset=Goal.objects.all(),
        many=True,
        required=False,
        help_text=_("The ids of the strategy goals the call serves."),
    )
    municipalities = serializers.PrimaryKeyRelatedField(
        queryset=Municipality.objects.all(),
        many=True,
        required=False,
        help_text=_(
            "The ids of the eligible municipalities; none means the whole region."
        ),
    )

    class Meta:
        model = Call
        fields = [
            *_CALL_WRITABLE,
            *_CALL_MONEY,
            "eligible_applicant_types",
            "required_sections",
            "translations",
            "funds",
            "activities",
            "goals",
            "municipalities",
        ]
        extra_kwargs = {
            "opens_at": {
                "help_text": _(
                    "ISO 8601 with an offset, for example 2026-03-01T08:00:00+01:00."
                )
            },
        }
        validators: list[object] = []


class CallCreateInputSerializer(CallInputSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Region.objects.filter(is_active=True),
        help_text=_("The slug of the region, for example vasternorrland."),
    )

    class Meta(CallInputSerializer.Meta):
        fields = ["region", *CallInputSerializer.Meta.fields]


class CallUpdateInputSerializer(CallInputSerializer):
    revision = revision_field()

    class Meta(CallInputSerializer.Meta):
        fields = [*CallInputSerializer.Meta.fields, "revision"]


class CallFilterSerializer(ListFilterSerializer):
    lookups = {"region": "region__slug"}

    region = serializers.CharField(
        required=False, help_text=_("Only this region (its slug).")
    )
    state = serializers.ChoiceField(
        choices=CallState.choices,
        required=False,
        help_text=_("Only the calls in this state now, for example open."),
    )

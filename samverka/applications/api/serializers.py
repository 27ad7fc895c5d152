"""Input and output shapes of the applications API.

Output serializers are read only. Input serializers check the shape of a request (one
per draft section, as the form's steps); the services check the whole: the call's
rules, the aid intensity, the project period. Related objects are chosen by id among
those the user may see, so an id out of scope reads as one that does not exist.
Amounts are integers in minor units (öre, øre, cent) of the application's currency.
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
from samverka.actors.models import Organisation
from samverka.actors.policies import organisations_member_of, organisations_visible_to
from samverka.applications import completeness, policies, services
from samverka.applications.choices import (
    ApplicationStatus,
    CostCategory,
    EffectLevel,
    FinancingKind,
    FinancingStatus,
    FunderSector,
    IntegrationRating,
    PartnerRole,
    SustainabilityAspect,
)
from samverka.applications.models import (
    Application,
    Attachment,
    BudgetLine,
    CompletionRequest,
    EffectItem,
    FinancingLine,
    Partner,
    ProjectIndicator,
    Submission,
    SustainabilityAnswer,
)
from samverka.core.choices import Currency, Language
from samverka.funding.choices import FormSection
from samverka.funding.models import Call, CallIndicator, Fund, RequiredAttachment
from samverka.funding.policies import calls_visible_to, funds_visible_to
from samverka.geo.models import Municipality
from samverka.plans.models import Activity
from samverka.plans.policies import activities_visible_to
from samverka.strategy.api.serializers import visible_goals
from samverka.strategy.models import Goal

MONEY_MAX = 10**15
YEAR_MIN, YEAR_MAX = 1900, 2200
SMALL_MAX = 32_767


def money_field(**kwargs: Any) -> serializers.IntegerField:
    """An amount in minor units of the application's currency."""
    kwargs.setdefault("help_text", _("In minor units (öre, øre, cent)."))
    return serializers.IntegerField(min_value=0, max_value=MONEY_MAX, **kwargs)


def _submitted_money(**kwargs: Any) -> serializers.IntegerField:
    """An amount the client sends: the service refuses a negative one at its field."""
    return money_field(
        error_messages={"min_value": _("An amount cannot be negative.")}, **kwargs
    )


# Scopes of related objects ------------------------------------------------------------


def _calls(user: Any) -> QuerySet[Call]:
    return calls_visible_to(user)


def _funds(user: Any) -> QuerySet[Fund]:
    return funds_visible_to(user)


def _call_indicators(user: Any) -> QuerySet[CallIndicator]:
    return CallIndicator.objects.filter(call__in=calls_visible_to(user))


def _required_attachments(user: Any) -> QuerySet[RequiredAttachment]:
    return RequiredAttachment.objects.filter(call__in=calls_visible_to(user))


def _municipalities(user: Any) -> QuerySet[Municipality]:
    return Municipality.objects.all()


def _activities(user: Any) -> QuerySet[Activity]:
    return activities_visible_to(user)


def _goals(user: Any) -> QuerySet[Goal]:
    return visible_goals(user)


def _evidence(user: Any) -> QuerySet[Attachment]:
    return Attachment.objects.filter(
        application__in=policies.applications_of_applicant(user)
    )


def _region_staff(user: Any) -> QuerySet[User]:
    """Users holding a role in a region where `user` holds one (the service checks
    that the chosen one is a case officer of the application's region)."""
    return User.objects.filter(
        is_active=True,
        pk__in=User.objects.filter(
            role_assignments__region_id__in=list(roles_by_region(user))
        ).values("pk"),
    )


# Output: parts of an application ------------------------------------------------------


class ApplicationPartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = [
            "id",
            "organisation",
            "name",
            "national_id",
            "role",
            "contribution",
            "email",
            "invited_at",
            "accepted_at",
        ]
        read_only_fields = fields


class BudgetLineSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    amount = money_field()

    class Meta:
        model = BudgetLine
        fields = ["category", "year", "amount", "description"]
        read_only_fields = fields


class FinancingLineSerializer(serializers.ModelSerializer):
    amount = money_field()

    class Meta:
        model = FinancingLine
        fields = [
            "id",
            "funder",
            "organisation",
            "kind",
            "sector",
            "status",
            "amount",
            "evidence",
            "note",
        ]
        read_only_fields = fields


class EffectItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = EffectItem
        fields = ["level", "text"]
        read_only_fields = fields


class ProjectIndicatorSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="call_indicator.code", read_only=True)
    name = serializers.CharField(source="call_indicator.name", read_only=True)
    unit = serializers.CharField(source="call_indicator.unit", read_only=True)

    class Meta:
        model = ProjectIndicator
        fields = [
            "call_indicator",
            "code",
            "name",
            "unit",
            "baseline",
            "target",
            "note",
        ]
        read_only_fields = fields


class SustainabilityAnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = SustainabilityAnswer
        fields = ["aspect", "rating", "description"]
        read_only_fields = fields


class ApplicationAttachmentSerializer(serializers.ModelSerializer):
    """An attachment's metadata; the file itself is not served by the API."""

    size = serializers.IntegerField(
        min_value=0, max_value=2**62, help_text=_("In bytes.")
    )
    uploaded_at = serializers.DateTimeField(source="created_at")

    class Meta:
        model = Attachment
        fields = [
            "id",
            "title",
            "required",
            "file_name",
            "content_type",
            "size",
            "sha256",
            "scan_result",
            "uploaded_at",
        ]
        read_only_fields = fields


class ApplicationSubmissionSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(min_value=1, max_value=SMALL_MAX)

    class Meta:
        model = Submission
        fields = ["number", "stage", "submitted_at"]
        read_only_fields = fields


class CompletionRequestSerializer(serializers.ModelSerializer):
    answer = serializers.IntegerField(
        source="answer.number",
        allow_null=True,
        min_value=1,
        max_value=SMALL_MAX,
        help_text=_("The number of the submission that answered the request."),
    )

    class Meta:
        model = CompletionRequest
        fields = ["id", "message", "deadline", "requested_at", "answered_at", "answer"]
        read_only_fields = fields


class CompletenessProblemSerializer(serializers.Serializer):
    """One thing the application lacks before it can be submitted."""

    section = serializers.ChoiceField(
        choices=FormSection.choices, help_text=_("The step of the form to go to.")
    )
    message = serializers.CharField()


# Output: the application --------------------------------------------------------------


class ApplicationListSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    case_number = serializers.CharField(
        read_only=True, help_text=_("Empty until the first submission.")
    )
    call_title = serializers.CharField(source="call.title", read_only=True)
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True
    )
    fund_name = serializers.CharField(
        source="fund.name", read_only=True, allow_null=True
    )
    officer_name = serializers.CharField(
        source="officer.full_name", read_only=True, allow_null=True
    )
    currency = serializers.ChoiceField(
        choices=Currency.choices,
        source="region.currency",
        read_only=True,
        help_text=_("The unit of the amounts (in minor units)."),
    )
    amount_requested = money_field(read_only=True, allow_null=True)
    total_cost = money_field(read_only=True)
    cofinancing_total = money_field(read_only=True)
    revision = serializers.IntegerField(
        read_only=True,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_(
            "Send it back with a change (or as `If-Match`); a change based on an "
            "older revision is refused with 409 Conflict."
        ),
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "region",
            "case_number",
            "title",
            "call",
            "call_title",
            "organisation",
            "organisation_name",
            "fund",
            "fund_name",
            "status",
            "stage",
            "amount_requested",
            "total_cost",
            "cofinancing_total",
            "currency",
            "submitted_at",
            "last_submitted_at",
            "officer",
            "officer_name",
            "revision",
        ]
        read_only_fields = fields


class ApplicationDetailSerializer(ApplicationListSerializer):
    de_minimis_received = money_field(read_only=True, allow_null=True)
    partners = ApplicationPartnerSerializer(many=True, read_only=True)
    budget_lines = BudgetLineSerializer(many=True, read_only=True)
    financing_lines = FinancingLineSerializer(many=True, read_only=True)
    effect_items = EffectItemSerializer(many=True, read_only=True)
    indicators = ProjectIndicatorSerializer(many=True, read_only=True)
    sustainability_answers = SustainabilityAnswerSerializer(many=True, read_only=True)
    attachments = ApplicationAttachmentSerializer(many=True, read_only=True)
    completion_requests = CompletionRequestSerializer(many=True, read_only=True)
    submissions = ApplicationSubmissionSerializer(many=True, read_only=True)
    problems = serializers.SerializerMethodField(
        help_text=_(
            "What the application still lacks before it can be submitted; given to "
            "its applicants while they can change it, empty otherwise."
        )
    )

    class Meta(ApplicationListSerializer.Meta):
        fields = [
            *ApplicationListSerializer.Meta.fields,
            "summary",
            "background",
            "objectives",
            "target_groups",
            "work_plan",
            "start_date",
            "end_date",
            "contact_name",
            "contact_email",
            "contact_phone",
            "language",
            "municipalities",
            "activities",
            "goals",
            "strategy_fit",
            "de_minimis_received",
            "de_minimis_declared",
            "partners",
            "budget_lines",
            "financing_lines",
            "effect_items",
            "indicators",
            "sustainability_answers",
            "attachments",
            "completion_requests",
            "submissions",
            "problems",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(CompletenessProblemSerializer(many=True))
    def get_problems(self, application: Application) -> list[dict[str, str]]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not policies.can_edit(user, application):
            return []
        return [
            {"section": problem.section, "message": problem.message}
            for problem in completeness.problems(application)
        ]


class ApplicationConflictSerializer(serializers.Serializer):
    """The answer to a change based on an older revision: nothing was written."""

    detail = serializers.CharField()
    code = serializers.CharField(help_text=_("Always stale_edit."))
    current = ApplicationDetailSerializer(
        help_text=_("The application as it is stored now.")
    )


class SubmissionResultSerializer(ApplicationSubmissionSerializer):
    """A submission and the case it is registered in."""

    application = serializers.IntegerField(source="application_id", read_only=True)
    case_number = serializers.CharField(source="application.case_number")

    class Meta(ApplicationSubmissionSerializer.Meta):
        fields = [
            "application",
            "case_number",
            *ApplicationSubmissionSerializer.Meta.fields,
        ]
        read_only_fields = fields


class SubmissionSnapshotSerializer(ApplicationSubmissionSerializer):
    snapshot = serializers.JSONField(
        help_text=_("Everything the applicant sent, frozen at submission.")
    )

    class Meta(ApplicationSubmissionSerializer.Meta):
        fields = [*ApplicationSubmissionSerializer.Meta.fields, "snapshot"]
        read_only_fields = fields


class SubmissionChangeSerializer(serializers.Serializer):
    section = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


#: The comparison of two submissions: {"from": 1, "to": 2, "changes": [...]}
#: ("from" is a Python keyword, so the fields are declared by name).
ComparisonSerializer: type[serializers.Serializer] = type(
    "ComparisonSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "What changed between two submissions.",
        "from": serializers.IntegerField(min_value=1, max_value=SMALL_MAX),
        "to": serializers.IntegerField(min_value=1, max_value=SMALL_MAX),
        "changes": SubmissionChangeSerializer(many=True),
    },
)


# Input --------------------------------------------------------------------------------


class ApplicationFilterSerializer(serializers.Serializer):
    """Query parameters of the list."""

    region = serializers.CharField(
        required=False, help_text=_("Only this region (its slug).")
    )
    call = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("Only the applications to this call (its id)."),
    )
    status = serializers.ChoiceField(choices=ApplicationStatus.choices, required=False)
    mine = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Only the applications the caller works on as an applicant."),
    )


class ApplicationStartSerializer(serializers.Serializer):
    call = ScopedPrimaryKeyRelatedField(
        scope=_calls,
        queryset=Call.objects.all(),
        help_text=_("The open call to apply to."),
    )
    organisation = ScopedPrimaryKeyRelatedField(
        scope=organisations_member_of,
        queryset=Organisation.objects.all(),
        help_text=_("The applicant organisation: one the caller acts for."),
    )
    title = serializers.CharField(max_length=255, required=False, allow_blank=True)
    language = serializers.ChoiceField(
        choices=Language.choices,
        required=False,
        allow_blank=True,
        help_text=_("The language the region writes to the applicant in."),
    )


class ApplicationUpdateSerializer(serializers.ModelSerializer):
    """The project section and the fit to the strategy."""

    fund = ScopedPrimaryKeyRelatedField(
        scope=_funds,
        queryset=Fund.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("One of the call's funds."),
    )
    municipalities = ScopedPrimaryKeyRelatedField(
        scope=_municipalities,
        queryset=Municipality.objects.all(),
        many=True,
        required=False,
    )
    activities = ScopedPrimaryKeyRelatedField(
        scope=_activities, queryset=Activity.objects.all(), many=True, required=False
    )
    goals = ScopedPrimaryKeyRelatedField(
        scope=_goals, queryset=Goal.objects.all(), many=True, required=False
    )
    revision = revision_field()

    class Meta:
        model = Application
        fields = [*services.PROJECT_FIELDS, "revision"]
        validators: list[object] = []


class BudgetLineInputSerializer(serializers.Serializer):
    category = serializers.ChoiceField(
        choices=CostCategory.choices,
        help_text=_(
            "Indirect costs follow from the call's flat rate of the staff costs; "
            "leave them out."
        ),
    )
    year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    amount = _submitted_money()
    description = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default=""
    )

    def validate_category(self, value: str) -> str:
        if value == CostCategory.INDIRECT:
            raise serializers.ValidationError(
                _("Indirect costs follow from the call's flat rate; leave them out.")
            )
        return value


class BudgetInputSerializer(serializers.Serializer):
    lines = BudgetLineInputSerializer(
        many=True, help_text=_("The whole budget: it replaces the one saved.")
    )
    revision = revision_field()

    def validate_lines(self, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        seen: set[tuple[str, int]] = set()
        errors: dict[str, dict[str, list[Any]]] = {}
        for index, line in enumerate(lines):
            key = (line["category"], line["year"])
            if key in seen:
                errors[str(index)] = {
                    "year": [_("This cost category and year are given twice.")]
                }
            seen.add(key)
        if errors:
            raise serializers.ValidationError(errors)
        return lines


class FinancingLineInputSerializer(serializers.Serializer):
    funder = serializers.CharField(max_length=255)
    organisation = ScopedPrimaryKeyRelatedField(
        scope=organisations_visible_to,
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The funder in the actor registry, if it is there."),
    )
    kind = serializers.ChoiceField(
        choices=FinancingKind.choices, default=FinancingKind.CASH
    )
    sector = serializers.ChoiceField(
        choices=FunderSector.choices, default=FunderSector.PUBLIC
    )
    status = serializers.ChoiceField(
        choices=FinancingStatus.choices, default=FinancingStatus.PENDING
    )
    amount = _submitted_money()
    evidence = ScopedPrimaryKeyRelatedField(
        scope=_evidence,
        queryset=Attachment.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The id of this application's attachment confirming the money."),
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class FinancingInputSerializer(serializers.Serializer):
    amount_requested = _submitted_money(
        allow_null=True,
        help_text=_(
            "The amount applied for, in minor units; within the fund's maximum aid "
            "intensity of the total cost."
        ),
    )
    lines = FinancingLineInputSerializer(
        many=True,
        help_text=_("The co-financing: it replaces the plan saved."),
    )
    revision = revision_field()


class ProjectIndicatorInputSerializer(serializers.Serializer):
    call_indicator = ScopedPrimaryKeyRelatedField(
        scope=_call_indicators,
        queryset=CallIndicator.objects.all(),
        help_text=_("One of the call's indicators."),
    )
    baseline = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=0,
        allow_null=True,
        required=False,
    )
    target = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class EffectsInputSerializer(serializers.Serializer):
    items = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(allow_blank=True)),
        help_text=_(
            "The effect chain: texts by link (need, activities, outputs, short_term, "
            "long_term). It replaces the chain saved."
        ),
    )
    indicators = ProjectIndicatorInputSerializer(many=True, required=False)
    revision = revision_field()

    def validate_items(self, items: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(items) - set(EffectLevel.values))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown link of the effect chain: %(links)s.")
                % {"links": ", ".join(unknown)}
            )
        return items


class SustainabilityAnswerInputSerializer(serializers.Serializer):
    aspect = serializers.ChoiceField(choices=SustainabilityAspect.choices)
    rating = serializers.ChoiceField(
        choices=IntegrationRating.choices,
        allow_blank=True,
        help_text=_("Empty removes the answer."),
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")


class SustainabilityInputSerializer(serializers.Serializer):
    answers = SustainabilityAnswerInputSerializer(many=True)
    revision = revision_field()

    def validate_answers(self, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        seen: set[str] = set()
        errors: dict[str, dict[str, list[Any]]] = {}
        for index, answer in enumerate(answers):
            if answer["aspect"] in seen:
                errors[str(index)] = {"aspect": [_("This aspect is given twice.")]}
            seen.add(answer["aspect"])
        if errors:
            raise serializers.ValidationError(errors)
        return answers


class StateAidInputSerializer(serializers.Serializer):
    de_minimis_received = _submitted_money(
        allow_null=True,
        help_text=_("De minimis aid received in the last three years, in minor units."),
    )
    de_minimis_declared = serializers.BooleanField()
    revision = revision_field()


class PartnerInputSerializer(serializers.Serializer):
    organisation = ScopedPrimaryKeyRelatedField(
        scope=organisations_visible_to,
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The partner in the actor registry, if it is there."),
    )
    name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    national_id = serializers.CharField(max_length=30, required=False, allow_blank=True)
    role = serializers.ChoiceField(
        choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    contribution = serializers.CharField(required=False, allow_blank=True)
    email = serializers.EmailField(
        required=False,
        allow_blank=True,
        help_text=_("A co-applicant is invited at this address to work on the draft."),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("organisation") and not (attrs.get("name") or "").strip():
            raise serializers.ValidationError(
                {"name": [_("Name the organisation or choose it from the registry.")]}
            )
        return attrs


class AttachmentInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=_(
            "A PDF, Word, Excel, OpenDocument, PNG or JPEG file, judged by its content."
        )
    )
    title = serializers.CharField(max_length=255, required=False, allow_blank=True)
    required = ScopedPrimaryKeyRelatedField(  # type: ignore[assignment]
        scope=_required_attachments,
        queryset=RequiredAttachment.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The call's required attachment that the file answers."),
    )


class SubmitInputSerializer(serializers.Serializer):
    key = serializers.CharField(
        max_length=64,
        required=False,
        help_text=_(
            "The submit key, if not sent as the `Idempotency-Key` header: the same key "
            "returns the same submission."
        ),
    )


class WithdrawInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class OfficerInputSerializer(serializers.Serializer):
    officer = ScopedPrimaryKeyRelatedField(
        scope=_region_staff,
        queryset=User.objects.all(),
        allow_null=True,
        help_text=_("A case officer of the region; null removes the officer."),
    )


class CompletionRequestInputSerializer(serializers.Serializer):
    message = serializers.CharField(help_text=_("What is missing."))
    deadline = serializers.DateField(help_text=_("The date to answer by."))


#: Query parameters of the comparison: ?from=1&to=2.
CompareFilterSerializer: type[serializers.Serializer] = type(
    "CompareFilterSerializer",
    (serializers.Serializer,),
    {
        "from": serializers.IntegerField(
            required=False,
            min_value=1,
            max_value=SMALL_MAX,
            help_text=_(
                "The earlier submission's number; the one before `to` if left out."
            ),
        ),
        "to": serializers.IntegerField(
            required=False,
            min_value=1,
            max_value=SMALL_MAX,
            help_text=_("The later submission's number; the latest if left out."),
        ),
    },
)

"""The assessments API: assessors declare, score and submit; those who lead the
assessment assign assessors, do the formal check, the sustainability assurance and the
goal-conflict analysis, and recommend; decision makers read it all.

Only staff use it (403 for anyone else). Objects come from the policies' querysets, so
one outside the caller's scope is 404; a visible one the caller may not change is 403
(the services' policy check). Texts several people edit carry a revision: send the one
you read as `If-Match: "<revision>"` (or `revision` in the body). A change based on an
older revision writes nothing and is answered with the stored object: 412
Precondition Failed when it came as `If-Match`, 409 Conflict when in the body.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from samverka.accounts.api.scoped import actor
from samverka.accounts.policies import is_staff_member, roles_by_region
from samverka.applications.models import Application
from samverka.assessments import policies, selectors, services
from samverka.assessments.api.serializers import (
    AssessmentConflictSerializer,
    AssessmentSerializer,
    AssignInputSerializer,
    AssignmentFilterSerializer,
    AssignmentSerializer,
    DeclareInputSerializer,
    FormalCheckInputSerializer,
    GoalConflictAddInputSerializer,
    GoalConflictSerializer,
    GoalConflictWeighInputSerializer,
    RankingFilterSerializer,
    RankingSerializer,
    RecommendationInputSerializer,
    RevisionInputSerializer,
    ScoresInputSerializer,
    SustainabilitySaveInputSerializer,
)
from samverka.assessments.choices import AssignmentStatus
from samverka.assessments.models import (
    Assignment,
    FormalCheck,
    GoalConflict,
    Recommendation,
    Score,
    SustainabilityAssessment,
)
from samverka.core.errors import STALE_EDIT
from samverka.funding.models import Call

# Shared by the assessments and decisions APIs -----------------------------------------


class IsStaffMember(permissions.BasePermission):
    """Holds a staff role in at least one region; anyone else is refused (403)."""

    message = gettext_lazy("This part of the API is for the staff of a region.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(
            request.user
            and request.user.is_authenticated
            and is_staff_member(request.user)
        )


STAFF_ONLY = [permissions.IsAuthenticated, IsStaffMember]

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        'The revision read, as "<revision>" (instead of `revision` in the body); '
        "a stale one is refused with 412 Precondition Failed."
    ),
)
STALE_RESPONSES = {
    409: OpenApiResponse(
        AssessmentConflictSerializer,
        description=(
            "The `revision` in the body is older than the stored one; nothing was "
            "written."
        ),
    ),
    412: OpenApiResponse(
        AssessmentConflictSerializer,
        description="The If-Match revision is older than the stored one; nothing was "
        "written.",
    ),
}


def id_parameter(description: str) -> OpenApiParameter:
    return OpenApiParameter(
        "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=description
    )


def etag(revision: int | None) -> dict[str, str]:
    return {"ETag": f'"{revision}"'} if revision is not None else {}


def read_input(view: Any, serializer_class: type[Any]) -> dict[str, Any]:
    """The validated request body (400 naming the fields otherwise)."""
    serializer = serializer_class(
        data=view.request.data, context=view.get_serializer_context()
    )
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def client_revision(request: Request, data: dict[str, Any]) -> tuple[int | None, bool]:
    """The revision the client read: `revision` in the body, else `If-Match`; and
    whether it came as the header."""
    revision = data.pop("revision", None)
    if revision is not None:
        return int(revision), False
    header = (request.headers.get("If-Match") or "").strip()
    if not header or header == "*":
        return None, False
    value = header.removeprefix("W/").strip().strip('"')
    if not value.isdigit():
        raise exceptions.ValidationError(
            {"revision": [_('If-Match must be the revision read, for example "3".')]}
        )
    return int(value), True


def is_stale(exc: DjangoValidationError) -> bool:
    return not hasattr(exc, "error_dict") and any(
        error.code == STALE_EDIT for error in exc.error_list
    )


def stale_response(
    *, sent: int | None, current: Any, revision: int | None, header: bool
) -> Response:
    """Nothing was written: say so, with the stored object and its revision."""
    detail = _(
        "Someone else saved this after you read it: you sent revision %(sent)s, it "
        "is now at revision %(current)s. Nothing was saved. Compare your change with "
        "the current version and send it again with the current revision."
    ) % {"sent": sent, "current": revision}
    return Response(
        {
            "detail": detail,
            "code": STALE_EDIT,
            "revision": revision,
            "current": current,
        },
        status=(
            status.HTTP_412_PRECONDITION_FAILED if header else status.HTTP_409_CONFLICT
        ),
        headers=etag(revision),
    )


Path = tuple[str | int, ...]
Locator = Callable[[str], Path | None]


def nested_errors(
    exc: DjangoValidationError, locate: Locator | None = None
) -> exceptions.ValidationError:
    """The service's refusal with each of its keys moved to where the client sent the
    value (`locate` maps a service key to a path such as ``("scores", 0, "value")``);
    a refusal that names no field goes under ``non_field_errors``."""
    if not hasattr(exc, "error_dict"):
        return exceptions.ValidationError(
            {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        )
    errors: dict[str | int, Any] = {}
    for key, messages in exc.message_dict.items():
        if key == "__all__":
            path: Path = (api_settings.NON_FIELD_ERRORS_KEY,)
        else:
            path = (locate(key) if locate else None) or (key,)
        node = errors
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node.setdefault(path[-1], []).extend(messages)
    return exceptions.ValidationError(cast(Any, errors))


def _reader_regions(user: Any) -> list[int]:
    return [
        region_id
        for region_id, roles in roles_by_region(user).items()
        if roles & policies.ASSESSMENT_READER_ROLES
    ]


# Assignments ------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(parameters=[AssignmentFilterSerializer]),
    retrieve=extend_schema(responses=AssignmentSerializer),
)
class AssignmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Assessment assignments: the caller's own, and all of the regions where the
    caller reads whole assessments. Scores are shown to their assessor only."""

    permission_classes = STAFF_ONLY
    serializer_class = AssignmentSerializer
    queryset = Assignment.objects.none()  # for the schema; requests use the policy
    lookup_value_regex = "[0-9]+"

    @staticmethod
    def with_parts(queryset: QuerySet[Assignment]) -> QuerySet[Assignment]:
        return queryset.select_related(
            "region",
            "assessor",
            "application__organisation",
            "application__case",
            "application__call",
        ).prefetch_related(
            "application__call__criteria",
            Prefetch("scores", queryset=Score.objects.select_related("criterion")),
        )

    def get_queryset(self) -> QuerySet[Assignment]:
        queryset = self.with_parts(
            policies.assignments_visible_to(self.request.user)
        ).order_by("-created_at", "-pk")
        if self.action == "list":
            filters = AssignmentFilterSerializer(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            values = filters.validated_data
            if values.get("status"):
                queryset = queryset.filter(status=values["status"])
            if values.get("application"):
                queryset = queryset.filter(application_id=values["application"])
            if values.get("mine"):
                queryset = queryset.filter(assessor=actor(self.request))
        return queryset

    def answer(self, pk: int) -> Response:
        assignment = self.with_parts(Assignment.objects.all()).get(pk=pk)
        data = AssignmentSerializer(
            assignment, context=self.get_serializer_context()
        ).data
        return Response(data, headers=etag(assignment.revision))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One assignment, with the call's criteria and (for its assessor) the
        scores; the revision is the ETag."""
        return self.answer(self.get_object().pk)

    def stale(self, pk: int, sent: int | None, header: bool) -> Response:
        current = self.answer(pk).data
        return stale_response(
            sent=sent, current=current, revision=current["revision"], header=header
        )

    def scoring_open(self, assignment: Assignment) -> None:
        """The assessor is told why their scores cannot change now."""
        if assignment.assessor_id != self.request.user.pk:
            raise exceptions.PermissionDenied(
                _("Only the assessor scores an assignment.")
            )
        if assignment.status == AssignmentStatus.AWAITING_DECLARATION:
            raise exceptions.PermissionDenied(
                _("Declare whether you have a conflict of interest before you score.")
            )
        if assignment.status != AssignmentStatus.ACTIVE:
            raise exceptions.PermissionDenied(
                _("The assignment is %(status)s; its scores can no longer change.")
                % {"status": assignment.get_status_display().lower()}
            )

    @extend_schema(request=DeclareInputSerializer, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def declare(self, request: Request, pk: str | None = None) -> Response:
        """The assessor declares whether they have a conflict of interest. None: the
        application opens to them. A conflict (described): the assignment ends."""
        assignment = self.get_object()
        data = read_input(self, DeclareInputSerializer)
        try:
            services.declare(
                assignment=assignment,
                by=actor(request),
                has_conflict=data["has_conflict"],
                description=data.get("description", ""),
            )
        except DjangoValidationError as exc:
            raise nested_errors(exc) from exc
        return self.answer(assignment.pk)

    @extend_schema(
        request=ScoresInputSerializer,
        parameters=[IF_MATCH],
        responses={200: AssignmentSerializer, **STALE_RESPONSES},
    )
    @action(detail=True, methods=["put"])
    def scores(self, request: Request, pk: str | None = None) -> Response:
        """Save the assessor's scores and overall comment (a draft until submitted).
        A score outside the criterion's scale is refused at its line:
        ``{"scores": {"0": {"value": ["…"]}}}``."""
        assignment = self.get_object()
        self.scoring_open(assignment)
        data = read_input(self, ScoresInputSerializer)
        revision, header = client_revision(request, data)
        rows: list[dict[str, Any]] = [dict(row) for row in data["scores"]]
        criteria = {c.pk for c in assignment.application.call.criteria.all()}
        line_errors: dict[Any, Any] = {}
        index_of: dict[int, int] = {}
        for index, row in enumerate(rows):
            if row["criterion"] not in criteria:
                line_errors[index] = {
                    "criterion": [_("This is not one of the call's criteria.")]
                }
            elif row["criterion"] in index_of:
                line_errors[index] = {
                    "criterion": [_("This criterion is already listed.")]
                }
            else:
                index_of[row["criterion"]] = index
        if line_errors:
            raise exceptions.ValidationError({"scores": line_errors})

        def locate(key: str) -> Path | None:
            criterion = key.removeprefix("score_")
            if criterion.isdigit() and int(criterion) in index_of:
                return ("scores", index_of[int(criterion)], "value")
            if criterion.isdigit():
                return ("criteria", criterion)
            return None

        try:
            services.scores_save(
                assignment=assignment,
                by=actor(request),
                values={
                    row["criterion"]: (row.get("value"), row.get("comment", ""))
                    for row in rows
                },
                comment=data.get("comment", ""),
                revision=revision,
            )
        except DjangoValidationError as exc:
            if is_stale(exc):
                return self.stale(assignment.pk, revision, header)
            raise nested_errors(exc, locate) from exc
        return self.answer(assignment.pk)

    @extend_schema(
        request=RevisionInputSerializer,
        parameters=[IF_MATCH],
        responses={200: AssignmentSerializer, **STALE_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Hand in the scores: every criterion must be scored (refused otherwise
        with ``{"criteria": {"<criterion id>": ["…"]}}``). The assessor then sees
        the others' scores in the whole assessment and can no longer change their
        own."""
        assignment = self.get_object()
        self.scoring_open(assignment)
        data = read_input(self, RevisionInputSerializer)
        revision, header = client_revision(request, data)

        def locate(key: str) -> Path | None:
            criterion = key.removeprefix("score_")
            return ("criteria", criterion) if criterion.isdigit() else None

        try:
            services.scores_submit(
                assignment=assignment, by=actor(request), revision=revision
            )
        except DjangoValidationError as exc:
            if is_stale(exc):
                return self.stale(assignment.pk, revision, header)
            raise nested_errors(exc, locate) from exc
        return self.answer(assignment.pk)


# The whole assessment of an application ------------------------------------------------


def _sustainability_locate(key: str) -> Path | None:
    for prefix, where, field in (
        ("dnsh_evidence_", "dnsh", "evidence"),
        ("dnsh_", "dnsh", "result"),
        ("effect_", "ratings", "effect"),
        ("evidence_", "ratings", "evidence"),
    ):
        if key.startswith(prefix):
            return (where, key.removeprefix(prefix), field)
    parts = key.split("-", 2)
    if len(parts) == 3 and parts[0] == "sdg" and parts[1].isdigit():
        return ("sdg_effects", int(parts[1]), parts[2])
    return None


def _formal_check_locate(key: str) -> Path | None:
    if key.startswith("item_"):
        return ("items", key.removeprefix("item_"), "passed")
    if key.startswith("reason_"):
        return ("items", key.removeprefix("reason_"), "reason")
    return None


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[id_parameter("The id of the application.")],
        responses=AssessmentSerializer,
    )
)
class AssessmentViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The assessment of one application, by the application's id: for those who
    lead the assessment (case officers, region administrators) and decision makers.
    """

    permission_classes = STAFF_ONLY
    serializer_class = AssessmentSerializer
    queryset = Application.objects.none()  # for the schema; requests use the policy
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Application]:
        return policies.applications_for_assessment(self.request.user).select_related(
            "region", "call__region", "organisation", "case", "fund"
        )

    def assessment(self, application: Application) -> dict[str, Any]:
        user = self.request.user
        check = (
            FormalCheck.objects.filter(application=application)
            .select_related("checked_by")
            .prefetch_related("items")
            .first()
        )
        assignments = selectors.assignments_with_scores(application)
        see = policies.can_see_other_scores(user, application)
        combined = selectors.combined_scores([application.pk])[application.pk]
        for assignment in assignments:
            visible = see or assignment.assessor_id == user.pk
            assignment.visible_scores = (  # type: ignore[attr-defined]
                list(assignment.scores.all()) if visible else None
            )
            assignment.visible_comment = (  # type: ignore[attr-defined]
                assignment.comment if visible else None
            )
            assignment.visible_percent = (  # type: ignore[attr-defined]
                combined.per_assessor.get(assignment.pk) if visible else None
            )
        criteria = list(application.call.criteria.all())
        profile = selectors.sustainability_profile(application)
        sustainability: SustainabilityAssessment | None = profile.assessment
        recommendation = (
            Recommendation.objects.filter(application=application)
            .select_related("written_by", "region")
            .first()
        )
        return {
            "application": application,
            "can_change": policies.can_lead(user, application)
            and application.status in policies.ASSESSABLE_STATUSES,
            "can_see_scores": see,
            "formal_check": check,
            "assignments": assignments,
            "combined": {
                "percent": combined.percent,
                "assessors": combined.assessors,
                "per_criterion": [
                    {
                        "criterion": criterion.pk,
                        "name": criterion.name,
                        "weight": criterion.weight,
                        "mean": combined.per_criterion.get(criterion.pk),
                    }
                    for criterion in criteria
                ],
            }
            if see
            else None,
            "sustainability": {
                "summary": sustainability.summary if sustainability else "",
                "assessed_by": sustainability.assessed_by_id
                if sustainability
                else None,
                "assessed_by_name": (
                    sustainability.assessed_by.full_name
                    if sustainability and sustainability.assessed_by
                    else None
                ),
                "completed_at": sustainability.completed_at if sustainability else None,
                "complete": profile.complete,
                "revision": sustainability.revision if sustainability else None,
                "aspects": services.assessed_aspects(application),
                "needs_dnsh": services.needs_dnsh(application),
                "ratings": profile.ratings,
                "dnsh": profile.dnsh,
                "sdg_effects": (
                    list(sustainability.sdg_effects.all()) if sustainability else []
                ),
            },
            "goal_conflicts": profile.conflicts,
            "recommendation": recommendation,
        }

    def answer(self, pk: int) -> Response:
        application = self.get_queryset().get(pk=pk)
        return Response(AssessmentSerializer(self.assessment(application)).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The whole assessment: the formal check with its answers, the assignments
        (with scores where the caller may see them), the combined score, the
        sustainability profile, the goal conflicts and the recommendation."""
        return Response(AssessmentSerializer(self.assessment(self.get_object())).data)

    def save(
        self,
        application: Application,
        write: Callable[[], object],
        *,
        part: Callable[[], int | None],
        sent: int | None,
        header: bool,
        locate: Locator | None = None,
    ) -> Response:
        """Run a service; a stale revision answers with the whole assessment and the
        part's stored revision."""
        try:
            write()
        except DjangoValidationError as exc:
            if is_stale(exc):
                return stale_response(
                    sent=sent,
                    current=self.answer(application.pk).data,
                    revision=part(),
                    header=header,
                )
            raise nested_errors(exc, locate) from exc
        return self.answer(application.pk)

    @extend_schema(
        parameters=[id_parameter("The id of the application.")],
        request=AssignInputSerializer,
        responses={201: AssignmentSerializer},
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        """Ask an assessor (or a case officer) of the region to score the
        application; they are told, and declare before they see the content."""
        application = self.get_object()
        data = read_input(self, AssignInputSerializer)
        try:
            assignment = services.assignment_add(
                application=application, assessor=data["assessor"], by=actor(request)
            )
        except DjangoValidationError as exc:
            raise nested_errors(exc) from exc
        answer = AssignmentViewSet.with_parts(Assignment.objects.all()).get(
            pk=assignment.pk
        )
        return Response(
            AssignmentSerializer(answer, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
            headers=etag(answer.revision),
        )

    @extend_schema(
        parameters=[id_parameter("The id of the application."), IF_MATCH],
        request=FormalCheckInputSerializer,
        responses={200: AssessmentSerializer, **STALE_RESPONSES},
    )
    @action(
        detail=True, methods=["post"], url_path="formal-check", url_name="formal-check"
    )
    def formal_check(self, request: Request, pk: str | None = None) -> Response:
        """Record the formal check, every question answered (a reason for each one
        not met). All met: a submitted application moves on to assessment. The
        revision is the formal check's."""
        application = self.get_object()
        data = read_input(self, FormalCheckInputSerializer)
        revision, header = client_revision(request, data)
        items = {
            code: (answer["passed"], answer.get("reason", ""))
            for code, answer in data["items"].items()
        }
        return self.save(
            application,
            lambda: services.formal_check_record(
                application=application,
                by=actor(request),
                items=items,
                note=data.get("note", ""),
                revision=revision,
            ),
            part=lambda: (
                FormalCheck.objects.filter(application=application)
                .values_list("revision", flat=True)
                .first()
            ),
            sent=revision,
            header=header,
            locate=_formal_check_locate,
        )

    @extend_schema(
        parameters=[id_parameter("The id of the application."), IF_MATCH],
        request=RecommendationInputSerializer,
        responses={200: AssessmentSerializer, **STALE_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def recommendation(self, request: Request, pk: str | None = None) -> Response:
        """Write the recommendation to the decision maker: outcome, amount (minor
        units; a grant at most what was applied for), reasons and proposed
        conditions. The revision is the recommendation's."""
        application = self.get_object()
        data = read_input(self, RecommendationInputSerializer)
        revision, header = client_revision(request, data)
        return self.save(
            application,
            lambda: services.recommendation_save(
                application=application,
                by=actor(request),
                data=data,
                revision=revision,
            ),
            part=lambda: (
                Recommendation.objects.filter(application=application)
                .values_list("revision", flat=True)
                .first()
            ),
            sent=revision,
            header=header,
        )

    @extend_schema(
        parameters=[id_parameter("The id of the application."), IF_MATCH],
        request=SustainabilitySaveInputSerializer,
        responses={200: AssessmentSerializer, **STALE_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def sustainability(self, request: Request, pk: str | None = None) -> Response:
        """Save the sustainability assurance as a whole (what is not sent is
        removed); the goal conflicts it implies are then proposed. Refusals are keyed
        where the value was sent, e.g. ``{"ratings": {"social": {"evidence":
        ["…"]}}}``. The revision is the assurance's."""
        application = self.get_object()
        data = read_input(self, SustainabilitySaveInputSerializer)
        revision, header = client_revision(request, data)
        ratings = {
            aspect: (row["effect"], row.get("evidence", ""))
            for aspect, row in data["ratings"].items()
        }
        dnsh = {
            objective: (row["result"], row.get("evidence", ""))
            for objective, row in data["dnsh"].items()
        }
        effects = [
            (row["target"], row["direction"], row.get("note", ""))
            for row in data["sdg_effects"]
        ]
        return self.save(
            application,
            lambda: services.sustainability_save(
                application=application,
                by=actor(request),
                summary=data.get("summary", ""),
                ratings=ratings,
                dnsh=dnsh,
                sdg_effects=effects,
                complete=data["complete"],
                revision=revision,
            ),
            part=lambda: (
                SustainabilityAssessment.objects.filter(application=application)
                .values_list("revision", flat=True)
                .first()
            ),
            sent=revision,
            header=header,
            locate=_sustainability_locate,
        )

    @extend_schema(
        parameters=[id_parameter("The id of the application.")],
        request=None,
        responses=AssessmentSerializer,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="propose-conflicts",
        url_name="propose-conflicts",
    )
    def propose_conflicts(self, request: Request, pk: str | None = None) -> Response:
        """Put the goal conflicts the strategy's goal interactions and the
        sustainability assurance imply on the application (weighed ones stay)."""
        application = self.get_object()
        services.goal_conflicts_propose(application=application, by=actor(request))
        return self.answer(application.pk)

    @extend_schema(
        parameters=[id_parameter("The id of the application.")],
        request=GoalConflictAddInputSerializer,
        responses={201: GoalConflictSerializer},
    )
    @action(detail=True, methods=["post"])
    def conflicts(self, request: Request, pk: str | None = None) -> Response:
        """Raise a goal conflict the system did not see."""
        application = self.get_object()
        data = read_input(self, GoalConflictAddInputSerializer)
        try:
            conflict = services.goal_conflict_add(
                application=application, by=actor(request), **data
            )
        except DjangoValidationError as exc:
            raise nested_errors(exc) from exc
        return Response(
            GoalConflictSerializer(conflict).data,
            status=status.HTTP_201_CREATED,
            headers=etag(conflict.revision),
        )


# Goal conflicts ---------------------------------------------------------------------------


@extend_schema_view(retrieve=extend_schema(responses=GoalConflictSerializer))
class GoalConflictViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A goal conflict of an application, for those who read its assessment."""

    permission_classes = STAFF_ONLY
    serializer_class = GoalConflictSerializer
    queryset = GoalConflict.objects.none()  # for the schema; requests use the policy
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[GoalConflict]:
        return GoalConflict.objects.filter(
            application__in=policies.applications_for_assessment(self.request.user)
        ).select_related("application", "weighed_by")

    def answer(self, pk: int) -> Response:
        conflict = GoalConflict.objects.select_related("weighed_by").get(pk=pk)
        return Response(
            GoalConflictSerializer(conflict).data, headers=etag(conflict.revision)
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One goal conflict; the revision is the ETag."""
        return self.answer(self.get_object().pk)

    @extend_schema(
        request=GoalConflictWeighInputSerializer,
        parameters=[IF_MATCH],
        responses={200: GoalConflictSerializer, **STALE_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def weigh(self, request: Request, pk: str | None = None) -> Response:
        """Confirm the conflict with its handling (mitigated: how; a condition: its
        wording; a trade-off: why it is accepted), or dismiss it with the reason."""
        conflict = self.get_object()
        data = read_input(self, GoalConflictWeighInputSerializer)
        revision, header = client_revision(request, data)
        try:
            services.goal_conflict_weigh(
                conflict=conflict, by=actor(request), revision=revision, **data
            )
        except DjangoValidationError as exc:
            if is_stale(exc):
                current = self.answer(conflict.pk).data
                return stale_response(
                    sent=revision,
                    current=current,
                    revision=current["revision"],
                    header=header,
                )
            raise nested_errors(exc) from exc
        return self.answer(conflict.pk)


# Ranking --------------------------------------------------------------------------------


class RankingViewSet(viewsets.GenericViewSet):
    """A call's applications in assessment, ranked."""

    permission_classes = STAFF_ONLY
    serializer_class = RankingSerializer
    queryset = Call.objects.none()  # for the schema; requests use the policy
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Call]:
        return Call.objects.filter(
            region_id__in=_reader_regions(self.request.user)
        ).select_related("region")

    @extend_schema(
        parameters=[id_parameter("The id of the call."), RankingFilterSerializer],
        responses=RankingSerializer,
    )
    @action(detail=True, methods=["get"])
    def ranking(self, request: Request, pk: str | None = None) -> Response:
        """The call's applications in assessment ranked by combined score, then fit
        to the action plans, then the smaller amount, against a funding line (what
        is left of the call's funds this year unless `line` moves it). Each row
        explains its place."""
        call = self.get_object()
        query = RankingFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        ranking = selectors.call_ranking(
            call, line=params.get("line"), year=params.get("year")
        )
        data = {
            "call": call.pk,
            "year": ranking.year,
            "currency": ranking.currency,
            "available": ranking.available,
            "line": ranking.line,
            "total_within": ranking.total_within,
            "funds": [
                {
                    "fund": row["fund"].pk,
                    "name": row["fund"].name,
                    "amount": row["amount"],
                    "committed": row["committed"],
                    "left": row["left"],
                }
                for row in ranking.funds
            ],
            "rows": [
                {
                    "rank": row.rank,
                    "application": row.application.pk,
                    "case_number": row.application.case_number,
                    "title": row.application.title,
                    "organisation_name": row.application.organisation.name,
                    "score": row.score.percent,
                    "assessors": row.score.assessors,
                    "fit_served": row.fit.served,
                    "fit_asked": row.fit.asked,
                    "amount": row.amount,
                    "cumulative": row.cumulative,
                    "within_line": row.within_line,
                    "open_conflicts": row.open_conflicts,
                    "explanation": row.explanation,
                }
                for row in ranking.rows
            ],
        }
        return Response(RankingSerializer(data).data)

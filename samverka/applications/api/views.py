"""The applications API: applicants write their drafts and submit; staff read the
submitted applications of their regions and move them on.

Every request goes through the policy's queryset (`applications_visible_to`), so an
application outside the caller's scope is 404 for reads and writes alike; a visible
one that the caller may not change is 403 (the services' policy check). Draft sections
are saved one at a time with the `revision` read (in the body or as `If-Match`); a
change based on an older revision is 409 Conflict with the stored application.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from samverka.accounts.api.scoped import (
    ScopedViewSet,
    StaleEdit,
    actor,
    conflict_on_stale_edit,
)
from samverka.applications import completeness, policies, services
from samverka.applications.api.serializers import (
    ApplicationAttachmentSerializer,
    ApplicationConflictSerializer,
    ApplicationDetailSerializer,
    ApplicationFilterSerializer,
    ApplicationListSerializer,
    ApplicationPartnerSerializer,
    ApplicationStartSerializer,
    ApplicationUpdateSerializer,
    AttachmentInputSerializer,
    BudgetInputSerializer,
    CompareFilterSerializer,
    ComparisonSerializer,
    CompletionRequestInputSerializer,
    CompletionRequestSerializer,
    EffectsInputSerializer,
    FinancingInputSerializer,
    OfficerInputSerializer,
    PartnerInputSerializer,
    StateAidInputSerializer,
    SubmissionResultSerializer,
    SubmissionSnapshotSerializer,
    SubmitInputSerializer,
    SustainabilityInputSerializer,
    WithdrawInputSerializer,
)
from samverka.applications.models import (
    Application,
    Attachment,
    CompletionRequest,
    Partner,
    ProjectIndicator,
    Submission,
)
from samverka.applications.snapshot import diff_snapshots
from samverka.core.errors import STALE_EDIT

CONFLICT = OpenApiResponse(
    ApplicationConflictSerializer,
    description="Someone else saved after the revision sent; nothing was written.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='The revision read, as "<revision>" (instead of `revision` in the body).',
)
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        "One key per intended submission (at most 64 characters): sending it again "
        "returns the same submission. Or send `key` in the body."
    ),
)


RELATED = ("region", "call", "organisation", "fund", "officer", "case")


def _id_parameter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.INT, OpenApiParameter.PATH, description=description
    )


# Service errors keyed at the lines of a section ---------------------------------------

Locator = Callable[[str], tuple[int, str] | None]


def _keyed_at_lines(
    exc: DjangoValidationError, list_name: str, size: int, locate: Locator
) -> exceptions.ValidationError:
    """The service's errors with those of one line moved under `list_name` by the
    line's index, as a list serializer reports them: ``{"lines": {1: {"amount":
    ["…"]}}}``."""
    if not hasattr(exc, "error_dict"):
        return exceptions.ValidationError(
            {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        )
    errors: dict[str, Any] = {}
    lines: dict[int, dict[str, list[str]]] = {}
    for key, messages in exc.message_dict.items():
        where = locate(key)
        if where is not None and 0 <= where[0] < size:
            index, field = where
            lines.setdefault(index, {}).setdefault(field, []).extend(messages)
        elif key == "__all__":
            errors.setdefault(api_settings.NON_FIELD_ERRORS_KEY, []).extend(messages)
        else:
            errors.setdefault(key, []).extend(messages)
    if lines:
        errors[list_name] = dict(sorted(lines.items()))
    return exceptions.ValidationError(errors)


def _numbered(prefix: str) -> Locator:
    """Locate the services' ``<prefix>-<n>-<field>`` keys."""

    def locate(key: str) -> tuple[int, str] | None:
        parts = key.split("-", 2)
        if len(parts) == 3 and parts[0] == prefix and parts[1].isdigit():
            return int(parts[1]), parts[2]
        return None

    return locate


def _revision(request: Request, data: dict[str, Any]) -> int | None:
    """The revision the client read: `revision` in the body, else `If-Match`."""
    revision = data.pop("revision", None)
    if revision is not None:
        return int(revision)
    header = (request.headers.get("If-Match") or "").strip()
    if not header or header == "*":
        return None
    value = header.removeprefix("W/").strip('"')
    if not value.isdigit():
        raise exceptions.ValidationError(
            {"revision": [_('If-Match must be the revision read, for example "3".')]}
        )
    return int(value)


@extend_schema_view(
    list=extend_schema(parameters=[ApplicationFilterSerializer]),
    retrieve=extend_schema(responses=ApplicationDetailSerializer),
)
class ApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """Applications: applicants' own (drafts included), and the submitted ones of the
    regions where the caller holds a staff role."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ApplicationDetailSerializer
    queryset = Application.objects.none()  # for the schema; requests use the policy

    # Reading ----------------------------------------------------------------------

    def visible(self) -> QuerySet[Application]:
        return policies.applications_visible_to(self.request.user).select_related(
            *RELATED
        )

    def get_queryset(self) -> QuerySet[Application]:
        # Applicants write too, so writes are not limited to staff regions: the
        # services check who may do what, and visibility alone gives 404.
        queryset = self.visible()
        if self.action == "list":
            return self.filtered(queryset)
        if self.action == "retrieve":
            return self.with_parts(queryset)
        return queryset

    def filtered(self, queryset: QuerySet[Application]) -> QuerySet[Application]:
        filters = ApplicationFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        if data.get("region"):
            queryset = queryset.filter(region__slug=data["region"])
        if data.get("call"):
            queryset = queryset.filter(call_id=data["call"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("mine"):
            queryset = queryset.filter(
                pk__in=policies.applications_of_applicant(self.request.user).values(
                    "pk"
                )
            )
        return queryset

    @staticmethod
    def with_parts(queryset: QuerySet[Application]) -> QuerySet[Application]:
        return queryset.prefetch_related(
            "partners",
            "budget_lines",
            "financing_lines",
            "effect_items",
            Prefetch(
                "indicators",
                queryset=ProjectIndicator.objects.select_related("call_indicator"),
            ),
            "sustainability_answers",
            "attachments",
            Prefetch(
                "completion_requests",
                queryset=CompletionRequest.objects.select_related("answer"),
            ),
            Prefetch("submissions", queryset=Submission.objects.defer("snapshot")),
            "municipalities",
            "activities",
            "goals",
        )

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        if self.action == "list":
            return ApplicationListSerializer
        return ApplicationDetailSerializer

    def answer_detail(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        """The stored application as the detail shows it, with its revision as ETag.

        Only for the application the request has just read or changed: an officer who
        invites a concept to a full application answers with it, though it is now a
        draft the officer no longer sees."""
        base = Application.objects.select_related(*RELATED)
        application = self.with_parts(base).get(pk=pk)
        data = ApplicationDetailSerializer(
            application, context=self.get_serializer_context()
        ).data
        return Response(
            data, status=code, headers={"ETag": f'"{application.revision}"'}
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One application with all its parts; `problems` lists what it still lacks."""
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = f'"{response.data["revision"]}"'
        return response

    # Writing the draft ----------------------------------------------------------

    def save_section(
        self, application: Application, write: Callable[[], object]
    ) -> Response:
        """Run a section's service; a stale revision answers 409 with the stored
        application."""
        try:
            with conflict_on_stale_edit():
                write()
        except StaleEdit as exc:
            detail: Any = exc.detail
            current = self.answer_detail(application.pk).data
            return Response(
                {"detail": detail["detail"], "code": STALE_EDIT, "current": current},
                status=status.HTTP_409_CONFLICT,
            )
        return self.answer_detail(application.pk)

    @extend_schema(
        request=ApplicationStartSerializer,
        responses={201: ApplicationDetailSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start a draft in an open call for an organisation the caller acts for."""
        data = self.read_input(ApplicationStartSerializer)
        application = services.application_start(
            call=data["call"],
            organisation=data["organisation"],
            by=actor(request),
            title=data.get("title", ""),
            language=data.get("language", ""),
        )
        return self.answer_detail(application.pk, status.HTTP_201_CREATED)

    @extend_schema(
        request=ApplicationUpdateSerializer,
        parameters=[IF_MATCH],
        responses={200: ApplicationDetailSerializer, 409: CONFLICT},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Save the project section and the fit to the strategy; send the `revision`
        read."""
        application = self.get_object()
        data = self.read_input(ApplicationUpdateSerializer, partial=True)
        revision = _revision(request, data)
        return self.save_section(
            application,
            lambda: services.application_update(
                application=application, by=actor(request), data=data, revision=revision
            ),
        )

    @extend_schema(
        request=BudgetInputSerializer,
        parameters=[IF_MATCH],
        responses={200: ApplicationDetailSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["put"])
    def budget(self, request: Request, pk: str | None = None) -> Response:
        """Replace the budget: lines by cost category and year, in minor units.
        Indirect costs are added at the call's flat rate of the staff costs."""
        application = self.get_object()
        data = self.read_input(BudgetInputSerializer)
        revision = _revision(request, data)
        lines: list[dict[str, Any]] = data["lines"]
        amounts = {(line["category"], line["year"]): line["amount"] for line in lines}
        descriptions: dict[str, str] = {}
        for line in lines:
            if line.get("description") and line["category"] not in descriptions:
                descriptions[line["category"]] = line["description"]
        years = set(application.years)

        def locate(key: str) -> tuple[int, str] | None:
            category, _sep, year = key.rpartition("_")
            for index, line in enumerate(lines):
                if line["category"] == category and str(line["year"]) == year:
                    outside = bool(years) and line["year"] not in years
                    return index, "year" if outside else "amount"
            return None

        def write() -> None:
            try:
                services.budget_set(
                    application=application,
                    by=actor(request),
                    amounts=amounts,
                    descriptions=descriptions,
                    revision=revision,
                )
            except DjangoValidationError as exc:
                if hasattr(exc, "error_dict"):
                    raise _keyed_at_lines(exc, "lines", len(lines), locate) from exc
                raise

        return self.save_section(application, write)

    @extend_schema(
        request=FinancingInputSerializer,
        parameters=[IF_MATCH],
        responses={200: ApplicationDetailSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["put"])
    def financing(self, request: Request, pk: str | None = None) -> Response:
        """Replace the financing plan: the amount applied for and the co-financing.
        The amount applied for must keep within the fund's maximum aid intensity."""
        application = self.get_object()
        data = self.read_input(FinancingInputSerializer)
        revision = _revision(request, data)
        lines = [dict(line) for line in data["lines"]]

        def write() -> None:
            try:
                services.financing_set(
                    application=application,
                    by=actor(request),
                    amount_requested=data["amount_requested"],
                    lines=lines,
                    revision=revision,
                )
            except DjangoValidationError as exc:
                if hasattr(exc, "error_dict"):
                    raise _keyed_at_lines(
                        exc, "lines", len(lines), _numbered("lines")
                    ) from exc
                raise

        return self.save_section(application, write)

    @extend_schema(
        request=EffectsInputSerializer,
        parameters=[IF_MATCH],
        responses={200: ApplicationDetailSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["put"])
    def effects(self, request: Request, pk: str | None = None) -> Response:
        """Replace the effect chain and the chosen indicators with their targets."""
        application = self.get_object()
        data = self.read_input(EffectsInputSerializer)
        revision = _revision(request, data)
        indicators = [dict(row) for row in data.get("indicators", [])]

        def write() -> None:
            try:
                services.effects_set(
                    application=application,
                    by=actor(request),
                    items=data["items"],
                    indicators=indicators,
                    revision=revision,
                )
            except DjangoValidationError as exc:
                if hasattr(exc, "error_dict"):
                    raise _keyed_at_lines(
                        exc, "indicators", len(indicators), _numbered("indicators")
                    ) from exc
                raise

        return self.save_section(application, write)

    @extend_schema(
        request=SustainabilityInputSerializer,
        parameters=[IF_MATCH],
        responses={200: ApplicationDetailSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["put"])
    def sustainability(self, request: Request, pk: str | None = None) -> Response:
        """Save the sustainability self-assessment; an empty rating removes an
        answer, aspects not sent stay as they are."""
        application = self.get_object()
        data = self.read_input(SustainabilityInputSerializer)
        revision = _revision(request, data)
        rows: list[dict[str, Any]] = data["answers"]
        answers = {
            row["aspect"]: (row["rating"], row.get("description", "")) for row in rows
        }

        def locate(key: str) -> tuple[int, str] | None:
            field = "aspect"
            if key.endswith("_rating"):
                key, field = key.removesuffix("_rating"), "rating"
            for index, row in enumerate(rows):
                if row["aspect"] == key:
                    return index, field
            return None

        def write() -> None:
            try:
                services.sustainability_set(
                    application=application,
                    by=actor(request),
                    answers=answers,
                    revision=revision,
                )
            except DjangoValidationError as exc:
                if hasattr(exc, "error_dict"):
                    raise _keyed_at_lines(exc, "answers", len(rows), locate) from exc
                raise

        return self.save_section(application, write)

    @extend_schema(
        request=StateAidInputSerializer,
        parameters=[IF_MATCH],
        responses={200: ApplicationDetailSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["put"], url_path="state-aid", url_name="state-aid")
    def state_aid(self, request: Request, pk: str | None = None) -> Response:
        """Make the de minimis declaration."""
        application = self.get_object()
        data = self.read_input(StateAidInputSerializer)
        revision = _revision(request, data)
        return self.save_section(
            application,
            lambda: services.state_aid_set(
                application=application,
                by=actor(request),
                received=data["de_minimis_received"],
                declared=data["de_minimis_declared"],
                revision=revision,
            ),
        )

    @extend_schema(
        request=PartnerInputSerializer, responses={201: ApplicationPartnerSerializer}
    )
    @action(detail=True, methods=["post"])
    def partners(self, request: Request, pk: str | None = None) -> Response:
        """Add a partner; a co-applicant with an e-mail address is invited to the
        draft."""
        application = self.get_object()
        data = self.read_input(PartnerInputSerializer)
        partner = services.partner_add(
            application=application, by=actor(request), data=data
        )
        return Response(
            ApplicationPartnerSerializer(partner).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        parameters=[_id_parameter("partner_id", "The id of the partner.")],
        request=None,
        responses={204: None},
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"partners/(?P<partner_id>[0-9]+)",
        url_name="partner-remove",
    )
    def remove_partner(
        self, request: Request, pk: str | None = None, partner_id: str | None = None
    ) -> Response:
        """Remove a partner."""
        application = self.get_object()
        partner = get_object_or_404(Partner, application=application, pk=partner_id)
        services.partner_remove(partner=partner, by=actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request={"multipart/form-data": AttachmentInputSerializer},
        responses={201: ApplicationAttachmentSerializer},
    )
    @action(detail=True, methods=["post"])
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        """Attach a file (multipart); its type is judged by its content."""
        application = self.get_object()
        data = self.read_input(AttachmentInputSerializer)
        attachment = services.attachment_add(
            application=application,
            by=actor(request),
            upload=data["file"],
            title=data.get("title", ""),
            required=data.get("required"),
        )
        return Response(
            ApplicationAttachmentSerializer(attachment).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        parameters=[_id_parameter("attachment_id", "The id of the attachment.")],
        request=None,
        responses={204: None},
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"attachments/(?P<attachment_id>[0-9]+)",
        url_name="attachment-remove",
    )
    def remove_attachment(
        self, request: Request, pk: str | None = None, attachment_id: str | None = None
    ) -> Response:
        """Remove an attachment (an earlier submission keeps its copy)."""
        application = self.get_object()
        attachment = get_object_or_404(
            Attachment, application=application, pk=attachment_id
        )
        services.attachment_remove(attachment=attachment, by=actor(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    # Submitting ----------------------------------------------------------------

    @extend_schema(
        request=SubmitInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={
            201: OpenApiResponse(
                SubmissionResultSerializer, description="Submitted now."
            ),
            200: OpenApiResponse(
                SubmissionResultSerializer,
                description="The key was used before: the submission it made.",
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Submit the application: it is frozen, registered in the case register
        (the first time with a new case number) and a receipt is sent. Idempotent
        per key. Refused with 400 after the call's deadline, or with `problems` when
        the application is incomplete."""
        application = self.get_object()
        data = self.read_input(SubmitInputSerializer)
        key = (request.headers.get("Idempotency-Key") or data.get("key") or "").strip()
        if not key:
            raise exceptions.ValidationError(
                {"key": [_("Send an Idempotency-Key header or a key in the body.")]}
            )
        if len(key) > 64:
            raise exceptions.ValidationError(
                {"key": [_("The key can be at most 64 characters long.")]}
            )
        earlier = application.submissions.filter(idempotency_key=key).first()
        if earlier is not None:
            return Response(SubmissionResultSerializer(earlier).data)
        try:
            submission = services.application_submit(
                application=application, by=actor(request), key=key
            )
        except DjangoValidationError as exc:
            codes = {error.code for error in getattr(exc, "error_list", [])}
            if hasattr(exc, "error_dict") or codes & {"deadline", "not_open"}:
                raise
            found = completeness.problems(application)
            if not found:
                raise
            raise exceptions.ValidationError(
                {
                    api_settings.NON_FIELD_ERRORS_KEY: [
                        _("The application is not complete.")
                    ],
                    "problems": [
                        {"section": p.section, "message": p.message} for p in found
                    ],
                }
            ) from exc
        return Response(
            SubmissionResultSerializer(submission).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=WithdrawInputSerializer, responses=ApplicationDetailSerializer
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        """The applicant withdraws the application."""
        application = self.get_object()
        data = self.read_input(WithdrawInputSerializer)
        services.application_withdraw(
            application=application, by=actor(request), reason=data.get("reason", "")
        )
        return self.answer_detail(application.pk)

    # Case work -------------------------------------------------------------------

    @extend_schema(
        request=OfficerInputSerializer, responses=ApplicationDetailSerializer
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="assign-officer",
        url_name="assign-officer",
    )
    def assign_officer(self, request: Request, pk: str | None = None) -> Response:
        """Make a case officer of the region responsible (case officers and region
        administrators)."""
        application = self.get_object()
        data = self.read_input(OfficerInputSerializer)
        services.officer_assign(
            application=application, by=actor(request), officer=data["officer"]
        )
        return self.answer_detail(application.pk)

    @extend_schema(
        request=CompletionRequestInputSerializer,
        responses={201: CompletionRequestSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="request-completion",
        url_name="request-completion",
    )
    def request_completion(self, request: Request, pk: str | None = None) -> Response:
        """Ask the applicant for more by a deadline; the application opens for
        changes until they submit again."""
        application = self.get_object()
        data = self.read_input(CompletionRequestInputSerializer)
        completion = services.completion_request(
            application=application,
            by=actor(request),
            message=data["message"],
            deadline=data["deadline"],
        )
        return Response(
            CompletionRequestSerializer(completion).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=ApplicationDetailSerializer)
    @action(
        detail=True, methods=["post"], url_path="invite-full", url_name="invite-full"
    )
    def invite_full(self, request: Request, pk: str | None = None) -> Response:
        """Invite the applicant of a submitted concept to write the full
        application."""
        application = self.get_object()
        services.invite_full_application(application=application, by=actor(request))
        return self.answer_detail(application.pk)

    # Submissions ---------------------------------------------------------------

    @extend_schema(
        parameters=[_id_parameter("number", "The submission's number: 1, 2, …")],
        responses=SubmissionSnapshotSerializer,
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"submissions/(?P<number>[0-9]+)",
        url_name="submission",
    )
    def submission(
        self, request: Request, pk: str | None = None, number: str | None = None
    ) -> Response:
        """What was sent in one submission, frozen."""
        application = self.get_object()
        submission = get_object_or_404(
            Submission, application=application, number=number
        )
        return Response(SubmissionSnapshotSerializer(submission).data)

    @extend_schema(parameters=[CompareFilterSerializer], responses=ComparisonSerializer)
    @action(detail=True, methods=["get"])
    def compare(self, request: Request, pk: str | None = None) -> Response:
        """What changed between two submissions (staff of the region)."""
        application = self.get_object()
        if not policies.can_view_staff(request.user, application):
            raise exceptions.PermissionDenied()
        query = CompareFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params: Mapping[str, Any] = query.validated_data
        numbers = list(
            application.submissions.order_by("number").values_list("number", flat=True)
        )
        to_number = params.get("to") or (numbers[-1] if numbers else None)
        from_number = params.get("from") or (to_number - 1 if to_number else None)
        by_number = {
            s.number: s
            for s in application.submissions.filter(
                number__in=[n for n in (from_number, to_number) if n]
            )
        }
        old, new = by_number.get(from_number or 0), by_number.get(to_number or 0)
        if old is None or new is None:
            raise exceptions.NotFound(_("There is no such pair of submissions."))
        changes = [
            {
                "section": change.section,
                "label": change.label,
                "old": change.old,
                "new": change.new,
            }
            for change in diff_snapshots(old.snapshot, new.snapshot)
        ]
        return Response({"from": old.number, "to": new.number, "changes": changes})

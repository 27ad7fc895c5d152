"""The statistics import API: start an import into an indicator and follow it.

An import is started with the same `runner.start_import` as the staff screen, so the
API keeps its checks, audit entry and task. The answer is 202 Accepted with the
import's row; a client polls its `url` until `status` is ``done`` or ``failed``.
Only staff of the indicator's region see its imports; strategists and region
administrators start them.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, permissions, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from samverka.accounts.api.scoped import (
    ListFilterSerializer,
    ScopedPrimaryKeyRelatedField,
    ScopedViewSet,
    actor,
    staff_scope,
)
from samverka.accounts.policies import roles_by_region
from samverka.strategy.api.serializers import visible_indicators
from samverka.strategy.choices import ImportSource, ImportStatus
from samverka.strategy.models import Indicator, StatisticsImport
from samverka.strategy.statistics.runner import max_upload, start_import

#: What of an import's stored request the API shows (an upload's content is not).
SHOWN_REQUEST_KEYS = ("table", "query", "url", "language", "file_name", "file_size")


def importable_indicators(user: Any) -> QuerySet[Indicator]:
    """The indicators of the regions where `user` holds a staff role: an indicator of
    another region, even a published one, reads as one that does not exist."""
    return staff_scope(visible_indicators(user), user)


# Serializers --------------------------------------------------------------------------


class StatisticsImportOutputSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="statistics-import-detail",
        help_text=_("Where to follow the import: poll it until it is done or failed."),
    )
    region: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    request = serializers.SerializerMethodField(
        help_text=_(
            "What was asked for: table, query, the address fetched, the language of the "
            "messages and, for an upload, the file's name and size."
        )
    )

    class Meta:
        model = StatisticsImport
        fields = [
            "id",
            "url",
            "region",
            "indicator",
            "source",
            "status",
            "progress",
            "message",
            "rows_read",
            "rows_written",
            "request",
            "started_by",
            "started_at",
            "finished_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_request(self, obj: StatisticsImport) -> dict[str, Any]:
        stored = obj.request or {}
        return {key: stored[key] for key in SHOWN_REQUEST_KEYS if key in stored}


@extend_schema_field({"type": "object", "additionalProperties": {}})
class QueryField(serializers.JSONField):
    """The selection per variable as an object; in a multipart form, its JSON text."""

    default_error_messages = {
        "not_object": _(
            'Give the query as an object of variables, for example {"Region": ["22"]}.'
        ),
        "not_json": _("The query is not valid JSON."),
    }

    def to_internal_value(self, data: Any) -> Any:
        # A form's value comes marked as JSON text (`JSONField.get_value`).
        if getattr(data, "is_json_string", False):
            if not data.strip():
                return {}
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("not_json")
        value = super().to_internal_value(data)
        if value is None:
            return {}
        if not isinstance(value, dict):
            # Not `fail()`: the message's braces are no format fields.
            raise serializers.ValidationError(
                self.error_messages["not_object"], code="not_object"
            )
        return value


class StatisticsImportInputSerializer(serializers.Serializer):
    """Fetch a table from a statistics office into an indicator."""

    indicator = ScopedPrimaryKeyRelatedField(
        scope=importable_indicators,
        queryset=Indicator.objects.all(),
        help_text=_("The indicator whose time series the values go into."),
    )
    source = serializers.ChoiceField(  # type: ignore[assignment]
        choices=ImportSource.choices,
        help_text=_(
            "Where the statistics come from; `file` needs a multipart upload with "
            "`file`."
        ),
    )
    table = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "The table's id: TAB638 (scb_v2), BE/BE0101/BE0101A/BefolkningNy (scb_v1) "
            "or FOLK1A (dst). Not needed for a file."
        ),
    )
    query = QueryField(
        required=False,
        allow_null=True,
        default=dict,
        help_text=_(
            'The selection per variable, for example {"Region": ["22"], '
            '"ContentsCode": ["BE0101N1"], "Tid": ["*"]}; it also filters the answer.'
        ),
    )


@extend_schema_field({"type": "string"})
class FormQueryField(QueryField):
    """The query's JSON text, in a multipart form."""


class StatisticsImportUploadSerializer(StatisticsImportInputSerializer):
    """Read an uploaded JSON-stat (1.0 or 2.0) or PxWeb JSON file into an indicator."""

    query = FormQueryField(
        required=False,
        allow_null=True,
        default=dict,
        help_text=_(
            'The selection per variable as JSON text, for example {"Region": ["22"], '
            '"Kon": "2"}; it filters the file\'s values.'
        ),
    )

    file = serializers.FileField(
        required=False,
        help_text=_(
            "A JSON-stat or PxWeb JSON file, with source `file` (at most "
            "SAMVERKA_STATISTICS_MAX_UPLOAD bytes, 10 MB unless configured)."
        ),
    )


class StatisticsImportFilterSerializer(ListFilterSerializer):
    lookups = {"indicator": "indicator_id", "status": "status"}

    indicator = serializers.IntegerField(
        required=False, help_text=_("Only the imports into this indicator.")
    )
    status = serializers.ChoiceField(choices=ImportStatus.choices, required=False)


# The viewset --------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        parameters=[StatisticsImportFilterSerializer],
        description=_(
            "The imports into the indicators of the regions where you hold a staff "
            "role, newest first."
        ),
    ),
    retrieve=extend_schema(
        description=_(
            "One import: poll it for `status` (queued, running, done, failed), "
            "`progress` (per cent), `message` and the counts."
        )
    ),
)
class StatisticsImportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet
):
    """Statistics imports, newest first: the staff of the indicator's region see them,
    strategists and region administrators start them."""

    serializer_class = StatisticsImportOutputSerializer
    queryset = StatisticsImport.objects.none()  # for the schema; requests use scope
    filter_serializer_class = StatisticsImportFilterSerializer
    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def visible(self) -> QuerySet[StatisticsImport]:
        return staff_scope(
            StatisticsImport.objects.select_related("region"), self.request.user
        ).order_by("-created_at", "-pk")

    @extend_schema(
        request={
            "application/json": StatisticsImportInputSerializer,
            "multipart/form-data": StatisticsImportUploadSerializer,
        },
        responses={
            202: OpenApiResponse(
                StatisticsImportOutputSerializer,
                description=_("Started; follow it at `url` (also in `Location`)."),
            )
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start an import. It runs in the background: the answer is 202 Accepted with
        the import, whose `url` a client polls for `status`, `progress` and
        `message`. Nothing is written when the import fails."""
        user = actor(request)
        if not (user.is_superuser or roles_by_region(user)):
            raise PermissionDenied
        upload = "file" in request.FILES
        data = self.read_input(
            StatisticsImportUploadSerializer
            if upload
            else StatisticsImportInputSerializer
        )
        file = data.get("file")
        source = data["source"]
        job = start_import(
            indicator=data["indicator"],
            by=user,
            source=source,
            request={
                "table": data.get("table", ""),
                "query": data.get("query") or {},
                "file_name": getattr(file, "name", "") or "",
            },
            file_bytes=file.read(max_upload() + 1)
            if file is not None and source == ImportSource.FILE
            else None,
        )
        job = self.visible().get(pk=job.pk)
        body = self.get_serializer(job).data
        return Response(
            body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]}
        )

"""An action plan's activities as an Excel workbook: the export, and the import with
its preview.

Any staff member of the region downloads the workbook; strategists and region
administrators import one (upload → preview → confirm, docs/spreadsheets.md).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views import View

from samverka.accounts.mixins import RegionStaffMixin
from samverka.plans import policies
from samverka.plans.models import ActionPlan
from samverka.plans.spreadsheets import PlanImport, plan_workbook
from samverka.strategy.spreadsheets import (
    XLSX_CONTENT_TYPE,
    SpreadsheetImportViewMixin,
    WorkbookImport,
    workbook_bytes,
)


class PlanSpreadsheetMixin:
    """Resolve ``pk`` among the region's plans the user sees (404 outside them); with
    `change_required`, only those who may change the plan get on (403)."""

    change_required: ClassVar[bool] = False
    plan: ActionPlan
    region: Any
    request: HttpRequest

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.plan = get_object_or_404(
            policies.plans_visible_to(request.user).filter(region=self.region),
            pk=kwargs["pk"],
        )
        if self.change_required and not policies.can_change_plan(
            request.user, self.plan
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class PlanExportView(RegionStaffMixin, PlanSpreadsheetMixin, View):
    """The plan's activities as .xlsx."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        name = slugify(self.plan.title) or "action-plan"
        response = HttpResponse(
            workbook_bytes(plan_workbook(self.plan)), content_type=XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = content_disposition_header(  # type: ignore[assignment]
            as_attachment=True, filename=f"{name}-activities.xlsx"
        )
        return response


class PlanImportMixin(SpreadsheetImportViewMixin):
    upload_template = "plans/spreadsheets/import_upload.html"
    preview_template = "plans/spreadsheets/import_preview.html"
    plan: ActionPlan
    region: Any

    def get_importer(self) -> WorkbookImport:
        return PlanImport(self.plan)

    def upload_scope(self) -> str:
        return f"plan:{self.plan.pk}"

    def import_url(self) -> str:
        return reverse(
            "plans:spreadsheet_import", args=[self.region.slug, self.plan.pk]
        )

    def confirm_url(self) -> str:
        return reverse(
            "plans:spreadsheet_import_confirm", args=[self.region.slug, self.plan.pk]
        )

    def page_context(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "plan": self.plan,
            "export_url": reverse(
                "plans:spreadsheet_export", args=[self.region.slug, self.plan.pk]
            ),
        }


class PlanImportView(RegionStaffMixin, PlanSpreadsheetMixin, PlanImportMixin, View):
    """The upload form (GET) and the preview of an uploaded workbook (POST)."""

    change_required = True

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_upload()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.upload()


class PlanImportConfirmView(
    RegionStaffMixin, PlanSpreadsheetMixin, PlanImportMixin, View
):
    """Write the previewed workbook (POST only)."""

    change_required = True
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.confirm()


_plan = "staff/<slug:region_slug>/action-plans/<int:pk>/"

urlpatterns = [
    path(_plan + "export.xlsx", PlanExportView.as_view(), name="spreadsheet_export"),
    path(_plan + "import/", PlanImportView.as_view(), name="spreadsheet_import"),
    path(
        _plan + "import/confirm/",
        PlanImportConfirmView.as_view(),
        name="spreadsheet_import_confirm",
    ),
]

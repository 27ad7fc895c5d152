"""A strategy as an Excel workbook: the export, and the import with its preview.

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
from samverka.strategy import policies
from samverka.strategy.models import Strategy
from samverka.strategy.spreadsheets import (
    XLSX_CONTENT_TYPE,
    SpreadsheetImportViewMixin,
    StrategyImport,
    WorkbookImport,
    strategy_workbook,
    workbook_bytes,
)


class StrategyObjectMixin:
    """Resolve ``pk`` among the region's strategies the user sees (404 outside them);
    with `change_required`, only those who may change the strategy get on (403)."""

    change_required: ClassVar[bool] = False
    strategy: Strategy
    region: Any
    request: HttpRequest

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.strategy = get_object_or_404(
            policies.strategies_visible_to(request.user).filter(region=self.region),
            pk=kwargs["pk"],
        )
        if self.change_required and not policies.can_change_strategy(
            request.user, self.strategy
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class StrategyExportView(RegionStaffMixin, StrategyObjectMixin, View):
    """The strategy's goals, indicators, baselines, targets and observations as .xlsx."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        strategy = self.strategy
        name = slugify(strategy.short_name or strategy.title) or "strategy"
        filename = (
            f"{name}-{strategy.start_year}-{strategy.end_year}-v{strategy.version}.xlsx"
        )
        response = HttpResponse(
            workbook_bytes(strategy_workbook(strategy)),
            content_type=XLSX_CONTENT_TYPE,
        )
        response["Content-Disposition"] = content_disposition_header(  # type: ignore[assignment]
            as_attachment=True, filename=filename
        )
        return response


class StrategyImportMixin(SpreadsheetImportViewMixin):
    upload_template = "strategy/spreadsheets/import_upload.html"
    preview_template = "strategy/spreadsheets/import_preview.html"
    strategy: Strategy
    region: Any

    def get_importer(self) -> WorkbookImport:
        return StrategyImport(self.strategy)

    def upload_scope(self) -> str:
        return f"strategy:{self.strategy.pk}"

    def import_url(self) -> str:
        return reverse(
            "strategy:spreadsheet_import", args=[self.region.slug, self.strategy.pk]
        )

    def confirm_url(self) -> str:
        return reverse(
            "strategy:spreadsheet_import_confirm",
            args=[self.region.slug, self.strategy.pk],
        )

    def page_context(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "strategy": self.strategy,
            "export_url": reverse(
                "strategy:spreadsheet_export", args=[self.region.slug, self.strategy.pk]
            ),
        }


class StrategyImportView(
    RegionStaffMixin, StrategyObjectMixin, StrategyImportMixin, View
):
    """The upload form (GET) and the preview of an uploaded workbook (POST)."""

    change_required = True

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_upload()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.upload()


class StrategyImportConfirmView(
    RegionStaffMixin, StrategyObjectMixin, StrategyImportMixin, View
):
    """Write the previewed workbook (POST only)."""

    change_required = True
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.confirm()


_strategy = "staff/<slug:region_slug>/strategy/<int:pk>/"

urlpatterns = [
    path(
        _strategy + "export.xlsx",
        StrategyExportView.as_view(),
        name="spreadsheet_export",
    ),
    path(
        _strategy + "import/",
        StrategyImportView.as_view(),
        name="spreadsheet_import",
    ),
    path(
        _strategy + "import/confirm/",
        StrategyImportConfirmView.as_view(),
        name="spreadsheet_import_confirm",
    ),
]

"""Staff screens of the statistics import: start one for an indicator, follow it,
list the region's recent imports.

The detail page polls its status partial with htmx every two seconds while the
import is queued or running; without JavaScript a reload shows the same.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.generic import FormView, ListView, TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.actors.forms import add_service_errors
from samverka.strategy import policies
from samverka.strategy.choices import ImportSource, ImportStatus
from samverka.strategy.models import Indicator, StatisticsImport
from samverka.strategy.statistics.forms import ImportForm
from samverka.strategy.statistics.runner import max_upload, start_import

ACTIVE = (ImportStatus.QUEUED, ImportStatus.RUNNING)


def _imports_of(user: Any, region: Any) -> QuerySet[StatisticsImport]:
    """The region's imports, of indicators the user may see."""
    indicators = policies.indicators_visible_to(user).filter(region=region)
    return StatisticsImport.objects.filter(
        region=region, indicator__in=indicators
    ).select_related("indicator", "started_by", "region")


class ImportStartView(RegionStaffMixin, FormView):
    """Start an import of statistics into one indicator."""

    template_name = "strategy/imports/import_form.html"
    form_class = ImportForm
    permission = staticmethod(policies.can_edit_strategy)
    indicator: Indicator

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.indicator_pk = kwargs["indicator_pk"]

    def get_indicator(self) -> Indicator:
        if not hasattr(self, "indicator"):
            self.indicator = get_object_or_404(
                policies.indicators_visible_to(self.request.user)
                .filter(region=self.region)
                .select_related("region"),
                pk=self.indicator_pk,
            )
        return self.indicator

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.get_indicator()
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.get_indicator()
        return super().post(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return ImportForm.initial_for(self.get_indicator())

    def form_valid(self, form: ImportForm) -> HttpResponse:
        data = form.cleaned_data
        upload = data.get("file")
        source = data["source"]
        try:
            job = start_import(
                indicator=self.get_indicator(),
                by=cast(User, self.request.user),
                source=source,
                request={
                    "table": data.get("table", ""),
                    "query": data.get("query") or {},
                    "file_name": getattr(upload, "name", "") or "",
                },
                file_bytes=upload.read(max_upload() + 1)
                if upload is not None and source == ImportSource.FILE
                else None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        return redirect(
            "strategy:import_detail", region_slug=self.region.slug, pk=job.pk
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["indicator"] = self.get_indicator()
        context["recent"] = _imports_of(self.request.user, self.region).filter(
            indicator=self.get_indicator()
        )[:5]
        return context


class ImportDetailView(RegionStaffMixin, TemplateView):
    """One import: status, progress, counts and message. An htmx request gets the
    status partial only, which keeps polling while the import is under way."""

    template_name = "strategy/imports/import_detail.html"
    partial_template_name = "strategy/imports/_status.html"
    permission = staticmethod(policies.can_edit_strategy)

    def get_template_names(self) -> list[str]:
        if getattr(self.request, "htmx", False):
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        job = get_object_or_404(
            _imports_of(self.request.user, self.region), pk=kwargs["pk"]
        )
        context["job"] = job
        context["indicator"] = job.indicator
        context["active"] = job.status in ACTIVE
        return context


class ImportListView(RegionStaffMixin, ListView):
    """The region's recent imports, newest first."""

    template_name = "strategy/imports/import_list.html"
    context_object_name = "imports"
    paginate_by = 25
    permission = staticmethod(policies.can_edit_strategy)

    def get_queryset(self) -> QuerySet[StatisticsImport]:
        return _imports_of(self.request.user, self.region).order_by("-created_at")


_staff = "staff/<slug:region_slug>/"

urlpatterns = [
    path(
        _staff + "indicators/<int:indicator_pk>/import/",
        ImportStartView.as_view(),
        name="indicator_import",
    ),
    path(_staff + "imports/", ImportListView.as_view(), name="import_list"),
    path(
        _staff + "imports/<int:pk>/", ImportDetailView.as_view(), name="import_detail"
    ),
]

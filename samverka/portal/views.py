"""The public pages of the installation and of each region."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from samverka.portal.selectors import (
    region_list_public,
    region_open_calls,
    region_plan_count,
    region_strategies_current,
)


@method_decorator(login_not_required, name="dispatch")
class IndexView(TemplateView):
    """The installation's front page: the regions it serves."""

    template_name = "portal/index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["regions"] = region_list_public()
        return context


@method_decorator(login_not_required, name="dispatch")
class RegionHomeView(TemplateView):
    """A region's public home page; later issues add strategy, calls and projects."""

    template_name = "portal/region_home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        region = get_object_or_404(
            region_list_public(), slug=self.kwargs["region_slug"]
        )
        context["region"] = region
        context["strategies"] = list(region_strategies_current(region))
        context["plan_count"] = region_plan_count(region)
        context["open_calls"] = list(region_open_calls(region)[:5])
        return context

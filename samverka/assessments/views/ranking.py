"""The ranking of a call's applications in assessment, against a funding line.

Case officers and region administrators (`policies.can_lead_region`) and the region's
decision makers open it; other staff of the region are refused (403), a call of
another region is not found (404). The ranking is computed (`selectors.call_ranking`),
not stored: moving the funding line (GET) re-ranks nothing but moves rows below or
above the line.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.assessments import policies, selectors
from samverka.assessments.forms_sustainability import FundingLineForm
from samverka.funding.models import Call
from samverka.funding.policies import calls_visible_to


class RankingView(RegionStaffMixin, TemplateView):
    """The call's applications ranked by combined score, fit and amount, the money
    left per fund, and where the funding line falls."""

    permission = staticmethod(policies.can_read_region_assessments)
    template_name = "assessments/ranking.html"

    def calls(self) -> QuerySet[Call]:
        return calls_visible_to(self.request.user).filter(region=self.region)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        call = get_object_or_404(self.calls().select_related("region"), pk=kwargs["pk"])
        form = FundingLineForm(request.GET or None, region=self.region)
        line: int | None = None
        year = timezone.localdate().year
        if form.is_bound:
            form.is_valid()
            cleaned = getattr(form, "cleaned_data", {})
            line = cleaned.get("line")
            year = cleaned.get("year") or year
        ranking = selectors.call_ranking(call, line=line, year=year)
        if not form.is_bound or not form.errors:
            # Show where the line is now, also when it is the default.
            form = FundingLineForm(
                region=self.region,
                initial={"line": ranking.line, "year": ranking.year},
            )
        return self.render_to_response(
            self.get_context_data(call=call, ranking=ranking, form=form)
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        ranking: selectors.Ranking = kwargs["ranking"]
        rows = []
        line_index = len(ranking.rows)
        for index, row in enumerate(ranking.rows):
            if not row.within_line and line_index == len(ranking.rows):
                line_index = index
            recommendation = getattr(row.application, "recommendation", None)
            rows.append(
                {
                    "row": row,
                    "recommended": bool(
                        recommendation is not None and recommendation.amount
                    ),
                    "overview_url": reverse(
                        "assessments:overview",
                        kwargs={
                            "region_slug": self.region.slug,
                            "pk": row.application.pk,
                        },
                    ),
                }
            )
        total = sum(row.amount for row in ranking.rows)
        context.update(
            {
                "rows": rows,
                "line_index": line_index,
                "currency": ranking.currency,
                "total": total,
                "total_within": ranking.total_within,
                "count_within": len(ranking.within),
                "under_line": ranking.line - ranking.total_within,
                "above_line": total - ranking.total_within,
            }
        )
        return context


urlpatterns: list[Any] = [
    path(
        "staff/<slug:region_slug>/calls/<int:pk>/ranking/",
        RankingView.as_view(),
        name="ranking",
    ),
]

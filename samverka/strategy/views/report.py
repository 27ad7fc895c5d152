"""The follow-up report of a strategy, as a web page and as a PDF.

Both are public for adopted and superseded strategies; a region's staff also see the
report of its drafts. A strategy outside the visitor's scope is a 404.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverka.strategy import policies
from samverka.strategy.choices import StrategyStatus
from samverka.strategy.models import Strategy
from samverka.strategy.report import build_report

logger = logging.getLogger(__name__)


def _strategy(request: HttpRequest, region_slug: str, pk: int) -> Strategy:
    """The strategy in the visitor's scope: published ones for everyone, drafts for
    the region's staff (`strategies_visible_to`)."""
    return get_object_or_404(
        policies.strategies_visible_to(request.user)
        .filter(region__slug=region_slug)
        .select_related("region"),
        pk=pk,
    )


def css_string(text: str) -> SafeString:
    """`text` as a quoted CSS string, safe inside a <style> element."""
    escaped = (
        str(text)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("<", "\\3c ")
        .replace("\n", " ")
    )
    return mark_safe(f'"{escaped}"')  # noqa: S308 - escaped for CSS above


def page_counter_css() -> SafeString:
    """The CSS `content` of the page footer, "Page 2 of 7" in the active language."""
    marker = "\x00"
    text = _("Page %(page)s of %(pages)s") % {
        "page": f"{marker}page{marker}",
        "pages": f"{marker}pages{marker}",
    }
    pieces = []
    for piece in text.split(marker):
        if piece in ("page", "pages"):
            pieces.append(f"counter({piece})")
        elif piece:
            pieces.append(css_string(piece))
    return mark_safe(" ".join(pieces))  # noqa: S308 - built from css_string()


def _context(request: HttpRequest, strategy: Strategy) -> dict[str, Any]:
    report = build_report(strategy, user=request.user)
    return {
        "report": report,
        "strategy": strategy,
        "region": strategy.region,
        "is_draft": strategy.status == StrategyStatus.DRAFT,
    }


@login_not_required
def report_view(request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
    strategy = _strategy(request, region_slug, pk)
    return render(request, "strategy/report/report.html", _context(request, strategy))


def load_weasyprint() -> Any:
    """WeasyPrint's `HTML` class, imported only when a PDF is asked for: it needs Pango
    and friends, and raises OSError when those system libraries are missing."""
    from weasyprint import HTML

    return HTML


def pdf_filename(strategy: Strategy, report_date: Any) -> str:
    slug = slugify(strategy.localised("title")) or "strategy"
    return f"{slug[:80]}-{report_date.isoformat()}.pdf"


@login_not_required
def report_pdf_view(request: HttpRequest, region_slug: str, pk: int) -> HttpResponse:
    strategy = _strategy(request, region_slug, pk)
    try:
        html_class = load_weasyprint()
    except (OSError, ImportError):
        logger.exception("WeasyPrint cannot be loaded; the PDF report is unavailable")
        return render(
            request,
            "strategy/report/pdf_unavailable.html",
            {"strategy": strategy, "region": strategy.region},
            status=503,
        )
    context = _context(request, strategy)
    context["page_counter"] = page_counter_css()
    html = render_to_string("strategy/report/report_pdf.html", context, request)
    pdf = html_class(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = pdf_filename(strategy, context["report"].date)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


urlpatterns = [
    path(
        "<slug:region_slug>/strategy/<int:pk>/report/",
        report_view,
        name="report",
    ),
    path(
        "<slug:region_slug>/strategy/<int:pk>/report.pdf",
        report_pdf_view,
        name="report_pdf",
    ),
]

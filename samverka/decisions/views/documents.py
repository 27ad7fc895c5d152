"""The decision memo (a staff page and its PDF) and a preview of the decision letter.

Those who lead the assessment or decide read the memo (`assessments.policies.
can_read_assessment`); an application is resolved among the region's applications
whose assessment the user reads, so another region's application is "not found".
The PDFs are made now from what is stored; the copies registered in the case are made
once, after the decision (`documents.register_decision_documents`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.views import View
from django.views.generic import TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.applications.models import Application
from samverka.assessments import policies as assessment_policies
from samverka.decisions import documents
from samverka.decisions.models import Decision


class MemoApplicationMixin(RegionStaffMixin):
    """Resolve ``pk`` among the region's applications whose whole assessment the
    user reads (404); a staff role that reads no assessments is refused (403)."""

    permission = staticmethod(assessment_policies.can_read_region_assessments)
    application: Application

    def resolve(self, request: HttpRequest, pk: int) -> Application:
        application = get_object_or_404(
            assessment_policies.applications_for_assessment(request.user)
            .filter(region=self.region)
            .select_related("call__region", "organisation", "case", "fund"),
            pk=pk,
        )
        if not assessment_policies.can_read_assessment(request.user, application):
            raise PermissionDenied
        return application


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def pdf_unavailable(request: HttpRequest, region: Any, html_url: str) -> HttpResponse:
    """The PDF cannot be made (WeasyPrint's system libraries are missing)."""
    return render(
        request,
        "decisions/pdf/unavailable.html",
        {"region": region, "html_url": html_url},
        status=503,
    )


def memo_url(region: Any, application: Application) -> str:
    return reverse(
        "decisions:memo", kwargs={"region_slug": region.slug, "pk": application.pk}
    )


class MemoView(MemoApplicationMixin, TemplateView):
    """The decision memo as a page."""

    template_name = "decisions/memo.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        application = self.resolve(self.request, self.kwargs["pk"])
        context.update(documents.memo_context(application))
        return context


class MemoPdfView(MemoApplicationMixin, View):
    """The decision memo as it stands now, as a PDF."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        application = self.resolve(request, kwargs["pk"])
        pdf = documents.render_memo_pdf(application)
        if pdf is None:
            return pdf_unavailable(
                request, self.region, memo_url(self.region, application)
            )
        return pdf_response(pdf, f"{documents.file_stem(application)}-memo.pdf")


class LetterPdfView(MemoApplicationMixin, View):
    """A preview of the decision letter, in the applicant's language (404 while the
    application has no decision)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        application = self.resolve(request, kwargs["pk"])
        decision = Decision.objects.filter(application=application).first()
        if decision is None:
            raise Http404
        pdf = documents.render_letter_pdf(decision)
        if pdf is None:
            return pdf_unavailable(
                request, self.region, memo_url(self.region, application)
            )
        return pdf_response(pdf, f"{documents.file_stem(application)}-decision.pdf")


_app = "staff/<slug:region_slug>/applications/<int:pk>/"

urlpatterns = [
    path(_app + "memo/", MemoView.as_view(), name="memo"),
    path(_app + "memo.pdf", MemoPdfView.as_view(), name="memo_pdf"),
    path(_app + "letter.pdf", LetterPdfView.as_view(), name="letter_pdf"),
]

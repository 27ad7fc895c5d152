"""The applicant's pages around the form steps: start, list, overview, review and
submit, receipt, printout, withdraw, and taking up a co-applicant's invitation.

Every page is under ``me/`` and behind the login. Applications are resolved through
`policies.applications_of_applicant`, so another organisation's application (and,
for staff, any application they do not work on as an applicant) is "not found".
Writes go through the services; their ValidationError is shown on the page with
what the user typed kept.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from samverka.accounts.models import User
from samverka.actors.policies import has_memberships
from samverka.applications import completeness, panels, policies, selectors, services
from samverka.applications.choices import ApplicationStatus, PartnerRole
from samverka.applications.forms.applicant import (
    ApplicationStartForm,
    SubmitForm,
    WithdrawForm,
)
from samverka.applications.models import Application, Partner, Submission
from samverka.applications.snapshot import build_snapshot
from samverka.core.formatting import format_date, format_moment
from samverka.core.models import Region
from samverka.funding import policies as funding_policies
from samverka.funding.choices import CallState, FormSection
from samverka.funding.models import Call
from samverka.plans.forms import add_service_errors

TEMPLATES = "applications/applicant/"


def _actor(request: HttpRequest) -> User:
    """The acting user: every page here is behind the login (LoginRequiredMiddleware)."""
    return cast(User, request.user)


def step_url(application: Application, section: str) -> str | None:
    """The form step of `section`, once the step pages exist."""
    try:
        return reverse("applications:step", args=[application.pk, section])
    except NoReverseMatch:
        return None


def local_time(moment: datetime.datetime | None, region: Region) -> str:
    """A moment in the region's time zone, in the active language, with the zone named."""
    return format_moment(moment, region.tzinfo) if moment is not None else ""


def _date(value: datetime.date | None) -> str:
    return format_date(value) if value else ""


class ApplicationMixin:
    """Resolve the application among the user's own (404 otherwise)."""

    request: HttpRequest
    application: Application

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.application = selectors.applicant_application(
            user=request.user, pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def base_context(self) -> dict[str, Any]:
        application = self.application
        return {
            "application": application,
            "call": application.call,
            "deadline": services.deadline_text(application.call),
            "area": "me",
        }


# Start --------------------------------------------------------------------------------


class ApplicationStartView(FormView):
    """Choose the organisation that applies and give a working title."""

    template_name = TEMPLATES + "start.html"
    form_class = ApplicationStartForm
    call: Call

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.call = get_object_or_404(
            funding_policies.calls_public().select_related("region"),
            pk=kwargs["call_pk"],
        )
        self.organisations = selectors.start_organisations(
            user=request.user, call=self.call
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["organisations"] = self.organisations
        return kwargs

    def form_valid(self, form: ApplicationStartForm) -> HttpResponse:
        try:
            application = services.application_start(
                call=self.call,
                organisation=form.cleaned_data["organisation"],
                by=_actor(self.request),
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Your application has been started. Each step is saved as you go, "
                "so you can come back to it."
            ),
        )
        return redirect(
            step_url(application, FormSection.PROJECT)
            or reverse("applications:applicant_detail", args=[application.pk])
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        call = self.call
        context.update(
            call=call,
            deadline=services.deadline_text(call),
            call_open=call.state == CallState.OPEN,
            call_closed=call.state == CallState.CLOSED,
            call_state=call.get_state_display(),
            has_organisations=self.organisations.exists(),
            has_other_memberships=has_memberships(self.request.user),
            existing=list(
                policies.applications_of_applicant(self.request.user)
                .filter(call=call)
                .order_by("-updated_at")[:10]
            ),
            area="me",
        )
        return context


# List and overview --------------------------------------------------------------------


#: Applications per page of the applicant's list.
APPLICANT_PAGE_SIZE = 50


class ApplicationListView(TemplateView):
    """All the user's applications: drafts and submitted, with their status."""

    template_name = TEMPLATES + "list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        paginator = Paginator(
            selectors.applicant_application_list(user=self.request.user),
            APPLICANT_PAGE_SIZE,
        )
        page = paginator.get_page(self.request.GET.get("page"))
        rows = list(page.object_list)
        for application in rows:
            region = application.call.region
            application.updated_text = local_time(application.updated_at, region)
            application.submitted_text = local_time(
                application.last_submitted_at, region
            )
            application.completion_deadline_text = _date(
                application.completion_deadline
            )
        context["applications"] = rows
        context["page_obj"] = page
        context["is_paginated"] = page.has_other_pages()
        context["open_calls"] = panels.my_applications(self.request.user)["open_calls"]
        context["area"] = "me"
        return context


def _submission_rows(
    application: Application, submissions: list[Submission]
) -> list[dict[str, Any]]:
    region = application.call.region
    return [
        {
            "submission": submission,
            "when": local_time(submission.submitted_at, region),
            "pdf_url": (
                reverse(
                    "applications:submission_pdf",
                    args=[application.pk, submission.number],
                )
                if submission.document is not None and submission.document.file
                else None
            ),
        }
        for submission in submissions
    ]


def _partner_rows(
    application: Application, partners: list[Partner]
) -> list[dict[str, Any]]:
    region = application.call.region
    rows = []
    for partner in partners:
        if partner.accepted_by_id:
            state = _("Accepted by %(name)s, %(when)s") % {
                "name": partner.accepted_by.full_name  # type: ignore[union-attr]
                or partner.accepted_by.email,  # type: ignore[union-attr]
                "when": local_time(partner.accepted_at, region),
            }
        elif partner.invited_at:
            state = _("Invited %(when)s; not yet accepted") % {
                "when": local_time(partner.invited_at, region)
            }
        elif partner.role == PartnerRole.CO_APPLICANT:
            state = _("Not invited (no e-mail address)")
        else:
            state = _("Partner; no invitation needed")
        rows.append({"partner": partner, "state": state})
    return rows


class ApplicationDetailView(ApplicationMixin, TemplateView):
    """The overview: status, sections, completion request, submissions, partners."""

    template_name = TEMPLATES + "detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        application = self.application
        user = self.request.user
        editable = policies.can_edit(user, application)
        submissions = selectors.application_submissions(application)
        open_request = selectors.open_completion_request(application)
        context.update(
            editable=editable,
            can_withdraw=policies.can_withdraw(user, application),
            completion_request=open_request,
            completion_deadline=_date(open_request.deadline if open_request else None),
            submissions=_submission_rows(application, submissions),
            partners=_partner_rows(
                application, selectors.application_partners(application)
            ),
            updated=local_time(application.updated_at, application.call.region),
        )
        if editable:
            found = completeness.problems(application)
            context["sections"] = [
                {"state": state, "url": step_url(application, state.section)}
                for state in selectors.section_states(application, found)
            ]
            context["problem_count"] = len(found)
        elif submissions:
            context["summary"] = selectors.snapshot_summary(submissions[-1].snapshot)
        return context


# Review and submit --------------------------------------------------------------------


def _section_label(section: str) -> str:
    try:
        return str(FormSection(section).label)
    except ValueError:
        return section


def _review_response(
    request: HttpRequest,
    application: Application,
    *,
    errors: list[str] | None = None,
) -> HttpResponse:
    order = list(FormSection.values)
    found = sorted(
        completeness.problems(application),
        key=lambda p: order.index(p.section) if p.section in order else len(order),
    )
    open_request = selectors.open_completion_request(application)
    answering = application.status == ApplicationStatus.COMPLETION_REQUESTED
    closed = not answering and application.call.state != CallState.OPEN
    context: dict[str, Any] = {
        "application": application,
        "call": application.call,
        "deadline": services.deadline_text(application.call),
        "problems": [
            {
                "problem": problem,
                "label": _section_label(problem.section),
                "url": step_url(application, problem.section),
            }
            for problem in found
        ],
        "errors": errors or [],
        "answering": answering,
        "closed": closed,
        "completion_request": open_request,
        "completion_deadline": _date(open_request.deadline if open_request else None),
        "area": "me",
    }
    if not found:
        context["summary"] = selectors.snapshot_summary(build_snapshot(application))
        if not closed:
            context["submit_form"] = SubmitForm(
                initial={"key": services.new_submit_key()}
            )
    return render(request, TEMPLATES + "review.html", context)


class ApplicationReviewView(ApplicationMixin, View):
    """What is still missing, and when nothing is, the whole application and the
    submit button."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not policies.can_edit(request.user, self.application):
            messages.info(request, _("The application can no longer be changed."))
            return redirect("applications:applicant_detail", pk=self.application.pk)
        return _review_response(request, self.application)


class ApplicationSubmitView(ApplicationMixin, View):
    """Submit: idempotent per the key the review page was drawn with."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        application = self.application
        form = SubmitForm(request.POST)
        if not form.is_valid():
            return _review_response(
                request,
                application,
                errors=[
                    _(
                        "The page was out of date. Check the application and submit again."
                    )
                ],
            )
        try:
            submission = services.application_submit(
                application=application,
                by=_actor(request),
                key=form.cleaned_data["key"],
            )
        except ValidationError as exc:
            application.refresh_from_db()
            return _review_response(request, application, errors=list(exc.messages))
        except PermissionDenied:
            # Sent again from an old page after the application left the draft.
            messages.info(
                request,
                _(
                    "The application has already been submitted or can no longer be changed."
                ),
            )
            return redirect("applications:applicant_detail", pk=application.pk)
        messages.success(
            request,
            _("Your application has been submitted. Its case number is %(number)s.")
            % {"number": submission.application.case_number},
        )
        return redirect("applications:submitted", pk=application.pk)


class ApplicationSubmittedView(ApplicationMixin, TemplateView):
    """The receipt: case number, time, where the receipt was sent, the printout."""

    template_name = TEMPLATES + "submitted.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.submission = (
            self.application.submissions.select_related("document", "submitted_by")
            .order_by("-number")
            .first()
        )
        if self.submission is None:
            return redirect("applications:applicant_detail", pk=self.application.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        application = self.application
        submission = cast(Submission, self.submission)
        row = _submission_rows(application, [submission])[0]
        context.update(
            submission=submission,
            when=row["when"],
            pdf_url=row["pdf_url"],
            receipt_email=application.contact_email
            or (submission.submitted_by.email if submission.submitted_by else ""),
        )
        return context


class SubmissionPdfView(ApplicationMixin, View):
    """The registered printout of a submission, once it has been written."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        submission = get_object_or_404(
            self.application.submissions.select_related("document"),
            number=kwargs["number"],
        )
        document = submission.document
        if document is None or not document.file:
            raise Http404(_("The printout is not ready yet."))
        try:
            handle = document.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404(_("The printout is not ready yet.")) from exc
        name = slugify(
            f"{self.application.case_number or self.application.pk}-{submission.number}"
        )
        return FileResponse(
            handle,
            content_type="application/pdf",
            as_attachment=True,
            filename=f"{name}.pdf",
        )


# Withdraw -----------------------------------------------------------------------------


class ApplicationWithdrawView(ApplicationMixin, FormView):
    """Confirm, then withdraw the application (with an optional reason)."""

    template_name = TEMPLATES + "withdraw.html"
    form_class = WithdrawForm

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.application = selectors.applicant_application(
            user=request.user, pk=kwargs["pk"]
        )
        if not policies.can_withdraw(request.user, self.application):
            messages.info(request, _("The application can no longer be withdrawn."))
            return redirect("applications:applicant_detail", pk=self.application.pk)
        return FormView.dispatch(self, request, *args, **kwargs)

    def form_valid(self, form: WithdrawForm) -> HttpResponse:
        try:
            services.application_withdraw(
                application=self.application,
                by=_actor(self.request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The application has been withdrawn."))
        return redirect("applications:applicant_detail", pk=self.application.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.base_context())
        return context


# Invitations --------------------------------------------------------------------------


class PartnerAcceptView(View):
    """A co-applicant takes up the invitation to work on the application."""

    def _partner(self, token: uuid.UUID) -> Partner | None:
        return (
            Partner.objects.select_related(
                "application__call__region", "application__organisation"
            )
            .filter(token=token, role=PartnerRole.CO_APPLICANT)
            .first()
        )

    def _invalid(self, request: HttpRequest, message: str) -> HttpResponse:
        return render(
            request,
            TEMPLATES + "invitation_invalid.html",
            {"message": message, "area": "me"},
            status=404,
        )

    def get(self, request: HttpRequest, token: uuid.UUID) -> HttpResponse:
        partner = self._partner(token)
        if partner is None:
            return self._invalid(request, _("The invitation is not valid."))
        if partner.accepted_by_id == request.user.pk:
            return redirect("applications:applicant_detail", pk=partner.application_id)
        if partner.accepted_by_id:
            return self._invalid(
                request, _("The invitation has already been taken up.")
            )
        application = partner.application
        return render(
            request,
            TEMPLATES + "invitation.html",
            {
                "partner": partner,
                "application": application,
                "invited_by": application.contact_name,
                "invited_at": local_time(partner.invited_at, application.call.region),
                "area": "me",
            },
        )

    def post(self, request: HttpRequest, token: uuid.UUID) -> HttpResponse:
        try:
            partner = services.partner_accept(token=token, by=_actor(request))
        except ValidationError as exc:
            return self._invalid(request, " ".join(exc.messages))
        messages.success(
            request,
            _("You now work on “%(title)s” as a co-applicant.")
            % {"title": partner.application.title},
        )
        return redirect("applications:applicant_detail", pk=partner.application_id)


_me = "me/applications/"
_app = _me + "<int:pk>/"

urlpatterns: list[URLPattern] = [
    path(_me, ApplicationListView.as_view(), name="applicant_list"),
    path(_me + "new/<int:call_pk>/", ApplicationStartView.as_view(), name="start"),
    path(_app, ApplicationDetailView.as_view(), name="applicant_detail"),
    path(_app + "review/", ApplicationReviewView.as_view(), name="review"),
    path(_app + "submit/", ApplicationSubmitView.as_view(), name="submit"),
    path(_app + "submitted/", ApplicationSubmittedView.as_view(), name="submitted"),
    path(
        _app + "submissions/<int:number>/pdf/",
        SubmissionPdfView.as_view(),
        name="submission_pdf",
    ),
    path(_app + "withdraw/", ApplicationWithdrawView.as_view(), name="withdraw"),
    path(
        "me/invitations/<uuid:token>/",
        PartnerAcceptView.as_view(),
        name="partner_accept",
    ),
]

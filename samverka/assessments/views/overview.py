"""The lead's side of one application's assessment: the overview (progress, the
assessors and their scores, the links to the other steps), assigning and removing
assessors, the formal check and the recommendation.

Every page is under ``staff/<region>/applications/<pk>/assessment/``. An application
is resolved among the region's applications the user reads as staff (404 outside);
reading the assessment is for case officers, region administrators and decision
makers (`policies.can_read_assessment`, 403 otherwise), acting on it for those who
lead it (`policies.can_lead`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.applications.models import Application
from samverka.applications.policies import applications_of_staff
from samverka.assessments import policies, selectors, services
from samverka.assessments.choices import (
    AssignmentStatus,
    CheckOutcome,
    RecommendedOutcome,
)
from samverka.assessments.forms import (
    AssignForm,
    FormalCheckForm,
    RecommendationForm,
    set_revision,
)
from samverka.assessments.models import Assignment, FormalCheck, Recommendation
from samverka.core.errors import STALE_EDIT
from samverka.funding.models import Criterion
from samverka.plans.forms import add_service_errors

#: Assignments that the assessor has not finished yet.
UNFINISHED = (AssignmentStatus.AWAITING_DECLARATION, AssignmentStatus.ACTIVE)


# Shared helpers ----------------------------------------------------------------------


def actor(request: HttpRequest) -> User:
    """The acting user: every page here is behind the login."""
    return cast(User, request.user)


def is_stale(exc: ValidationError) -> bool:
    return not hasattr(exc, "error_dict") and any(
        error.code == STALE_EDIT for error in exc.error_list
    )


def call_criteria(application: Application) -> list[Criterion]:
    """The call's criteria in order, ready for their texts in the page's language."""
    return list(
        application.call.criteria.select_related("call__region").order_by("order", "pk")
    )


def score_table(
    assignments: list[Assignment],
    criteria: list[Criterion],
    combined: selectors.Combined | None,
) -> dict[str, Any]:
    """The scores of `assignments` (with their scores prefetched) criterion by
    criterion, with the mean of the submitted ones and each assessor's combined
    score (0–100)."""
    columns: list[dict[str, Any]] = []
    for assignment in assignments:
        by_criterion = {s.criterion_id: s for s in assignment.scores.all()}
        columns.append(
            {
                "assignment": assignment,
                "assessor": assignment.assessor,
                "scores": by_criterion,
                "percent": (
                    combined.per_assessor.get(assignment.pk) if combined else None
                ),
                "comments": [
                    {"criterion": c, "text": by_criterion[c.pk].comment}
                    for c in criteria
                    if c.pk in by_criterion and by_criterion[c.pk].comment
                ],
            }
        )
    rows = [
        {
            "criterion": criterion,
            "values": [
                getattr(column["scores"].get(criterion.pk), "value", None)
                for column in columns
            ],
            "mean": combined.per_criterion.get(criterion.pk) if combined else None,
        }
        for criterion in criteria
    ]
    return {"columns": columns, "rows": rows, "combined": combined}


def percent(value: Decimal | None) -> str:
    return "" if value is None else str(value)


class AssessmentApplicationMixin:
    """Resolve ``pk`` among the region's applications the user reads as staff (404),
    then `policies.can_read_assessment` (403); `lead_only` views also need
    `policies.can_lead` (403)."""

    lead_only: ClassVar[bool] = False
    application: Application
    region: Any
    request: HttpRequest

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        application = get_object_or_404(
            applications_of_staff(request.user)
            .filter(region=self.region)
            .select_related(
                "call__region",
                "organisation",
                "case",
                "fund",
                "officer",
            ),
            pk=kwargs["pk"],
        )
        if not policies.can_read_assessment(request.user, application):
            raise PermissionDenied
        if self.lead_only and not policies.can_lead(request.user, application):
            raise PermissionDenied
        self.application = application
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def overview_url(self) -> str:
        return reverse(
            "assessments:overview", args=[self.region.slug, self.application.pk]
        )

    @property
    def can_lead(self) -> bool:
        return policies.can_lead(self.request.user, self.application)

    @property
    def assessable(self) -> bool:
        return self.application.status in policies.ASSESSABLE_STATUSES

    def refuse_closed(self) -> HttpResponse | None:
        """A write on an assessment that can no longer change: say so and go back."""
        if self.assessable:
            return None
        messages.error(
            self.request,
            _("The application is %(status)s; its assessment can no longer change.")
            % {"status": self.application.get_status_display().lower()},
        )
        return redirect(self.request.path)

    def base_context(self) -> dict[str, Any]:
        app = self.application
        slug = self.region.slug
        return {
            "application": app,
            "currency": app.currency,
            "can_lead": self.can_lead,
            "assessable": self.assessable,
            "overview_url": self.overview_url(),
            "staff_detail_url": reverse(
                "applications:staff_detail", args=[slug, app.pk]
            ),
            "decide_url": reverse("decisions:decide", args=[slug, app.pk]),
        }


# The overview -------------------------------------------------------------------------


class OverviewView(RegionStaffMixin, AssessmentApplicationMixin, TemplateView):
    """Where one application's assessment stands, step by step, and who assesses it."""

    template_name = "assessments/overview.html"
    assign_form: AssignForm | None = None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        app = self.application
        user = self.request.user
        slug = self.region.slug
        progress = selectors.assessment_progress(app)
        assignments = selectors.assignments_with_scores(app)
        criteria = call_criteria(app)
        combined = selectors.combined_scores([app.pk])[app.pk]
        see_scores = policies.can_see_other_scores(user, app)
        submitted = [a for a in assignments if a.status == AssignmentStatus.SUBMITTED]
        check: FormalCheck | None = progress["formal_check"]
        recommendation: Recommendation | None = progress["recommendation"]
        decision = getattr(app, "decision", None)
        can_lead = self.can_lead and self.assessable
        context.update(self.base_context())
        context.update(
            {
                "progress": progress,
                "profile": selectors.sustainability_profile(app),
                "check": check,
                "check_not_met": (
                    [i for i in check.items.all() if not i.passed] if check else []
                ),
                "recommendation": recommendation,
                "decision": decision,
                "assignment_rows": [
                    {"assignment": a, "percent": combined.per_assessor.get(a.pk)}
                    for a in assignments
                ],
                "criteria": criteria,
                "combined": combined,
                "see_scores": see_scores,
                "scores": score_table(submitted, criteria, combined)
                if see_scores
                else None,
                "can_assign": can_lead,
                "unfinished": UNFINISHED,
                "links": {
                    "formal_check": reverse(
                        "assessments:formal_check", args=[slug, app.pk]
                    ),
                    "recommendation": reverse(
                        "assessments:recommendation", args=[slug, app.pk]
                    ),
                    "sustainability": reverse(
                        "assessments:sustainability", args=[slug, app.pk]
                    ),
                    "conflicts": reverse("assessments:conflicts", args=[slug, app.pk]),
                    "ranking": reverse("assessments:ranking", args=[slug, app.call_id]),
                    "spread": reverse("assessments:spread", args=[slug, app.call_id]),
                    "decision": reverse("decisions:decision", args=[slug, app.pk])
                    if decision is not None
                    else "",
                },
            }
        )
        if can_lead:
            context["assign_form"] = self.assign_form or AssignForm(application=app)
        return context


class AssignView(OverviewView):
    """POST: ask one more assessor to assess the application."""

    lead_only = True
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.assessable:
            self.refuse_closed()
            return redirect(self.overview_url())
        form = AssignForm(request.POST, application=self.application)
        if form.is_valid():
            assessor = form.cleaned_data["assessor"]
            try:
                services.assignment_add(
                    application=self.application, assessor=assessor, by=actor(request)
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s is asked to assess the application. They see its "
                        "content once they have declared that they have no conflict "
                        "of interest."
                    )
                    % {"name": assessor},
                )
                return redirect(self.overview_url())
        self.assign_form = form
        return self.render_to_response(self.get_context_data())


class UnassignView(RegionStaffMixin, View):
    """POST: release an assessor who has not submitted their scores."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        assignment = get_object_or_404(
            policies.assignments_visible_to(request.user)
            .filter(region=self.region)
            .select_related("application", "assessor"),
            pk=kwargs["pk"],
        )
        if not policies.can_lead(request.user, assignment.application):
            raise PermissionDenied
        try:
            services.assignment_remove(assignment=assignment, by=actor(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("%(name)s no longer assesses the application.")
                % {"name": assignment.assessor},
            )
        return redirect(
            "assessments:overview",
            region_slug=self.region.slug,
            pk=assignment.application_id,
        )


# The formal check ----------------------------------------------------------------------


class FormalCheckView(RegionStaffMixin, AssessmentApplicationMixin, TemplateView):
    """The formal check, question by question: filled from the saved check, or else
    proposed from the application's data for the officer to confirm."""

    template_name = "assessments/formal_check.html"
    form: FormalCheckForm | None = None
    stale_check: FormalCheck | None = None

    def saved_check(self) -> FormalCheck | None:
        return (
            FormalCheck.objects.filter(application=self.application)
            .select_related("checked_by")
            .prefetch_related("items")
            .first()
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        check = self.saved_check()
        answered = bool(check and check.outcome)
        editable = self.can_lead and self.assessable
        context.update(self.base_context())
        context.update(
            {
                "check": check if answered else None,
                "items": list(check.items.all()) if answered and check else [],
                "from_proposal": not answered,
                "editable": editable,
                "stale_check": self.stale_check,
                "stale_items": list(self.stale_check.items.all())
                if self.stale_check
                else [],
            }
        )
        if editable:
            form = self.form
            if form is None:
                answers = (
                    FormalCheckForm.answers_of(check)
                    if answered and check
                    else selectors.check_proposal(self.application)
                )
                form = FormalCheckForm(
                    answers=answers,
                    initial={
                        "note": check.note if check else "",
                        "revision": check.revision if check else 1,
                    },
                )
            context["form"] = form
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.can_lead:
            raise PermissionDenied
        if closed := self.refuse_closed():
            return closed
        form = FormalCheckForm(request.POST)
        if form.is_valid():
            try:
                check = services.formal_check_record(
                    application=self.application,
                    by=actor(request),
                    items=form.items(),
                    note=form.cleaned_data.get("note") or "",
                    revision=form.cleaned_data.get("revision"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                if is_stale(exc):
                    self.stale_check = self.saved_check()
                    if self.stale_check is not None:
                        set_revision(form, self.stale_check.revision)
            else:
                if check.outcome == CheckOutcome.PASSED:
                    messages.success(
                        request,
                        _("The formal check passed: the application is in assessment."),
                    )
                    return redirect(self.overview_url())
                messages.warning(
                    request,
                    _(
                        "The formal check failed. The application can be dismissed "
                        "with the reasons you gave."
                    ),
                )
                return redirect(
                    "assessments:formal_check",
                    region_slug=self.region.slug,
                    pk=self.application.pk,
                )
        self.form = form
        return self.render_to_response(self.get_context_data())


# The recommendation --------------------------------------------------------------------


class RecommendationView(RegionStaffMixin, AssessmentApplicationMixin, TemplateView):
    """The officer's recommendation, written with the combined score in view."""

    template_name = "assessments/recommendation.html"
    form: RecommendationForm | None = None
    stale_recommendation: Recommendation | None = None

    def saved(self) -> Recommendation | None:
        return (
            Recommendation.objects.filter(application=self.application)
            .select_related("written_by")
            .first()
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        app = self.application
        recommendation = self.saved()
        editable = self.can_lead and self.assessable
        progress = selectors.assessment_progress(app)
        context.update(self.base_context())
        context.update(
            {
                "recommendation": recommendation,
                "combined": selectors.combined_scores([app.pk])[app.pk],
                "progress": progress,
                "editable": editable,
                "stale_recommendation": self.stale_recommendation,
                "grant_outcomes": [
                    RecommendedOutcome.GRANT,
                    RecommendedOutcome.GRANT_WITH_CONDITIONS,
                ],
            }
        )
        if editable:
            form = self.form or RecommendationForm(
                region=self.region,
                recommendation=recommendation,
                initial=None if recommendation else {"revision": 1},
            )
            context["form"] = form
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.can_lead:
            raise PermissionDenied
        if closed := self.refuse_closed():
            return closed
        form = RecommendationForm(request.POST, region=self.region)
        if form.is_valid():
            try:
                services.recommendation_save(
                    application=self.application,
                    by=actor(request),
                    data=form.data_for_service(),
                    revision=form.cleaned_data.get("revision"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                if is_stale(exc):
                    self.stale_recommendation = self.saved()
                    if self.stale_recommendation is not None:
                        set_revision(form, self.stale_recommendation.revision)
            else:
                messages.success(request, _("The recommendation is saved."))
                return redirect(self.overview_url())
        self.form = form
        return self.render_to_response(self.get_context_data())


# URLs ---------------------------------------------------------------------------------

_app = "staff/<slug:region_slug>/applications/<int:pk>/assessment/"

urlpatterns = [
    path(_app, OverviewView.as_view(), name="overview"),
    path(_app + "assign/", AssignView.as_view(), name="assign"),
    path(
        "staff/<slug:region_slug>/assessments/<int:pk>/remove/",
        UnassignView.as_view(),
        name="unassign",
    ),
    path(_app + "formal-check/", FormalCheckView.as_view(), name="formal_check"),
    path(_app + "recommendation/", RecommendationView.as_view(), name="recommendation"),
]

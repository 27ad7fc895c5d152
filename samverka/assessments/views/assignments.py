"""The assessor's side: my assignments, one assignment (declare, then score, then
read the others' scores), the application's attachments for the assessor, and the
lead's spreading of a call's applications over a pool of assessors.

An assignment is resolved among the user's own (`policies.assignments_of`), so
someone else's assignment is "not found". An assessor sees the application's content
only after declaring that they have no conflict of interest.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
)
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.applications import selectors as application_selectors
from samverka.applications.models import Application, Attachment
from samverka.assessments import policies, selectors, services
from samverka.assessments.choices import OPEN_ASSIGNMENT_STATUSES, AssignmentStatus
from samverka.assessments.forms import (
    DeclarationForm,
    ScoreForm,
    SpreadForm,
    set_revision,
)
from samverka.assessments.models import Assignment
from samverka.assessments.views.overview import (
    UNFINISHED,
    actor,
    call_criteria,
    is_stale,
    score_table,
)
from samverka.core.files import stored_file_response
from samverka.funding import selectors as funding_selectors
from samverka.funding.models import Call
from samverka.plans.forms import add_service_errors

FINISHED = (
    AssignmentStatus.SUBMITTED,
    AssignmentStatus.CONFLICT,
    AssignmentStatus.REMOVED,
)


# My assignments -----------------------------------------------------------------------


#: Rows of the region's applications in assessment per page of the lead's list.
LEAD_PAGE_SIZE = 50


class MineView(RegionStaffMixin, TemplateView):
    """The user's assignments in the region, open and finished; for those who read
    the region's assessments, the applications being assessed and how far each is."""

    template_name = "assessments/mine.html"
    permission = staticmethod(policies.can_open_assessments)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        own = (
            policies.assignments_of(user)
            .filter(region=self.region)
            .select_related(
                "application__call__region",
                "application__case",
                "application__organisation",
            )
        )
        open_assignments = list(
            own.filter(status__in=UNFINISHED).order_by("created_at", "pk")
        )
        context["open_assignments"] = open_assignments
        context["finished_assignments"] = list(
            own.filter(status__in=FINISHED).order_by("-updated_at", "-pk")
        )
        reader = policies.can_read_region_assessments(user, self.region)
        context["reads_all"] = reader
        context["leads"] = policies.can_lead_region(user, self.region)
        if reader:
            paginator = Paginator(
                self.applications_in_assessment(user).order_by(
                    "call__title", "call_id", "pk"
                ),
                LEAD_PAGE_SIZE,
            )
            page = paginator.get_page(self.request.GET.get("page"))
            context["page_obj"] = page
            context["paginator"] = paginator
            applications = list(page.object_list)
            combined = selectors.combined_scores(a.pk for a in applications)
            # Others' scores stay hidden from someone who is still assessing.
            assessing = {a.application_id for a in open_assignments}
            calls: dict[int, dict[str, Any]] = {}
            for app in applications:
                group = calls.setdefault(
                    app.call_id,
                    {
                        "call": app.call,
                        "rows": [],
                        "spread_url": reverse(
                            "assessments:spread", args=[self.region.slug, app.call_id]
                        ),
                        "ranking_url": reverse(
                            "assessments:ranking", args=[self.region.slug, app.call_id]
                        ),
                    },
                )
                group["rows"].append(
                    {
                        "application": app,
                        "check": getattr(app, "formal_check", None),
                        "recommendation": getattr(app, "recommendation", None),
                        "combined": None if app.pk in assessing else combined[app.pk],
                    }
                )
            context["calls"] = list(calls.values())
        return context

    def applications_in_assessment(self, user: Any) -> QuerySet[Application]:
        """The region's applications whose assessment can still change, with the
        counts and steps the table shows, in one query."""
        return (
            policies.applications_for_assessment(user)
            .filter(region=self.region, status__in=policies.ASSESSABLE_STATUSES)
            .select_related(
                "call__region",
                "case",
                "organisation",
                "officer",
                "formal_check",
                "recommendation",
            )
            .annotate(
                n_submitted=Count(
                    "assignments",
                    filter=Q(assignments__status=AssignmentStatus.SUBMITTED),
                ),
                n_open=Count(
                    "assignments",
                    filter=Q(assignments__status__in=UNFINISHED),
                ),
            )
        )


# One assignment ----------------------------------------------------------------------


class OwnAssignmentMixin:
    """Resolve ``pk`` among the user's own assignments in the region (404)."""

    assignment: Assignment
    region: Any
    request: HttpRequest

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.assignment = get_object_or_404(
            policies.assignments_of(request.user)
            .filter(region=self.region)
            .select_related(
                "application__call__region",
                "application__organisation",
                "application__case",
                "application__fund",
            ),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def assignment_url(self) -> str:
        return reverse(
            "assessments:assignment", args=[self.region.slug, self.assignment.pk]
        )


def application_content(assignment: Assignment) -> dict[str, Any] | None:
    """The application as last submitted, with the assessor's own attachment links."""
    application = assignment.application
    latest = application.submissions.order_by("-number").first()
    summary = application_selectors.submitted_content(application, latest)
    if summary is not None:
        for item in summary["attachments"]:
            download = item["download"]
            item["url"] = (
                reverse(
                    "assessments:assignment_attachment",
                    args=[application.call.region.slug, assignment.pk, download.pk],
                )
                if download is not None
                else ""
            )
    return summary


class AssignmentView(RegionStaffMixin, OwnAssignmentMixin, TemplateView):
    """The assessor's page. Awaiting the declaration: only the title, the applicant
    and the call, and the declaration. Assessing: the application and the scoring
    form. Submitted: the own scores and, now, the others'. A declared conflict: the
    declaration on record."""

    template_name = "assessments/assignment.html"
    declaration_form: DeclarationForm | None = None
    score_form: ScoreForm | None = None

    def stored_scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            s.criterion_id: (s.value, s.comment) for s in self.assignment.scores.all()
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        assignment = self.assignment
        app = assignment.application
        user = self.request.user
        status = assignment.status
        context.update(
            {
                "assignment": assignment,
                "application": app,
                "currency": app.currency,
                "status": status,
                "mine_url": reverse("assessments:mine", args=[self.region.slug]),
            }
        )
        if status == AssignmentStatus.AWAITING_DECLARATION:
            context["declaration_form"] = self.declaration_form or DeclarationForm()
            return context
        if not policies.can_see_content(user, assignment):
            return context
        criteria = call_criteria(app)
        context["criteria"] = criteria
        context["content"] = application_content(assignment)
        if status == AssignmentStatus.ACTIVE:
            can_score = policies.can_score(user, assignment)
            context["can_score"] = can_score
            if can_score:
                context["score_form"] = self.score_form or ScoreForm(
                    criteria=criteria,
                    scores=self.stored_scores(),
                    initial={
                        "comment": assignment.comment,
                        "revision": assignment.revision,
                    },
                )
            else:
                context["own_scores"] = self.own_rows(criteria)
        else:
            context["own_scores"] = self.own_rows(criteria)
            if policies.can_see_other_scores(user, app):
                submitted = [
                    a
                    for a in selectors.assignments_with_scores(app)
                    if a.status == AssignmentStatus.SUBMITTED
                ]
                # Your own column first, then the others in the order assigned.
                submitted.sort(key=lambda a: a.pk != assignment.pk)
                combined = selectors.combined_scores([app.pk])[app.pk]
                context["scores"] = score_table(submitted, criteria, combined)
                context["others"] = len(submitted) - 1
        return context

    def own_rows(self, criteria: list[Any]) -> list[dict[str, Any]]:
        stored = self.stored_scores()
        return [
            {
                "criterion": c,
                "value": stored.get(c.pk, (None, ""))[0],
                "comment": stored.get(c.pk, (None, ""))[1],
            }
            for c in criteria
        ]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        status = self.assignment.status
        if status == AssignmentStatus.AWAITING_DECLARATION:
            return self.declare(request)
        if status == AssignmentStatus.ACTIVE:
            if not policies.can_score(request.user, self.assignment):
                raise PermissionDenied
            return self.score(request)
        messages.error(request, _("This assignment can no longer be changed."))
        return redirect(self.assignment_url())

    def declare(self, request: HttpRequest) -> HttpResponse:
        form = DeclarationForm(request.POST)
        if form.is_valid():
            try:
                services.declare(
                    assignment=self.assignment,
                    by=actor(request),
                    has_conflict=form.has_conflict,
                    description=form.cleaned_data.get("description") or "",
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if form.has_conflict:
                    messages.success(
                        request,
                        _(
                            "Your declaration is on record and you will not assess "
                            "this application. The case officer has been told."
                        ),
                    )
                else:
                    messages.success(
                        request,
                        _("Thank you. The application is open to you for scoring."),
                    )
                return redirect(self.assignment_url())
        self.declaration_form = form
        return self.render_to_response(self.get_context_data())

    def score(self, request: HttpRequest) -> HttpResponse:
        criteria = call_criteria(self.assignment.application)
        form = ScoreForm(request.POST, criteria=criteria)
        submit = request.POST.get("action") == "submit"
        if form.is_valid():
            try:
                saved = services.scores_save(
                    assignment=self.assignment,
                    by=actor(request),
                    values=form.values(),
                    comment=form.cleaned_data.get("comment") or "",
                    revision=form.cleaned_data.get("revision"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
                if is_stale(exc):
                    self.assignment.refresh_from_db(fields=["revision"])
                    set_revision(form, self.assignment.revision)
            else:
                if not submit:
                    messages.success(
                        request,
                        _(
                            "Your scores are saved. Submit them when every criterion "
                            "is scored."
                        ),
                    )
                    return redirect(self.assignment_url())
                try:
                    services.scores_submit(
                        assignment=saved, by=actor(request), revision=saved.revision
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                    set_revision(form, saved.revision)
                    messages.warning(
                        request,
                        _("Your scores are saved but not submitted yet."),
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Your scores are submitted. You now see the other "
                            "assessors' submitted scores."
                        ),
                    )
                    return redirect(self.assignment_url())
        self.assignment.refresh_from_db()
        self.score_form = form
        return self.render_to_response(self.get_context_data())


class AssignmentAttachmentView(RegionStaffMixin, OwnAssignmentMixin, View):
    """One of the application's attachments, for its assessor once they have
    declared that they have no conflict of interest."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        if not policies.can_see_content(request.user, self.assignment):
            raise Http404
        attachment = get_object_or_404(
            Attachment,
            application_id=self.assignment.application_id,
            pk=kwargs["attachment_pk"],
        )
        return stored_file_response(
            attachment.file,
            file_name=attachment.file_name,
            content_type=attachment.content_type,
        )


# Spreading a call's applications over assessors ------------------------------------------


class SpreadView(RegionStaffMixin, TemplateView):
    """Give each chosen application of a call a number of assessors from a pool,
    each time the one with the fewest open assignments."""

    template_name = "assessments/spread.html"
    permission: ClassVar[Any] = staticmethod(policies.can_lead_region)
    call: Call
    form: SpreadForm | None = None

    def get_call(self) -> Call:
        call = funding_selectors.call_get(self.region, self.kwargs["pk"])
        if call is None:
            raise Http404
        return call

    def applications(self) -> QuerySet[Application]:
        return (
            policies.applications_for_assessment(self.request.user)
            .filter(
                region=self.region,
                call=self.call,
                status__in=policies.ASSESSABLE_STATUSES,
            )
            .select_related("case", "organisation", "call__region")
            .annotate(
                n_assessors=Count(
                    "assignments",
                    filter=Q(assignments__status__in=OPEN_ASSIGNMENT_STATUSES),
                )
            )
            .order_by("pk")
        )

    def make_form(self, data: Any = None) -> SpreadForm:
        applications = self.applications()
        return SpreadForm(
            data,
            applications=applications,
            region=self.region,
            initial={"applications": list(applications)},
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.call = self.get_call()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = self.form or self.make_form()
        applications = {a.pk: a for a in form.application_choices}
        people = {p.pk: p for p in form.pool_choices}
        load = services.pool_load(self.region, people.values())
        context.update(
            {
                "call": self.call,
                "form": form,
                "application_rows": [
                    {
                        "option": option,
                        "application": applications.get(int(str(option.data["value"]))),
                    }
                    for option in form["applications"]
                ],
                "pool_rows": [
                    {
                        "option": option,
                        "person": people.get(int(str(option.data["value"]))),
                        "load": load.get(int(str(option.data["value"])), 0),
                    }
                    for option in form["pool"]
                ],
                "ranking_url": reverse(
                    "assessments:ranking", args=[self.region.slug, self.call.pk]
                ),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.call = self.get_call()
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                made = services.assignments_spread(
                    applications=sorted(
                        form.cleaned_data["applications"], key=lambda a: a.pk
                    ),
                    pool=list(form.cleaned_data["pool"]),
                    per_application=form.cleaned_data["per_application"],
                    by=actor(request),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if made:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)s assignment was made.",
                            "%(count)s assignments were made.",
                            len(made),
                        )
                        % {"count": len(made)},
                    )
                else:
                    messages.info(
                        request,
                        _(
                            "No assignments were made: the chosen applications "
                            "already have enough assessors from the pool."
                        ),
                    )
                return redirect(
                    "assessments:spread", region_slug=self.region.slug, pk=self.call.pk
                )
        self.form = form
        return self.render_to_response(self.get_context_data())


# URLs ---------------------------------------------------------------------------------

_mine = "staff/<slug:region_slug>/assessments/"

urlpatterns = [
    path(_mine, MineView.as_view(), name="mine"),
    path(_mine + "<int:pk>/", AssignmentView.as_view(), name="assignment"),
    path(
        _mine + "<int:pk>/attachments/<int:attachment_pk>/",
        AssignmentAttachmentView.as_view(),
        name="assignment_attachment",
    ),
    path(
        "staff/<slug:region_slug>/calls/<int:pk>/assessors/",
        SpreadView.as_view(),
        name="spread",
    ),
]

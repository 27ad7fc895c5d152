"""The sustainability assurance of an application and its goal conflicts.

Case officers and region administrators (`policies.can_lead`) assess and weigh;
decision makers read (`policies.can_read_assessment`). Other staff of the region are
refused (403); an application outside the user's regions is not found (404). Every
write goes through `samverka.assessments.services`.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.accounts.policies import has_role
from samverka.applications.choices import SustainabilityAspect
from samverka.applications.models import Application
from samverka.assessments import policies, selectors, services
from samverka.assessments.choices import ConflictStatus
from samverka.assessments.forms_sustainability import (
    ConflictAddForm,
    ConflictWeighForm,
    SustainabilityForm,
)
from samverka.assessments.models import GoalConflict, SustainabilityAssessment
from samverka.core.errors import STALE_EDIT
from samverka.plans.forms import add_service_errors
from samverka.strategy.models import Goal, SdgTarget


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def can_read_region(user: Any, region: Any) -> bool:
    """Those who lead or read whole assessments in the region open these pages."""
    return has_role(user, region, policies.ASSESSMENT_READER_ROLES)


def is_stale(exc: ValidationError) -> bool:
    return not hasattr(exc, "error_dict") and any(
        error.code == STALE_EDIT for error in exc.error_list
    )


def assessable(application: Application) -> bool:
    return application.status in policies.ASSESSABLE_STATUSES


class AssessmentApplicationMixin(RegionStaffMixin):
    """Resolve ``pk`` among the region's applications whose assessment the user reads
    (404 otherwise)."""

    permission = staticmethod(can_read_region)
    application: Application
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_application(self) -> Application:
        return get_object_or_404(
            policies.applications_for_assessment(self.request.user)
            .filter(region=self.region)
            .select_related("call__region", "fund", "case", "organisation", "region"),
            pk=self.kwargs["pk"],
        )

    def setup_application(self) -> None:
        self.application = self.get_application()

    def can_lead(self) -> bool:
        return policies.can_lead(self.request.user, self.application)

    def can_edit(self) -> bool:
        return self.can_lead() and assessable(self.application)

    def require_lead(self) -> None:
        if not self.can_lead():
            raise PermissionDenied

    def page_urls(self) -> dict[str, Any]:
        kwargs = {"region_slug": self.region.slug, "pk": self.application.pk}
        return {
            "overview_url": reverse("assessments:overview", kwargs=kwargs),
            "sustainability_url": reverse("assessments:sustainability", kwargs=kwargs),
            "conflicts_url": reverse("assessments:conflicts", kwargs=kwargs),
        }


# Sustainability ----------------------------------------------------------------------


class SustainabilityView(AssessmentApplicationMixin, TemplateView):
    """The applicant's self-assessment next to the officer's assurance: the form for
    those who lead while the assessment is open, the profile for the others."""

    template_name = "assessments/sustainability.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.setup_application()
        return self.render_to_response(self.get_context_data())

    def assessment(self) -> SustainabilityAssessment | None:
        return (
            SustainabilityAssessment.objects.filter(application=self.application)
            .prefetch_related("ratings", "dnsh", "sdg_effects")
            .first()
        )

    def make_form(self, data: Any = None) -> SustainabilityForm:
        app = self.application
        return SustainabilityForm(
            data,
            aspects=services.assessed_aspects(app),
            dnsh=services.needs_dnsh(app),
            targets=list(SdgTarget.objects.select_related("goal")),
            assessment=self.assessment() if data is None else None,
            answers=self.answers(),
        )

    def answers(self) -> dict[str, Any]:
        return {a.aspect: a for a in self.application.sustainability_answers.all()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        app = self.application
        can_edit = self.can_edit()
        if can_edit and "form" not in context:
            context["form"] = self.make_form()
        aspects = services.assessed_aspects(app)
        answers = self.answers()
        context.update(
            {
                "application": app,
                "can_edit": can_edit,
                "can_lead": self.can_lead(),
                "needs_dnsh": services.needs_dnsh(app),
                "own_answers": [
                    (SustainabilityAspect(aspect).label, answers.get(aspect))
                    for aspect in aspects
                ],
                "profile": selectors.sustainability_profile(app),
                "sdg_loaded": SdgTarget.objects.exists(),
                **self.page_urls(),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.setup_application()
        self.require_lead()
        form = self.make_form(request.POST)
        stale = False
        if form.is_valid():
            app = self.application
            before = set(app.goal_conflicts.values_list("key", flat=True))
            try:
                services.sustainability_save(
                    application=app, by=_actor(request), **form.service_kwargs()
                )
            except ValidationError as exc:
                stale = is_stale(exc)
                form.add_service_errors(exc)
            else:
                self.saved_message(before)
                return redirect(request.path)
        return self.render_to_response(
            self.get_context_data(form=form, stale=stale), status=200
        )

    def saved_message(self, before: set[str]) -> None:
        app = self.application
        conflicts = list(app.goal_conflicts.values_list("key", "status"))
        new = sum(1 for key, _status in conflicts if key not in before)
        waiting = sum(
            1 for _key, status in conflicts if status == ConflictStatus.PROPOSED
        )
        text = " ".join(
            [
                _("The sustainability assessment was saved."),
                ngettext(
                    "%(count)d new goal conflict was proposed.",
                    "%(count)d new goal conflicts were proposed.",
                    new,
                )
                % {"count": new},
                ngettext(
                    "%(count)d goal conflict is waiting to be weighed.",
                    "%(count)d goal conflicts are waiting to be weighed.",
                    waiting,
                )
                % {"count": waiting},
            ]
        )
        messages.success(
            self.request,
            format_html(
                '{} <a href="{}">{}</a>',
                text,
                self.page_urls()["conflicts_url"],
                _("Go to the goal conflicts"),
            ),
        )


# Goal conflicts ----------------------------------------------------------------------


def region_goals(region: Any) -> QuerySet[Goal]:
    """The goals of the region's strategies, to name in a conflict."""
    return (
        Goal.objects.filter(region=region)
        .select_related("strategy__region", "region")
        .order_by("strategy__title", "strategy_id", "order", "pk")
    )


def conflict_queryset() -> QuerySet[GoalConflict]:
    return GoalConflict.objects.select_related(
        "goal__region", "other_goal__region", "interaction", "weighed_by"
    )


class ConflictsView(AssessmentApplicationMixin, TemplateView):
    """The application's goal conflicts by status, a new round of proposals and a
    conflict the officer raises."""

    template_name = "assessments/conflicts.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.setup_application()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        app = self.application
        can_edit = self.can_edit()
        conflicts = list(
            conflict_queryset().filter(application=app).order_by("status", "pk")
        )
        groups = [
            {
                "status": status,
                "label": status.label,
                "conflicts": [c for c in conflicts if c.status == status],
            }
            for status in (
                ConflictStatus.PROPOSED,
                ConflictStatus.CONFIRMED,
                ConflictStatus.DISMISSED,
            )
        ]
        if can_edit and "add_form" not in context:
            context["add_form"] = ConflictAddForm(goals=region_goals(self.region))
        context.update(
            {
                "application": app,
                "can_edit": can_edit,
                "groups": groups,
                "count": len(conflicts),
                **self.page_urls(),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.setup_application()
        self.require_lead()
        if request.POST.get("action") == "propose":
            return self.propose()
        form = ConflictAddForm(request.POST, goals=region_goals(self.region))
        if form.is_valid():
            try:
                conflict = services.goal_conflict_add(
                    application=self.application,
                    by=_actor(request),
                    subject=form.cleaned_data["subject"],
                    goal=form.cleaned_data["goal"],
                    other_goal=form.cleaned_data["other_goal"],
                    description=form.cleaned_data["description"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The goal conflict “%(subject)s” was added; weigh it below.")
                    % {"subject": conflict.subject},
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(add_form=form))

    def propose(self) -> HttpResponse:
        if not assessable(self.application):
            messages.error(
                self.request,
                _("The application is %(status)s; its assessment can no longer change.")
                % {"status": self.application.get_status_display().lower()},
            )
            return redirect(self.request.path)
        added = services.goal_conflicts_propose(
            application=self.application, by=_actor(self.request)
        )
        if added:
            messages.success(
                self.request,
                ngettext(
                    "%(count)d new goal conflict was proposed.",
                    "%(count)d new goal conflicts were proposed.",
                    len(added),
                )
                % {"count": len(added)},
            )
        else:
            messages.info(self.request, _("No new goal conflicts were found."))
        return redirect(self.request.path)


class ConflictWeighView(RegionStaffMixin, TemplateView):
    """One goal conflict: confirm it with its handling, or dismiss it."""

    permission = staticmethod(can_read_region)
    template_name = "assessments/conflict_weigh.html"
    conflict: GoalConflict

    def get_conflict(self) -> GoalConflict:
        return get_object_or_404(
            conflict_queryset()
            .filter(
                region=self.region,
                application__in=policies.applications_for_assessment(self.request.user),
            )
            .select_related("application__case", "application__organisation"),
            pk=self.kwargs["pk"],
        )

    def can_edit(self) -> bool:
        app = self.conflict.application
        return policies.can_lead(self.request.user, app) and assessable(app)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.conflict = self.get_conflict()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        app = self.conflict.application
        can_edit = self.can_edit()
        if can_edit and "form" not in context:
            context["form"] = ConflictWeighForm(conflict=self.conflict)
        url_kwargs = {"region_slug": self.region.slug, "pk": app.pk}
        context.update(
            {
                "conflict": self.conflict,
                "application": app,
                "can_edit": can_edit,
                "conflicts_url": reverse("assessments:conflicts", kwargs=url_kwargs),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.conflict = self.get_conflict()
        if not policies.can_lead(request.user, self.conflict.application):
            raise PermissionDenied
        form = ConflictWeighForm(request.POST, conflict=self.conflict)
        stale = False
        if form.is_valid():
            data = form.cleaned_data
            try:
                conflict = services.goal_conflict_weigh(
                    conflict=self.conflict,
                    by=_actor(request),
                    status=data["status"],
                    description=data["description"],
                    handling=data["handling"],
                    handling_text=data["handling_text"],
                    revision=data["revision"],
                )
            except ValidationError as exc:
                stale = is_stale(exc)
                add_service_errors(form, exc)
                if stale:
                    self.conflict = self.get_conflict()
            else:
                messages.success(
                    request,
                    (
                        _("The goal conflict “%(subject)s” was confirmed.")
                        if conflict.status == ConflictStatus.CONFIRMED
                        else _("The goal conflict “%(subject)s” was dismissed.")
                    )
                    % {"subject": conflict.subject},
                )
                return redirect(
                    "assessments:conflicts",
                    region_slug=self.region.slug,
                    pk=conflict.application_id,
                )
        return self.render_to_response(self.get_context_data(form=form, stale=stale))


_app = "staff/<slug:region_slug>/applications/<int:pk>/assessment/"

urlpatterns: list[Any] = [
    path(
        _app + "sustainability/",
        SustainabilityView.as_view(),
        name="sustainability",
    ),
    path(_app + "conflicts/", ConflictsView.as_view(), name="conflicts"),
    path(
        "staff/<slug:region_slug>/conflicts/<int:pk>/",
        ConflictWeighView.as_view(),
        name="conflict_weigh",
    ),
]

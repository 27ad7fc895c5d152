"""Staff screens of action plans and their activities.

Every page is under ``staff/<region>/action-plans/``: any staff role in the region reads,
strategists and region administrators change (`policies.can_edit_plans` /
`can_change_plan`). Plans and activities are resolved through the policy querysets in
the region, so another region's plan is "not found". Writes go through the services;
their ValidationError is shown on the form with what the user typed kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.accounts.policies import can_view_history
from samverka.core.errors import STALE_EDIT
from samverka.plans import policies, selectors, services
from samverka.plans.forms import (
    ActionPlanForm,
    ActivityForm,
    ActivityGoalsForm,
    PlanAdoptForm,
    PlanFilterForm,
    add_service_errors,
)
from samverka.plans.models import ActionPlan, Activity, ActivityGoal

PlanPredicate = Callable[[Any, ActionPlan], bool]


def _actor(request: HttpRequest) -> User:
    """The acting user: every page here is behind the login (LoginRequiredMiddleware)."""
    return cast(User, request.user)


def _is_stale(exc: ValidationError) -> bool:
    return not hasattr(exc, "error_dict") and any(
        error.code == STALE_EDIT for error in exc.error_list
    )


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


# Mixins ------------------------------------------------------------------------------


class PlansStaffMixin(RegionStaffMixin):
    """Any staff role in the region opens the plan pages (read only)."""

    permission = staticmethod(policies.can_view_plans_staff)


class PlanObjectMixin:
    """Resolve the plan among the region's plans the user sees (404), then check
    `plan_permission` (403). Put it after `PlansStaffMixin`, so the region is known."""

    plan_permission: ClassVar[PlanPredicate | None] = None
    plan_kwarg: ClassVar[str] = "pk"
    plan: ActionPlan
    region: Any
    request: HttpRequest

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        plan = selectors.plan_get(
            user=request.user, region=self.region, pk=kwargs[self.plan_kwarg]
        )
        if plan is None:
            raise Http404
        self.plan = plan
        permission = type(self).plan_permission
        if permission is not None and not permission(request.user, plan):
            raise PermissionDenied
        self.load_related(**kwargs)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def load_related(self, **kwargs: Any) -> None:
        """Resolve objects inside the plan (an activity)."""

    def detail_url(self) -> str:
        return reverse(
            "plans:staff_plan_detail",
            kwargs={"region_slug": self.region.slug, "pk": self.plan.pk},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["plan"] = self.plan
        context["cancel_url"] = self.detail_url()
        return context


class ActivityObjectMixin(PlanObjectMixin):
    """An activity of the plan (``pk``; the plan is ``plan_pk``): 404 outside it."""

    plan_kwarg = "plan_pk"
    activity: Activity

    def load_related(self, **kwargs: Any) -> None:
        activity = selectors.activity_get(
            user=self.request.user, plan=self.plan, pk=kwargs["pk"]
        )
        if activity is None:
            raise Http404
        self.activity = activity

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["activity"] = self.activity
        return context


class ServiceFormMixin:
    """Run the service in `perform()`; its ValidationError becomes form errors.

    A stale save (someone else saved in between) keeps the user's input, shows the
    saved version beside it and takes the stored revision, so saving again overwrites
    knowingly.
    """

    success_message: ClassVar[Any] = ""
    #: The texts shown from the stored version beside a stale form.
    stale_fields: ClassVar[tuple[str, ...]] = ("title",)
    request: HttpRequest
    stale_object: Any = None

    def perform(self, form: Any) -> HttpResponse:
        raise NotImplementedError

    def stored_object(self) -> Any:
        """The object as stored now, for a stale save; None for a create form."""
        return None

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            response = self.perform(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            if _is_stale(exc):
                self.take_stored_revision(form)
            return self.form_invalid(form)  # type: ignore[attr-defined]
        if self.success_message:
            messages.success(self.request, self.success_message)
        return response

    def take_stored_revision(self, form: Any) -> None:
        stored = self.stored_object()
        if stored is None:
            return
        self.stale_object = stored
        data = form.data.copy()
        data[form.add_prefix("revision")] = str(stored.revision)
        form.data = data

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["stale_object"] = self.stale_object
        context["stale_fields"] = self.stale_fields
        return context


# Action plans ------------------------------------------------------------------------


class PlanListView(PlansStaffMixin, ListView):
    """The region's action plans, filtered by theme and status.

    An htmx request (a filter change) gets only the table.
    """

    template_name = "plans/staff/plan_list.html"
    partial_template_name = "plans/staff/partials/_plan_rows.html"
    context_object_name = "plans"

    def get_queryset(self) -> QuerySet[ActionPlan]:
        self.filter_form = PlanFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return selectors.plan_list(
            user=self.request.user, region=self.region, filters=filters
        )

    def get_template_names(self) -> list[str]:
        if _is_htmx(self.request):
            return [self.partial_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["can_create"] = policies.can_edit_plans(self.request.user, self.region)
        return context


class PlanFormMixin:
    region: Any
    request: HttpRequest

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["region"] = self.region
        kwargs["strategies"] = selectors.strategy_choices(
            user=self.request.user, region=self.region
        )
        return kwargs


class PlanCreateView(PlansStaffMixin, PlanFormMixin, ServiceFormMixin, FormView):
    template_name = "plans/staff/plan_form.html"
    form_class = ActionPlanForm
    permission = staticmethod(policies.can_edit_plans)

    def perform(self, form: ActionPlanForm) -> HttpResponse:
        plan = services.action_plan_create(
            region=self.region, by=_actor(self.request), data=form.cleaned_data
        )
        messages.success(self.request, _("The action plan was started as a draft."))
        return redirect(
            "plans:staff_plan_detail", region_slug=self.region.slug, pk=plan.pk
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New action plan")
        context["cancel_url"] = reverse(
            "plans:staff_plan_list", kwargs={"region_slug": self.region.slug}
        )
        return context


class PlanDetailView(PlansStaffMixin, PlanObjectMixin, TemplateView):
    """A plan's overview and its activities (or investment objects) in order."""

    template_name = "plans/staff/plan_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["activities"] = selectors.activity_table(self.plan)
        context["can_change"] = policies.can_change_plan(user, self.plan)
        context["can_view_history"] = can_view_history(user, self.region)
        context["adopt_form"] = PlanAdoptForm(
            initial={
                "adopted_on": timezone.localdate(),
                "decision_reference": self.plan.decision_reference,
            }
        )
        return context


class PlanUpdateView(
    PlansStaffMixin, PlanObjectMixin, PlanFormMixin, ServiceFormMixin, FormView
):
    template_name = "plans/staff/plan_form.html"
    form_class = ActionPlanForm
    plan_permission = policies.can_change_plan
    success_message = gettext_lazy("The action plan was saved.")
    stale_fields = ("title", "summary")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.plan
        return kwargs

    def stored_object(self) -> ActionPlan | None:
        return ActionPlan.objects.filter(pk=self.plan.pk).first()

    def perform(self, form: ActionPlanForm) -> HttpResponse:
        services.action_plan_update(
            plan=self.plan,
            by=_actor(self.request),
            data=form.cleaned_data,
            revision=form.cleaned_data.get("revision"),
        )
        return redirect(self.detail_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(title)s") % {"title": self.plan.title}
        return context


class PlanAdoptView(PlansStaffMixin, PlanObjectMixin, ServiceFormMixin, FormView):
    """Record the adoption of a draft plan (date and decision). The form is also on
    the plan's page; this page shows it alone and with its errors."""

    template_name = "plans/staff/plan_adopt.html"
    form_class = PlanAdoptForm
    plan_permission = policies.can_change_plan
    success_message = gettext_lazy("The action plan was adopted and is now public.")

    def get_initial(self) -> dict[str, Any]:
        return {
            "adopted_on": timezone.localdate(),
            "decision_reference": self.plan.decision_reference,
        }

    def perform(self, form: PlanAdoptForm) -> HttpResponse:
        services.action_plan_adopt(
            plan=self.plan,
            by=_actor(self.request),
            adopted_on=form.cleaned_data["adopted_on"],
            decision_reference=form.cleaned_data["decision_reference"],
        )
        return redirect(self.detail_url())


class PlanArchiveView(PlansStaffMixin, PlanObjectMixin, View):
    """POST only: an adopted plan whose period is over is archived."""

    plan_permission = policies.can_change_plan
    http_method_names: Sequence[str] = ("post",)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.action_plan_archive(plan=self.plan, by=_actor(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The action plan was archived."))
        return redirect(self.detail_url())


# Activities --------------------------------------------------------------------------


class ActivityFormMixin:
    plan: ActionPlan
    region: Any

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["plan"] = self.plan
        kwargs["organisations"] = selectors.organisation_choices(self.region)
        return kwargs

    def activities_url(self) -> str:
        return self.detail_url() + "#activities"  # type: ignore[attr-defined]

    def noun(self) -> str:
        if self.plan.is_investment_plan:
            return _("investment object")
        return _("activity")


class ActivityCreateView(
    PlansStaffMixin, PlanObjectMixin, ActivityFormMixin, ServiceFormMixin, FormView
):
    template_name = "plans/staff/activity_form.html"
    form_class = ActivityForm
    plan_kwarg = "plan_pk"
    plan_permission = policies.can_change_plan

    def perform(self, form: ActivityForm) -> HttpResponse:
        services.activity_create(
            plan=self.plan, by=_actor(self.request), data=form.cleaned_data
        )
        if self.plan.is_investment_plan:
            messages.success(self.request, _("The investment object was added."))
        else:
            messages.success(self.request, _("The activity was added."))
        return redirect(self.activities_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.plan.is_investment_plan:
            context["title"] = _("New investment object")
        else:
            context["title"] = _("New activity")
        return context


class ActivityUpdateView(
    PlansStaffMixin,
    ActivityObjectMixin,
    ActivityFormMixin,
    ServiceFormMixin,
    FormView,
):
    template_name = "plans/staff/activity_form.html"
    form_class = ActivityForm
    plan_permission = policies.can_change_plan
    stale_fields = ("title", "description")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.activity
        return kwargs

    def stored_object(self) -> Activity | None:
        return Activity.objects.filter(pk=self.activity.pk).first()

    def perform(self, form: ActivityForm) -> HttpResponse:
        services.activity_update(
            activity=self.activity,
            by=_actor(self.request),
            data=form.cleaned_data,
            revision=form.cleaned_data.get("revision"),
        )
        if self.plan.is_investment_plan:
            messages.success(self.request, _("The investment object was saved."))
        else:
            messages.success(self.request, _("The activity was saved."))
        return redirect(self.activities_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(title)s") % {"title": str(self.activity)}
        context["goal_links"] = list(
            self.activity.goal_links.select_related("goal").order_by(
                "-weight", "goal__order", "goal__pk"
            )
        )
        return context


class ActivityDeleteView(PlansStaffMixin, ActivityObjectMixin, TemplateView):
    """GET asks for confirmation; POST removes the activity."""

    template_name = "plans/staff/activity_confirm_delete.html"
    plan_permission = policies.can_change_plan

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.activity_delete(activity=self.activity, by=_actor(request))
        if self.plan.is_investment_plan:
            messages.success(request, _("The investment object was removed."))
        else:
            messages.success(request, _("The activity was removed."))
        return redirect(self.detail_url() + "#activities")


class ActivityMoveView(PlansStaffMixin, ActivityObjectMixin, View):
    """POST ``direction=up|down``: swap the activity with its neighbour.

    htmx gets the refreshed table; without JavaScript the plan's page is reloaded.
    """

    plan_permission = policies.can_change_plan
    http_method_names: Sequence[str] = ("post",)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            return HttpResponse(_("Give the direction up or down."), status=400)
        order = list(
            self.plan.activities.order_by("order", "pk").values_list("pk", flat=True)
        )
        index = order.index(self.activity.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(order):
            order[index], order[other] = order[other], order[index]
            services.activity_reorder(plan=self.plan, by=_actor(request), order=order)
        if _is_htmx(request):
            return render(
                request,
                "plans/staff/partials/_activity_table.html",
                {
                    "plan": self.plan,
                    "region": self.region,
                    "activities": selectors.activity_table(self.plan),
                    "can_change": True,
                    "moved": self.activity.pk,
                    "moved_direction": direction,
                    "moved_activity": self.activity,
                },
            )
        return redirect(self.detail_url() + "#activities")


class ActivityGoalsView(PlansStaffMixin, ActivityObjectMixin, FormView):
    """Which goals of the plan's strategy the activity serves, and how much.

    One relevance select per goal of the tree. A plain submit saves every changed row;
    htmx saves a single row when its select changes and returns that row.
    """

    template_name = "plans/staff/activity_goals.html"
    row_template_name = "plans/staff/partials/_goal_row.html"
    form_class = ActivityGoalsForm
    plan_permission = policies.can_change_plan

    def goal_rows(self) -> list[selectors.GoalRow]:
        if not hasattr(self, "_goal_rows"):
            self._goal_rows = selectors.activity_goal_rows(self.activity)
        return self._goal_rows

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        rows = self.goal_rows()
        kwargs["goals"] = [row.goal for row in rows]
        kwargs["current"] = {
            row.goal.pk: row.weight for row in rows if row.weight is not None
        }
        kwargs["inline_url"] = self.request.path
        return kwargs

    def form_valid(self, form: ActivityGoalsForm) -> HttpResponse:
        by = _actor(self.request)
        changed = form.changes()
        try:
            for goal, weight in changed:
                if weight is None:
                    link = ActivityGoal.objects.filter(
                        activity=self.activity, goal=goal
                    ).first()
                    if link is not None:
                        services.activity_goal_remove(link=link, by=by)
                else:
                    services.activity_goal_set(
                        activity=self.activity, goal=goal, by=by, weight=weight
                    )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        sent = [
            goal_pk
            for goal_pk in form.goals
            if form.add_prefix(form.field_name(goal_pk)) in form.data
        ]
        if _is_htmx(self.request) and len(sent) == 1:
            return self.render_row(sent[0], saved=True)
        if changed:
            messages.success(self.request, _("The links to goals were saved."))
        else:
            messages.info(self.request, _("Nothing was changed."))
        return redirect(self.request.path)

    def render_row(self, goal_pk: int, *, saved: bool) -> HttpResponse:
        self._goal_rows = selectors.activity_goal_rows(self.activity)
        kwargs = self.get_form_kwargs()
        kwargs.pop("data", None)
        kwargs.pop("files", None)
        form = self.get_form_class()(**kwargs)  # unbound: shows what is stored
        row = next(r for r in self._goal_rows if r.goal.pk == goal_pk)
        return render(
            self.request,
            self.row_template_name,
            {
                "row": row,
                "field": form[form.field_name(goal_pk)],
                "saved": saved,
            },
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["rows"] = [
            {"row": row, "field": form[form.field_name(row.goal.pk)]}
            for row in self.goal_rows()
        ]
        context["title"] = _("Goals served by %(activity)s") % {
            "activity": str(self.activity)
        }
        return context


# URLs --------------------------------------------------------------------------------

_plans = "staff/<slug:region_slug>/action-plans/"
_plan = _plans + "<int:pk>/"
_activities = _plans + "<int:plan_pk>/activities/"
_activity = _activities + "<int:pk>/"

urlpatterns = [
    path(_plans, PlanListView.as_view(), name="staff_plan_list"),
    path(_plans + "new/", PlanCreateView.as_view(), name="staff_plan_create"),
    path(_plan, PlanDetailView.as_view(), name="staff_plan_detail"),
    path(_plan + "edit/", PlanUpdateView.as_view(), name="staff_plan_update"),
    path(_plan + "adopt/", PlanAdoptView.as_view(), name="staff_plan_adopt"),
    path(_plan + "archive/", PlanArchiveView.as_view(), name="staff_plan_archive"),
    path(
        _activities + "new/",
        ActivityCreateView.as_view(),
        name="staff_activity_create",
    ),
    path(
        _activity + "edit/",
        ActivityUpdateView.as_view(),
        name="staff_activity_update",
    ),
    path(
        _activity + "delete/",
        ActivityDeleteView.as_view(),
        name="staff_activity_delete",
    ),
    path(_activity + "move/", ActivityMoveView.as_view(), name="staff_activity_move"),
    path(
        _activity + "goals/",
        ActivityGoalsView.as_view(),
        name="staff_activity_goals",
    ),
]

"""Deciding on an application, the decision's page with its conditions, and the
region's conditions to follow.

- ``decide``: the summary a decider needs (the recommendation, the combined score,
  the delegation that applies, the four-eyes rule, what is left of the
  appropriation) and the decision form. Case officers and decision makers of the
  region open it (`policies.can_decide`); the service applies the delegation order.
- ``decision``: the decision, what it is committed against, its conditions (with a
  form to resolve an open one) and the documents registered in the case.
- ``conditions``: the region's open conditions by deadline, and those resolved lately.

An application is resolved among the region's submitted applications the user reads
as staff, so another region's application or a made-up number is "not found".
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.applications.models import Application
from samverka.applications.policies import applications_of_staff
from samverka.assessments.models import Recommendation
from samverka.assessments.selectors import combined_scores
from samverka.decisions import delegation, policies, services
from samverka.decisions.choices import ConditionStatus, Outcome
from samverka.decisions.forms import (
    ConditionFormSet,
    ConditionResolveForm,
    DecideForm,
    add_decision_errors,
)
from samverka.decisions.models import Condition, Decision
from samverka.funding.choices import DecisionLevel
from samverka.funding.models import Appropriation
from samverka.plans.forms import add_service_errors

#: How far back the conditions page lists resolved conditions.
RECENTLY_RESOLVED_DAYS = 90
RECENTLY_RESOLVED_MAX = 50


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _url(name: str, region: Any, pk: int) -> str:
    return reverse(name, kwargs={"region_slug": region.slug, "pk": pk})


def decision_url(region: Any, application: Application) -> str:
    return reverse(
        "decisions:decision",
        kwargs={"region_slug": region.slug, "pk": application.pk},
    )


def _staff_application(user: Any, region: Any, pk: int) -> Application:
    return get_object_or_404(
        applications_of_staff(user)
        .filter(region=region)
        .select_related(
            "call__region", "organisation", "fund", "case", "officer", "created_by"
        ),
        pk=pk,
    )


class ApplicationMixin:
    """Resolve ``pk`` among the region's applications the user reads as staff (404)."""

    application: Application
    region: Any

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.application = _staff_application(request.user, self.region, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


# Deciding ------------------------------------------------------------------------------


def allowed_outcomes(application: Application) -> list[str]:
    """The outcomes the application's status allows, in the choices' order."""
    return [
        value
        for value in Outcome.values
        if application.status in services.DECIDABLE_FROM[Outcome(value)]
    ]


class DecideView(RegionStaffMixin, ApplicationMixin, TemplateView):
    """GET: the summary and the decision form; POST: decide."""

    template_name = "decisions/decide.html"
    form: DecideForm | None = None
    formset: Any = None
    condition_errors: list[str] = []

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._require()
        if Decision.objects.filter(application=self.application).exists():
            messages.info(request, _("The application has already been decided."))
            return redirect(decision_url(self.region, self.application))
        return super().get(request, *args, **kwargs)

    def _require(self) -> None:
        if not policies.can_decide(self.request.user, self.application):
            raise PermissionDenied

    # The pieces of the page -----------------------------------------------------------

    def recommendation(self) -> Recommendation | None:
        if not hasattr(self, "_recommendation"):
            self._recommendation = (
                Recommendation.objects.filter(application=self.application)
                .select_related("written_by")
                .first()
            )
        return self._recommendation

    def own_funds(self) -> list[Any]:
        return list(self.application.call.funds.filter(is_external=False))

    def form_kwargs(self, posted_outcome: str = "") -> dict[str, Any]:
        outcomes = allowed_outcomes(self.application)
        if posted_outcome in Outcome.values and posted_outcome not in outcomes:
            # Let the service say why the outcome is not open (status changed).
            outcomes.append(posted_outcome)
        return {
            "region": self.region,
            "currency": self.application.currency,
            "outcomes": outcomes,
            "funds": self.own_funds(),
        }

    def initial(self) -> dict[str, Any]:
        app = self.application
        recommendation = self.recommendation()
        initial: dict[str, Any] = {
            "fund": app.fund_id,
            "start_date": app.start_date,
            "end_date": app.end_date,
        }
        if recommendation is not None:
            if recommendation.outcome in allowed_outcomes(app):
                initial["outcome"] = recommendation.outcome
            if recommendation.amount:
                initial["amount"] = recommendation.amount
            initial["reasons"] = recommendation.text
        return initial

    def condition_initial(self) -> list[dict[str, Any]]:
        recommendation = self.recommendation()
        if recommendation is not None and recommendation.conditions:
            return [{"text": recommendation.conditions}]
        return []

    def make_formset(self, data: Any = None) -> Any:
        return ConditionFormSet(
            data,
            initial=self.condition_initial(),
            region=self.region,
            currency=self.application.currency,
        )

    def delegation_summary(self) -> dict[str, Any]:
        app = self.application
        limits = delegation.limits_for(self.region, app.fund)
        held = delegation.levels_of(self.request.user, self.region)
        fund = app.fund
        assessed = self.request.user.pk in delegation.assessed_by(app)
        return {
            "levels": [
                {"label": DecisionLevel(level).label, "limit": limits[level]}
                for level in held
            ],
            "committee": limits[DecisionLevel.COMMITTEE],
            "fund": fund,
            "four_eyes_threshold": fund.four_eyes_threshold if fund else None,
            "assessed": assessed,
        }

    def appropriation(self) -> Appropriation | None:
        fund = services.decision_fund(self.application)
        if fund is None:
            return None
        year = timezone.now().astimezone(self.region.tzinfo).year
        return (
            Appropriation.objects.filter(fund=fund, year=year)
            .select_related("fund")
            .first()
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        app = self.application
        form = self.form or DecideForm(initial=self.initial(), **self.form_kwargs())
        formset = self.formset or self.make_formset()
        context.update(
            {
                "application": app,
                "currency": app.currency,
                "recommendation": self.recommendation(),
                "score": combined_scores([app.pk])[app.pk],
                "delegation": self.delegation_summary(),
                "appropriation": self.appropriation(),
                "memo_url": _url("decisions:memo", self.region, app.pk),
                "overview_url": _url("assessments:overview", self.region, app.pk),
                "detail_url": _url("applications:staff_detail", self.region, app.pk),
                "form": form,
                "formset": formset,
                "condition_errors": self.condition_errors,
                # A form sent back with errors stays on the page whatever happened
                # meanwhile, so that nothing typed is lost.
                "can_be_decided": bool(allowed_outcomes(app)) or form.is_bound,
                "decided_url": decision_url(self.region, app)
                if Decision.objects.filter(application=app).exists()
                else None,
                "has_errors": bool(
                    form.errors
                    or any(f.errors for f in formset.forms)
                    or formset.non_form_errors()
                ),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._require()
        form = DecideForm(
            request.POST,
            initial=self.initial(),
            **self.form_kwargs(request.POST.get("outcome", "")),
        )
        formset = self.make_formset(request.POST)
        self.form, self.formset = form, formset
        if form.is_valid() and formset.is_valid():
            try:
                services.decision_record(
                    application=self.application,
                    by=_actor(request),
                    data=form.service_data(formset.rows()),
                )
            except ValidationError as exc:
                self.condition_errors = add_decision_errors(form, formset, exc)
            else:
                messages.success(
                    request,
                    _("The decision on “%(title)s” has been recorded.")
                    % {"title": self.application.title},
                )
                return redirect(decision_url(self.region, self.application))
        return self.render_to_response(self.get_context_data())


# The decision --------------------------------------------------------------------------


def decision_context(
    request: HttpRequest,
    region: Any,
    application: Application,
    *,
    bound: tuple[int, ConditionResolveForm] | None = None,
) -> dict[str, Any]:
    """What the decision's page shows; `bound` is a resolve form that came back with
    errors, for the condition it names."""
    decision = (
        policies.decisions_visible_to(request.user)
        .filter(application=application)
        .select_related(
            "decided_by",
            "appropriation__fund",
            "agenda_item__meeting__committee",
            "memo",
            "letter",
        )
        .first()
    )
    if decision is None:
        raise Http404
    can_follow = policies.can_follow_conditions(request.user, region)
    today = timezone.localdate(timezone=region.tzinfo)
    conditions = []
    for condition in decision.conditions.select_related("resolved_by"):
        form = None
        if bound is not None and bound[0] == condition.pk:
            # Sent back with errors: shown with what was typed, also when someone
            # else resolved the condition meanwhile (the error says so).
            form = bound[1]
        elif can_follow and condition.status == ConditionStatus.OPEN:
            form = ConditionResolveForm(prefix=f"condition-{condition.pk}")
        conditions.append(
            {
                "condition": condition,
                "overdue": condition.status == ConditionStatus.OPEN
                and condition.deadline is not None
                and condition.deadline < today,
                "form": form,
            }
        )
    documents = []
    for label, document in (
        (_("Decision memo"), decision.memo),
        (_("Decision letter"), decision.letter),
    ):
        if document is not None:
            documents.append(
                {
                    "label": label,
                    "document": document,
                    "url": _url("records:document_download", region, document.pk),
                }
            )
    return {
        "region": region,
        "application": application,
        "currency": application.currency,
        "decision": decision,
        "conditions": conditions,
        "documents": documents,
        "can_follow": can_follow,
        "memo_url": _url("decisions:memo", region, application.pk),
        "memo_pdf_url": _url("decisions:memo_pdf", region, application.pk),
        "letter_pdf_url": _url("decisions:letter_pdf", region, application.pk),
        "detail_url": _url("applications:staff_detail", region, application.pk),
        "conditions_url": reverse(
            "decisions:conditions", kwargs={"region_slug": region.slug}
        ),
    }


class DecisionView(RegionStaffMixin, ApplicationMixin, TemplateView):
    """The decision on one application (404 while there is none)."""

    template_name = "decisions/decision.html"
    permission = staticmethod(policies.can_view_decisions)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(decision_context(self.request, self.region, self.application))
        return context


class ConditionResolveView(RegionStaffMixin, TemplateView):
    """POST: mark an open condition met or lapsed. Errors show on the decision's
    page at the condition, with what was typed."""

    template_name = "decisions/decision.html"
    http_method_names = ["post"]
    permission = staticmethod(policies.can_follow_conditions)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        condition = get_object_or_404(
            Condition.objects.filter(
                region=self.region,
                decision__in=policies.decisions_visible_to(request.user),
            ).select_related("decision__application"),
            pk=kwargs["pk"],
        )
        application = _staff_application(
            request.user, self.region, condition.decision.application_id
        )
        form = ConditionResolveForm(request.POST, prefix=f"condition-{condition.pk}")
        if form.is_valid():
            try:
                services.condition_resolve(
                    condition=condition,
                    by=_actor(request),
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if form.cleaned_data["status"] == ConditionStatus.MET:
                    text = _("The condition is marked met.")
                else:
                    text = _("The condition is marked lapsed.")
                messages.success(request, text)
                return redirect(
                    f"{decision_url(self.region, application)}#condition-{condition.pk}"
                )
        context = decision_context(
            request, self.region, application, bound=(condition.pk, form)
        )
        context["resolve_error_for"] = condition.pk
        return self.render_to_response(context)


# The region's conditions ---------------------------------------------------------------


def _region_conditions(user: Any, region: Any) -> QuerySet[Condition]:
    return Condition.objects.filter(
        region=region, decision__in=policies.decisions_visible_to(user)
    ).select_related(
        "decision__application__case",
        "decision__application__organisation",
        "resolved_by",
    )


class ConditionListView(RegionStaffMixin, TemplateView):
    """The region's open conditions, soonest deadline first, overdue ones marked;
    below them the conditions resolved lately."""

    template_name = "decisions/conditions.html"
    permission = staticmethod(policies.can_view_decisions)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate(timezone=self.region.tzinfo)
        conditions = _region_conditions(self.request.user, self.region)
        open_rows = [
            {
                "condition": c,
                "overdue": c.deadline is not None and c.deadline < today,
            }
            for c in conditions.filter(status=ConditionStatus.OPEN).order_by(
                F("deadline").asc(nulls_last=True), "pk"
            )
        ]
        since = timezone.now() - datetime.timedelta(days=RECENTLY_RESOLVED_DAYS)
        resolved = list(
            conditions.exclude(status=ConditionStatus.OPEN)
            .filter(resolved_at__gte=since)
            .order_by("-resolved_at", "-pk")[:RECENTLY_RESOLVED_MAX]
        )
        context.update(
            {
                "open_rows": open_rows,
                "overdue_count": sum(1 for r in open_rows if r["overdue"]),
                "resolved": resolved,
                "recent_days": RECENTLY_RESOLVED_DAYS,
                "today": today,
                "currency": self.region.currency,
            }
        )
        return context


# URLs ---------------------------------------------------------------------------------

_staff = "staff/<slug:region_slug>/"

urlpatterns = [
    path(_staff + "applications/<int:pk>/decide/", DecideView.as_view(), name="decide"),
    path(
        _staff + "applications/<int:pk>/decision/",
        DecisionView.as_view(),
        name="decision",
    ),
    path(_staff + "conditions/", ConditionListView.as_view(), name="conditions"),
    path(
        _staff + "conditions/<int:pk>/resolve/",
        ConditionResolveView.as_view(),
        name="condition_resolve",
    ),
]

"""The region's delegation order: how large a grant each level decides on, for the
whole region and per fund, and each fund's four-eyes threshold.

Every staff member of the region reads it. Region administrators set and remove
limits (`funding.policies.can_edit_delegation`); the keepers of a fund (region
administrators, funding advisors) set its four-eyes threshold
(`funding.policies.can_change_fund`).
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.decisions.delegation import DEFAULT_LIMITS
from samverka.decisions.forms import DelegationLimitForm, FourEyesForm
from samverka.funding import policies as funding_policies
from samverka.funding import services as funding_services
from samverka.funding.choices import DecisionLevel
from samverka.funding.models import DelegationLimit, Fund
from samverka.plans.forms import add_service_errors


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def _page_url(region: Any) -> str:
    return reverse("decisions:delegation", kwargs={"region_slug": region.slug})


def _row(
    level: str, own: DelegationLimit | None, inherited: DelegationLimit | None
) -> dict[str, Any]:
    """One level's limit: its own row, else the one it inherits, else the default."""
    if own is not None:
        source = "own"
        amount = own.max_amount
        note = own.note
    elif inherited is not None:
        source = "region"
        amount = inherited.max_amount
        note = inherited.note
    else:
        source = "default"
        amount = DEFAULT_LIMITS[level]
        note = ""
    return {
        "level": level,
        "label": DecisionLevel(level).label,
        "limit": own,
        "amount": amount,
        "note": note,
        "source": source,
    }


class DelegationView(RegionStaffMixin, TemplateView):
    """GET: the delegation order; POST: set a limit (region administrators)."""

    template_name = "decisions/delegation.html"
    permission = staticmethod(funding_policies.can_view_funding_staff)
    limit_form: DelegationLimitForm | None = None
    four_eyes_bound: FourEyesForm | None = None

    def funds(self) -> QuerySet[Fund]:
        return Fund.objects.filter(region=self.region)

    def make_limit_form(self, data: Any = None) -> DelegationLimitForm:
        return DelegationLimitForm(data, region=self.region, funds=self.funds())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        funds = list(self.funds())
        limits = list(
            DelegationLimit.objects.filter(region=self.region).select_related("fund")
        )
        region_limits = {row.level: row for row in limits if row.fund_id is None}
        fund_limits: dict[int, dict[str, DelegationLimit]] = {}
        for row in limits:
            if row.fund_id is not None:
                fund_limits.setdefault(row.fund_id, {})[row.level] = row
        levels = DecisionLevel.values
        can_edit = funding_policies.can_edit_delegation(user, self.region)
        fund_rows = []
        for fund in funds:
            form = None
            if funding_policies.can_change_fund(user, fund):
                bound = self.four_eyes_bound
                form = (
                    bound
                    if bound is not None and bound.fund.pk == fund.pk
                    else FourEyesForm(
                        fund=fund,
                        initial={"four_eyes_threshold": fund.four_eyes_threshold},
                    )
                )
            own = fund_limits.get(fund.pk, {})
            fund_rows.append(
                {
                    "fund": fund,
                    "rows": [
                        _row(level, own.get(level), region_limits.get(level))
                        for level in levels
                    ],
                    "four_eyes_form": form,
                }
            )
        context.update(
            {
                "region_rows": [
                    _row(level, region_limits.get(level), None) for level in levels
                ],
                "fund_rows": fund_rows,
                "can_edit": can_edit,
                "limit_form": (self.limit_form or self.make_limit_form())
                if can_edit
                else None,
                "currency": self.region.currency,
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not funding_policies.can_edit_delegation(request.user, self.region):
            raise PermissionDenied
        form = self.make_limit_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                limit = funding_services.delegation_limit_set(
                    region=self.region,
                    by=_actor(request),
                    data={
                        "fund": data["fund"],
                        "level": data["level"],
                        "max_amount": data["max_amount"],
                        "note": (data["note"] or "").strip(),
                    },
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The limit for %(level)s (%(scope)s) was saved.")
                    % {
                        "level": limit.get_level_display().lower(),
                        "scope": limit.fund or _("every fund of the region"),
                    },
                )
                return redirect(_page_url(self.region))
        self.limit_form = form
        return self.render_to_response(self.get_context_data())


class DelegationLimitDeleteView(RegionStaffMixin, TemplateView):
    """POST: remove a limit; the level then follows the region's limit or the
    default."""

    http_method_names = ["post"]
    permission = staticmethod(funding_policies.can_edit_delegation)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        limit = get_object_or_404(
            DelegationLimit.objects.select_related("fund", "region"),
            region=self.region,
            pk=kwargs["pk"],
        )
        text = _("The limit for %(level)s (%(scope)s) was removed.") % {
            "level": limit.get_level_display().lower(),
            "scope": limit.fund or _("every fund of the region"),
        }
        funding_services.delegation_limit_delete(limit=limit, by=_actor(request))
        messages.success(request, text)
        return redirect(_page_url(self.region))


class FourEyesView(DelegationView):
    """POST: set (or clear) a fund's four-eyes threshold."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fund = get_object_or_404(
            Fund.objects.select_related("region"), region=self.region, pk=kwargs["pk"]
        )
        if not funding_policies.can_change_fund(request.user, fund):
            raise PermissionDenied
        form = FourEyesForm(request.POST, fund=fund)
        if form.is_valid():
            try:
                funding_services.fund_update(
                    fund=fund,
                    by=_actor(request),
                    data={
                        "four_eyes_threshold": form.cleaned_data["four_eyes_threshold"]
                    },
                    revision=None,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The four-eyes threshold of %(fund)s was saved.")
                    % {"fund": fund},
                )
                return redirect(f"{_page_url(self.region)}#fund-{fund.pk}")
        self.four_eyes_bound = form
        return self.render_to_response(self.get_context_data())


_delegation = "staff/<slug:region_slug>/delegation/"

urlpatterns = [
    path(_delegation, DelegationView.as_view(), name="delegation"),
    path(
        _delegation + "<int:pk>/delete/",
        DelegationLimitDeleteView.as_view(),
        name="delegation_delete",
    ),
    path(
        _delegation + "funds/<int:pk>/four-eyes/",
        FourEyesView.as_view(),
        name="four_eyes",
    ),
]

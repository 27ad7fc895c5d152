"""Staff screens of funds and calls.

Pages are under ``staff/<region>/funds/`` and ``staff/<region>/calls/``. Any staff role
in the region reads; region administrators and funding advisors keep the funds, region
administrators and case officers the calls (`funding.policies`). Funds and calls are
looked up among the region's own, so another region's is "not found". Writes go through
the services; their ValidationError is shown on the form with what the user typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.accounts.policies import can_view_history
from samverka.core.errors import STALE_EDIT
from samverka.funding import policies, selectors, services
from samverka.funding.forms import (
    AppropriationForm,
    CallForm,
    CallIndicatorForm,
    CriterionForm,
    FundForm,
    RequiredAttachmentForm,
)
from samverka.funding.models import (
    Call,
    Fund,
)
from samverka.plans.forms import add_service_errors

FundPredicate = Callable[[Any, Fund], bool]
CallPredicate = Callable[[Any, Call], bool]


def _actor(request: HttpRequest) -> User:
    """The acting user: every page here is behind the login."""
    return cast(User, request.user)


def _is_stale(exc: ValidationError) -> bool:
    return not hasattr(exc, "error_dict") and any(
        error.code == STALE_EDIT for error in exc.error_list
    )


class FundingStaffMixin(RegionStaffMixin):
    """Any staff role in the region opens the funding pages (read only)."""

    permission = staticmethod(policies.can_view_funding_staff)


class ServiceFormMixin:
    """Run the service in `perform()`; its ValidationError becomes form errors and the
    form is shown again with everything typed. A stale save takes the stored revision
    and shows the stored texts beside the form, so saving again overwrites knowingly."""

    stale_fields: ClassVar[tuple[str, ...]] = ()
    request: HttpRequest
    stale_object: Any = None

    def perform(self, form: Any) -> HttpResponse:
        raise NotImplementedError

    def stored_object(self) -> Any:
        return None

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            return self.perform(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            if _is_stale(exc):
                stored = self.stored_object()
                if stored is not None:
                    self.stale_object = stored
                    data = form.data.copy()
                    data[form.add_prefix("revision")] = str(stored.revision)
                    form.data = data
            return self.form_invalid(form)  # type: ignore[attr-defined]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        if self.stale_object is not None:
            obj = self.stale_object
            context["stale_rows"] = [
                (
                    str(obj._meta.get_field(name).verbose_name).capitalize(),
                    obj.localised(name)
                    if hasattr(obj, "localised")
                    else getattr(obj, name),
                )
                for name in self.stale_fields
            ]
        return context


def _refuse(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


# Funds --------------------------------------------------------------------------------


class FundObjectMixin:
    """The fund ``pk`` among the region's funds (404), then `fund_permission` (403)."""

    fund_permission: ClassVar[FundPredicate | None] = None
    fund: Fund
    region: Any

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        fund = selectors.fund_get(self.region, kwargs["pk"])
        if fund is None:
            raise Http404
        self.fund = fund
        permission = type(self).fund_permission
        if permission is not None and not permission(request.user, fund):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def detail_url(self) -> str:
        return reverse(
            "funding:staff_fund_detail",
            kwargs={"region_slug": self.region.slug, "pk": self.fund.pk},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["fund"] = self.fund
        context["cancel_url"] = self.detail_url()
        return context


class FundListView(FundingStaffMixin, TemplateView):
    """The region's funds with their appropriations per year."""

    template_name = "funding/staff/fund_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        funds = list(selectors.fund_list(self.region))
        context["funds"] = [(fund, selectors.fund_balances(fund)) for fund in funds]
        context["can_create"] = policies.can_edit_funds(self.request.user, self.region)
        return context


class FundCreateView(FundingStaffMixin, ServiceFormMixin, FormView):
    template_name = "funding/staff/form.html"
    form_class = FundForm
    permission = staticmethod(policies.can_edit_funds)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["region"] = self.region
        return kwargs

    def perform(self, form: FundForm) -> HttpResponse:
        fund = services.fund_create(
            region=self.region, by=_actor(self.request), data=form.cleaned_data
        )
        messages.success(self.request, _("The fund was added."))
        return redirect(
            "funding:staff_fund_detail", region_slug=self.region.slug, pk=fund.pk
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New fund")
        context["cancel_url"] = reverse(
            "funding:staff_fund_list", kwargs={"region_slug": self.region.slug}
        )
        return context


class FundDetailView(FundingStaffMixin, FundObjectMixin, TemplateView):
    template_name = "funding/staff/fund_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["balances"] = selectors.fund_balances(self.fund)
        context["can_change"] = policies.can_change_fund(user, self.fund)
        context["can_view_history"] = can_view_history(user, self.region)
        context["calls"] = list(
            self.fund.calls.order_by("-opens_at", "title").select_related("region")
        )
        context["appropriation_form"] = AppropriationForm(
            fund=self.fund,
            initial={"year": timezone.localdate(timezone=self.region.tzinfo).year},
        )
        return context


class FundUpdateView(FundingStaffMixin, FundObjectMixin, ServiceFormMixin, FormView):
    template_name = "funding/staff/form.html"
    form_class = FundForm
    fund_permission = policies.can_change_fund
    stale_fields = ("name", "description")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["region"] = self.region
        kwargs["instance"] = self.fund
        return kwargs

    def stored_object(self) -> Fund | None:
        return Fund.objects.filter(pk=self.fund.pk).first()

    def perform(self, form: FundForm) -> HttpResponse:
        services.fund_update(
            fund=self.fund,
            by=_actor(self.request),
            data=form.cleaned_data,
            revision=form.cleaned_data.get("revision"),
        )
        messages.success(self.request, _("The fund was saved."))
        return redirect(self.detail_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(name)s") % {"name": self.fund.name}
        return context


class AppropriationSetView(
    FundingStaffMixin, FundObjectMixin, ServiceFormMixin, FormView
):
    """Set the fund's appropriation for a year (the form is also on the fund's page)."""

    template_name = "funding/staff/form.html"
    form_class = AppropriationForm
    fund_permission = policies.can_change_fund

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["fund"] = self.fund
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        year = self.request.GET.get("year")
        if year and year.isdigit():
            current = next(
                (a for a in self.fund.appropriations.all() if a.year == int(year)), None
            )
            return {
                "year": int(year),
                "amount": current.amount if current is not None else None,
            }
        return {"year": timezone.localdate(timezone=self.region.tzinfo).year}

    def perform(self, form: AppropriationForm) -> HttpResponse:
        services.appropriation_set(
            fund=self.fund,
            year=form.cleaned_data["year"],
            amount=form.cleaned_data["amount"],
            by=_actor(self.request),
        )
        messages.success(
            self.request,
            _("The appropriation for %(year)s was saved.")
            % {"year": form.cleaned_data["year"]},
        )
        return redirect(self.detail_url() + "#appropriations")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Appropriation of %(fund)s") % {"fund": self.fund.name}
        return context


# Calls --------------------------------------------------------------------------------


class CallObjectMixin:
    """The call among the region's calls (404), then `call_permission` (403)."""

    call_permission: ClassVar[CallPredicate | None] = None
    call_kwarg: ClassVar[str] = "pk"
    call: Call
    region: Any

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        call = selectors.call_get(self.region, kwargs[self.call_kwarg])
        if call is None:
            raise Http404
        self.call = call
        permission = type(self).call_permission
        if permission is not None and not permission(request.user, call):
            raise PermissionDenied
        self.load_related(**kwargs)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def load_related(self, **kwargs: Any) -> None:
        """Resolve an object inside the call."""

    def detail_url(self, anchor: str = "") -> str:
        url = reverse(
            "funding:staff_call_detail",
            kwargs={"region_slug": self.region.slug, "pk": self.call.pk},
        )
        return f"{url}#{anchor}" if anchor else url

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["call"] = self.call
        context["cancel_url"] = self.detail_url()
        return context


class CallListView(FundingStaffMixin, TemplateView):
    """The region's calls with their state, funds, times and budget."""

    template_name = "funding/staff/call_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["calls"] = list(selectors.call_list(self.region))
        context["can_create"] = policies.can_edit_calls(self.request.user, self.region)
        context["zone"] = self.region.tzinfo.key
        return context


class CallCreateView(FundingStaffMixin, ServiceFormMixin, FormView):
    template_name = "funding/staff/call_form.html"
    form_class = CallForm
    permission = staticmethod(policies.can_edit_calls)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["region"] = self.region
        return kwargs

    def perform(self, form: CallForm) -> HttpResponse:
        call = services.call_create(
            region=self.region, by=_actor(self.request), data=form.cleaned_data
        )
        messages.success(self.request, _("The call was saved as a draft."))
        return redirect(
            "funding:staff_call_detail", region_slug=self.region.slug, pk=call.pk
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New call")
        context["cancel_url"] = reverse(
            "funding:staff_call_list", kwargs={"region_slug": self.region.slug}
        )
        return context


class CallDetailView(FundingStaffMixin, CallObjectMixin, TemplateView):
    """A call with its criteria, project indicators and required attachments."""

    template_name = "funding/staff/call_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        call = selectors.call_detail(
            Call.objects.filter(region=self.region), self.call.pk
        )
        context["call"] = call
        context["can_change"] = policies.can_change_call(user, self.call)
        context["can_view_history"] = can_view_history(user, self.region)
        context["zone"] = self.region.tzinfo.key
        return context


class CallUpdateView(FundingStaffMixin, CallObjectMixin, ServiceFormMixin, FormView):
    template_name = "funding/staff/call_form.html"
    form_class = CallForm
    call_permission = policies.can_change_call
    stale_fields = ("title", "summary", "text")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["region"] = self.region
        kwargs["instance"] = self.call
        return kwargs

    def stored_object(self) -> Call | None:
        return Call.objects.filter(pk=self.call.pk).first()

    def perform(self, form: CallForm) -> HttpResponse:
        services.call_update(
            call=self.call,
            by=_actor(self.request),
            data=form.cleaned_data,
            revision=form.cleaned_data.get("revision"),
        )
        messages.success(self.request, _("The call was saved."))
        return redirect(self.detail_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(title)s") % {"title": self.call.title}
        return context


class _CallActionView(FundingStaffMixin, CallObjectMixin, View):
    """POST only: a workflow step of the call; a refusal is shown as a message."""

    call_permission = policies.can_change_call
    http_method_names: Sequence[str] = ("post",)
    success: ClassVar[Any] = ""

    def act(self, by: User) -> HttpResponse | None:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = self.act(_actor(request))
        except ValidationError as exc:
            _refuse(request, exc)
            return redirect(self.detail_url())
        messages.success(request, self.success)
        return response or redirect(self.detail_url())


class CallPublishView(_CallActionView):
    success = gettext_lazy("The call was published.")

    def act(self, by: User) -> HttpResponse | None:
        services.call_publish(call=self.call, by=by)
        return None


class CallArchiveView(_CallActionView):
    success = gettext_lazy("The call was archived.")

    def act(self, by: User) -> HttpResponse | None:
        services.call_archive(call=self.call, by=by)
        return None


class CallDeleteView(_CallActionView):
    success = gettext_lazy("The draft call was deleted.")

    def act(self, by: User) -> HttpResponse | None:
        services.call_delete(call=self.call, by=by)
        return redirect("funding:staff_call_list", region_slug=self.region.slug)


# Criteria, project indicators and required attachments ------------------------------


class _PartMixin(FundingStaffMixin, CallObjectMixin, ServiceFormMixin):
    """Create or edit one part of a call (``call_pk``; the part is ``pk``)."""

    call_kwarg = "call_pk"
    call_permission = policies.can_change_call
    model: ClassVar[type[Model]]
    related_name: ClassVar[str]
    anchor: ClassVar[str]
    noun: ClassVar[str]
    part: Any = None

    def load_related(self, **kwargs: Any) -> None:
        if "pk" in kwargs:
            part = getattr(self.call, self.related_name).filter(pk=kwargs["pk"]).first()
            if part is None:
                raise Http404
            self.part = part

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["call"] = self.call
        if self.part is not None:
            kwargs["instance"] = self.part
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.detail_url(self.anchor)
        context["part"] = self.part
        return context


class _PartCreate(_PartMixin, FormView):
    template_name = "funding/staff/form.html"
    create: ClassVar[Callable[..., Any]]
    created_message: ClassVar[Any]
    new_title: ClassVar[Any]

    def perform(self, form: Any) -> HttpResponse:
        type(self).create(
            call=self.call, by=_actor(self.request), data=form.cleaned_data
        )
        messages.success(self.request, self.created_message)
        return redirect(self.detail_url(self.anchor))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = self.new_title
        return context


class _PartUpdate(_PartMixin, FormView):
    template_name = "funding/staff/form.html"
    update: ClassVar[Callable[..., Any]]
    keyword: ClassVar[str]

    def perform(self, form: Any) -> HttpResponse:
        type(self).update(
            **{self.keyword: self.part}, by=_actor(self.request), data=form.cleaned_data
        )
        messages.success(self.request, _("The change was saved."))
        return redirect(self.detail_url(self.anchor))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(title)s") % {"title": str(self.part)}
        return context


class _PartDelete(FundingStaffMixin, CallObjectMixin, TemplateView):
    """GET asks for confirmation; POST removes the part."""

    call_kwarg = "call_pk"
    call_permission = policies.can_change_call
    template_name = "funding/staff/confirm_delete.html"
    related_name: ClassVar[str]
    anchor: ClassVar[str]
    delete: ClassVar[Callable[..., Any]]
    keyword: ClassVar[str]
    part: Any = None

    def load_related(self, **kwargs: Any) -> None:
        part = getattr(self.call, self.related_name).filter(pk=kwargs["pk"]).first()
        if part is None:
            raise Http404
        self.part = part

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            type(self).delete(**{self.keyword: self.part}, by=_actor(request))
        except ValidationError as exc:
            _refuse(request, exc)
        else:
            messages.success(
                request, _("“%(title)s” was removed.") % {"title": self.part}
            )
        return redirect(self.detail_url(self.anchor))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["part"] = self.part
        context["cancel_url"] = self.detail_url(self.anchor)
        return context


class CriterionCreateView(_PartCreate):
    form_class = CriterionForm
    related_name = "criteria"
    anchor = "criteria"
    create = staticmethod(services.criterion_create)
    created_message = gettext_lazy("The criterion was added.")
    new_title = gettext_lazy("New assessment criterion")


class CriterionUpdateView(_PartUpdate):
    form_class = CriterionForm
    related_name = "criteria"
    anchor = "criteria"
    update = staticmethod(services.criterion_update)
    keyword = "criterion"


class CriterionDeleteView(_PartDelete):
    related_name = "criteria"
    anchor = "criteria"
    delete = staticmethod(services.criterion_delete)
    keyword = "criterion"


class IndicatorCreateView(_PartCreate):
    form_class = CallIndicatorForm
    related_name = "indicators"
    anchor = "indicators"
    create = staticmethod(services.call_indicator_create)
    created_message = gettext_lazy("The project indicator was added.")
    new_title = gettext_lazy("New project indicator")


class IndicatorUpdateView(_PartUpdate):
    form_class = CallIndicatorForm
    related_name = "indicators"
    anchor = "indicators"
    update = staticmethod(services.call_indicator_update)
    keyword = "indicator"


class IndicatorDeleteView(_PartDelete):
    related_name = "indicators"
    anchor = "indicators"
    delete = staticmethod(services.call_indicator_delete)
    keyword = "indicator"


class AttachmentCreateView(_PartCreate):
    form_class = RequiredAttachmentForm
    related_name = "required_attachments"
    anchor = "attachments"
    create = staticmethod(services.required_attachment_create)
    created_message = gettext_lazy("The required attachment was added.")
    new_title = gettext_lazy("New required attachment")


class AttachmentUpdateView(_PartUpdate):
    form_class = RequiredAttachmentForm
    related_name = "required_attachments"
    anchor = "attachments"
    update = staticmethod(services.required_attachment_update)
    keyword = "attachment"


class AttachmentDeleteView(_PartDelete):
    related_name = "required_attachments"
    anchor = "attachments"
    delete = staticmethod(services.required_attachment_delete)
    keyword = "attachment"


# URLs --------------------------------------------------------------------------------

_funds = "staff/<slug:region_slug>/funds/"
_fund = _funds + "<int:pk>/"
_calls = "staff/<slug:region_slug>/calls/"
_call = _calls + "<int:pk>/"
_parts = _calls + "<int:call_pk>/"

urlpatterns = [
    path(_funds, FundListView.as_view(), name="staff_fund_list"),
    path(_funds + "new/", FundCreateView.as_view(), name="staff_fund_create"),
    path(_fund, FundDetailView.as_view(), name="staff_fund_detail"),
    path(_fund + "edit/", FundUpdateView.as_view(), name="staff_fund_update"),
    path(
        _fund + "appropriations/",
        AppropriationSetView.as_view(),
        name="staff_appropriation_set",
    ),
    path(_calls, CallListView.as_view(), name="staff_call_list"),
    path(_calls + "new/", CallCreateView.as_view(), name="staff_call_create"),
    path(_call, CallDetailView.as_view(), name="staff_call_detail"),
    path(_call + "edit/", CallUpdateView.as_view(), name="staff_call_update"),
    path(_call + "publish/", CallPublishView.as_view(), name="staff_call_publish"),
    path(_call + "archive/", CallArchiveView.as_view(), name="staff_call_archive"),
    path(_call + "delete/", CallDeleteView.as_view(), name="staff_call_delete"),
]
for _prefix, _name, _create, _update, _delete in (
    (
        "criteria",
        "criterion",
        CriterionCreateView,
        CriterionUpdateView,
        CriterionDeleteView,
    ),
    (
        "indicators",
        "indicator",
        IndicatorCreateView,
        IndicatorUpdateView,
        IndicatorDeleteView,
    ),
    (
        "attachments",
        "attachment",
        AttachmentCreateView,
        AttachmentUpdateView,
        AttachmentDeleteView,
    ),
):
    urlpatterns += [
        path(
            f"{_parts}{_prefix}/new/", _create.as_view(), name=f"staff_{_name}_create"
        ),
        path(
            f"{_parts}{_prefix}/<int:pk>/edit/",
            _update.as_view(),
            name=f"staff_{_name}_update",
        ),
        path(
            f"{_parts}{_prefix}/<int:pk>/delete/",
            _delete.as_view(),
            name=f"staff_{_name}_delete",
        ),
    ]

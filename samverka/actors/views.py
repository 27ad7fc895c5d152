"""Screens of the actor registry.

Staff pages live under ``staff/<region>/organisations/`` and ``staff/<region>/networks/``;
an applicant's pages under ``me/organisations/``. The organisation pages of both areas
share their views: an area mixin says where the organisations come from and how
their addresses are built, and `OrganisationObjectMixin` resolves the organisation
in that scope (404 outside it) before the view's own predicate (403).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.accounts.policies import can_view_history
from samverka.actors import policies, selectors, services
from samverka.actors.forms import (
    ContactPersonForm,
    MembershipAddForm,
    NetworkForm,
    NetworkMemberForm,
    OrganisationFilterForm,
    OrganisationForm,
    OrganisationRegisterForm,
    add_service_errors,
)
from samverka.actors.models import ContactPerson, Membership, Network, Organisation
from samverka.core.models import Region

OrganisationPredicate = Callable[[Any, Organisation], bool]
NetworkPredicate = Callable[[Any, Network], bool]


def _actor(request: HttpRequest) -> User:
    """The acting user: every page here is behind the login (LoginRequiredMiddleware)."""
    return cast(User, request.user)


# Areas -----------------------------------------------------------------------------


class StaffArea(RegionStaffMixin):
    """Staff pages of one region: organisations of that region the user may see."""

    area = "staff"
    request: HttpRequest

    def get_organisation_queryset(self) -> QuerySet[Organisation]:
        return policies.organisations_visible_to(self.request.user).filter(
            region=self.region
        )

    def get_organisation(self, pk: int) -> Organisation:
        organisation = selectors.organisation_get(
            user=self.request.user, pk=pk, region=self.region
        )
        if organisation is None:
            raise Http404
        return organisation

    def organisation_url(
        self, name: str, organisation: Organisation, *args: Any
    ) -> str:
        return reverse(
            f"actors:{name}", args=[self.region.slug, organisation.pk, *args]
        )


class MyArea:
    """An applicant's pages: the organisations the user acts for."""

    area = "me"
    request: HttpRequest

    def get_organisation_queryset(self) -> QuerySet[Organisation]:
        return policies.organisations_member_of(self.request.user)

    def get_organisation(self, pk: int) -> Organisation:
        organisation = selectors.organisation_get(
            user=self.request.user, pk=pk, as_member=True
        )
        if organisation is None:
            raise Http404
        return organisation

    def organisation_url(
        self, name: str, organisation: Organisation, *args: Any
    ) -> str:
        return reverse(f"actors:my_{name}", args=[organisation.pk, *args])


class OrganisationObjectMixin:
    """Resolve ``pk`` among the area's organisations (404), then check the predicate (403).

    Put it after the area mixin, so that the region is known first.
    """

    #: A predicate (user, organisation) -> bool; assign the function itself, it is
    #: looked up on the class and so never bound as a method.
    organisation_permission: ClassVar[OrganisationPredicate | None] = None
    organisation: Organisation
    area: str
    request: HttpRequest
    get_organisation_queryset: Callable[[], QuerySet[Organisation]]
    organisation_url: Callable[..., str]

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.organisation = self.load_organisation(kwargs["pk"])
        permission = type(self).organisation_permission
        if permission is not None and not permission(request.user, self.organisation):
            raise PermissionDenied
        self.load_related(**kwargs)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def load_related(self, **kwargs: Any) -> None:
        """Resolve objects inside the organisation (its contact, its member)."""

    def load_organisation(self, pk: int) -> Organisation:
        return get_object_or_404(
            self.get_organisation_queryset().select_related("region"), pk=pk
        )

    def detail_url(self) -> str:
        return self.organisation_url("organisation_detail", self.organisation)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["organisation"] = self.organisation
        context["area"] = self.area
        context["cancel_url"] = self.detail_url()
        return context


class ServiceFormMixin:
    """Run the service in `perform()`; its ValidationError becomes form errors."""

    success_message: ClassVar[Any] = ""
    request: HttpRequest

    def perform(self, form: Any) -> HttpResponse:
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            response = self.perform(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)  # type: ignore[attr-defined]
        if self.success_message:
            messages.success(self.request, self.success_message)
        return response


# Organisations, staff --------------------------------------------------------------


class OrganisationListView(RegionStaffMixin, ListView):
    """The region's actor registry, searchable by name or number and by type.

    An htmx request (filter or page change) gets only the rows.
    """

    template_name = "actors/organisation_list.html"
    partial_template_name = "actors/partials/_organisation_rows.html"
    paginate_by = 25
    context_object_name = "organisations"

    def get_queryset(self) -> QuerySet[Organisation]:
        self.filter_form = OrganisationFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return selectors.organisation_list(
            user=self.request.user, region=self.region, filters=filters
        )

    def get_template_names(self) -> list[str]:
        if getattr(self.request, "htmx", False):
            return [self.partial_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["can_create"] = policies.is_registry_staff(
            self.request.user, self.region
        )
        return context


class OrganisationCreateView(RegionStaffMixin, ServiceFormMixin, FormView):
    """Registry staff add an organisation to the region's actor registry."""

    template_name = "actors/organisation_form.html"
    form_class = OrganisationForm
    permission = staticmethod(policies.is_registry_staff)

    def get_initial(self) -> dict[str, Any]:
        return {"country": self.region.country}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["country"] = self.region.country
        return kwargs

    def perform(self, form: OrganisationForm) -> HttpResponse:
        organisation = services.organisation_create(
            region=self.region,
            by=_actor(self.request),
            data=form.cleaned_data,
        )
        messages.success(self.request, _("The organisation was registered."))
        return redirect(
            "actors:organisation_detail",
            region_slug=self.region.slug,
            pk=organisation.pk,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New organisation")
        context["cancel_url"] = reverse(
            "actors:organisation_list", kwargs={"region_slug": self.region.slug}
        )
        return context


class OrganisationDetailMixin(OrganisationObjectMixin):
    """An organisation with its contacts, networks and members."""

    template_name: str | None = "actors/organisation_detail.html"
    get_organisation: Callable[[int], Organisation]

    def load_organisation(self, pk: int) -> Organisation:
        return self.get_organisation(pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_change"] = policies.can_change_organisation(
            user, self.organisation
        )
        context["can_manage_members"] = policies.can_manage_members(
            user, self.organisation
        )
        context["can_view_history"] = self.area == "staff" and can_view_history(
            user, self.organisation.region
        )
        context["networks_visible"] = self.area == "staff"
        return context


class OrganisationDetailView(StaffArea, OrganisationDetailMixin, TemplateView):
    pass


class OrganisationUpdateMixin(OrganisationObjectMixin, ServiceFormMixin):
    """Change an organisation's profile."""

    template_name: str | None = "actors/organisation_form.html"
    form_class: type[Any] | None = OrganisationForm
    organisation_permission = policies.can_change_organisation
    success_message = gettext_lazy("The organisation was saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["instance"] = self.organisation
        kwargs["country"] = self.organisation.country
        return kwargs

    def perform(self, form: OrganisationForm) -> HttpResponse:
        services.organisation_update(
            organisation=self.organisation,
            by=_actor(self.request),
            data=form.cleaned_data,
        )
        return redirect(self.detail_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(name)s") % {"name": self.organisation.name}
        return context


class OrganisationUpdateView(StaffArea, OrganisationUpdateMixin, FormView):
    pass


# Contact people ----------------------------------------------------------------------


class ContactCreateMixin(OrganisationObjectMixin, ServiceFormMixin):
    template_name: str | None = "actors/contact_form.html"
    form_class: type[Any] | None = ContactPersonForm
    organisation_permission = policies.can_change_organisation
    success_message = gettext_lazy("The contact person was added.")

    def perform(self, form: ContactPersonForm) -> HttpResponse:
        services.contact_create(
            organisation=self.organisation,
            by=_actor(self.request),
            data=form.cleaned_data,
        )
        return redirect(self.detail_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New contact person")
        return context


class ContactObjectMixin(OrganisationObjectMixin):
    """A contact person of the organisation (404 when it belongs to another)."""

    organisation_permission = policies.can_change_organisation
    contact: ContactPerson

    def load_related(self, **kwargs: Any) -> None:
        self.contact = get_object_or_404(
            ContactPerson.objects.filter(organisation=self.organisation),
            pk=kwargs["contact_pk"],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["contact"] = self.contact
        return context


class ContactUpdateMixin(ContactObjectMixin, ServiceFormMixin):
    template_name: str | None = "actors/contact_form.html"
    form_class: type[Any] | None = ContactPersonForm
    success_message = gettext_lazy("The contact person was saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["instance"] = self.contact
        return kwargs

    def perform(self, form: ContactPersonForm) -> HttpResponse:
        services.contact_update(
            contact=self.contact, by=_actor(self.request), data=form.cleaned_data
        )
        return redirect(self.detail_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit contact person")
        return context


class ContactDeleteMixin(ContactObjectMixin):
    """GET asks for confirmation; POST removes the contact person."""

    template_name: str | None = "actors/contact_confirm_delete.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.contact_delete(contact=self.contact, by=_actor(request))
        messages.success(request, _("The contact person was removed."))
        return redirect(self.detail_url())


class ContactCreateView(StaffArea, ContactCreateMixin, FormView):
    pass


class ContactUpdateView(StaffArea, ContactUpdateMixin, FormView):
    pass


class ContactDeleteView(StaffArea, ContactDeleteMixin, TemplateView):
    pass


# Members (users who act for the organisation) ------------------------------------------


class MembershipAddMixin(OrganisationObjectMixin, ServiceFormMixin):
    template_name: str | None = "actors/membership_form.html"
    form_class: type[Any] | None = MembershipAddForm
    organisation_permission = policies.can_manage_members
    success_message = gettext_lazy("The member was added.")

    def perform(self, form: MembershipAddForm) -> HttpResponse:
        services.membership_add(
            organisation=self.organisation,
            user=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            by=_actor(self.request),
        )
        return redirect(self.detail_url())


class MembershipRemoveMixin(OrganisationObjectMixin):
    """POST only: the user stops acting for the organisation."""

    organisation_permission = policies.can_manage_members
    http_method_names: Sequence[str] = ("post",)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        membership = get_object_or_404(
            Membership.objects.filter(organisation=self.organisation).select_related(
                "user"
            ),
            pk=kwargs["membership_pk"],
        )
        try:
            services.membership_remove(membership=membership, by=_actor(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The member was removed."))
        return redirect(self.detail_url())


class MembershipAddView(StaffArea, MembershipAddMixin, FormView):
    pass


class MembershipRemoveView(StaffArea, MembershipRemoveMixin, View):
    pass


# An applicant's organisations ----------------------------------------------------------


class MyOrganisationListView(TemplateView):
    """The organisations the user acts for."""

    template_name = "actors/my_organisation_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["memberships"] = selectors.membership_list(user=self.request.user)
        return context


class MyOrganisationCreateView(ServiceFormMixin, FormView):
    """Register an organisation one acts for, in a region's actor registry."""

    template_name = "actors/organisation_form.html"
    form_class = OrganisationRegisterForm

    def get_initial(self) -> dict[str, Any]:
        """`?region=<slug>` chooses the region, as from a call's "apply" page."""
        initial = dict(super().get_initial())
        slug = self.request.GET.get("region")
        if slug:
            region = Region.objects.active().filter(slug=slug).first()
            if region is not None:
                initial["region"] = region.pk
                initial["country"] = region.country
        return initial

    def next_url(self) -> str:
        """Where to go on after registering (`?next=`, a path on this site)."""
        candidate = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if candidate and url_has_allowed_host_and_scheme(
            candidate,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return candidate
        return ""

    def perform(self, form: OrganisationRegisterForm) -> HttpResponse:
        region = form.cleaned_data["region"]
        organisation = services.organisation_create(
            region=region,
            by=_actor(self.request),
            data=form.cleaned_data,
        )
        messages.success(self.request, _("The organisation was registered."))
        if (
            policies.organisations_member_of(self.request.user)
            .filter(pk=organisation.pk)
            .exists()
        ):
            if self.next_url():
                return redirect(self.next_url())
            return redirect("actors:my_organisation_detail", pk=organisation.pk)
        # Registry staff of the region register without becoming members.
        return redirect(
            "actors:organisation_detail", region_slug=region.slug, pk=organisation.pk
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Register an organisation")
        context["next"] = self.next_url()
        context["cancel_url"] = self.next_url() or reverse(
            "actors:my_organisation_list"
        )
        context["area"] = "me"
        return context


class MyOrganisationDetailView(MyArea, OrganisationDetailMixin, TemplateView):
    pass


class MyOrganisationUpdateView(MyArea, OrganisationUpdateMixin, FormView):
    pass


class MyContactCreateView(MyArea, ContactCreateMixin, FormView):
    pass


class MyContactUpdateView(MyArea, ContactUpdateMixin, FormView):
    pass


class MyContactDeleteView(MyArea, ContactDeleteMixin, TemplateView):
    pass


class MyMembershipAddView(MyArea, MembershipAddMixin, FormView):
    pass


class MyMembershipRemoveView(MyArea, MembershipRemoveMixin, View):
    pass


# Networks ----------------------------------------------------------------------------


class NetworkListView(RegionStaffMixin, ListView):
    """The region's networks with their member counts."""

    template_name = "actors/network_list.html"
    context_object_name = "networks"
    paginate_by = 50
    permission = staticmethod(policies.can_view_networks)

    def get_queryset(self) -> QuerySet[Network]:
        return selectors.network_list(
            user=self.request.user,
            region=self.region,
            filters={"q": self.request.GET.get("q", "")},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = policies.can_create_network(
            self.request.user, self.region
        )
        context["q"] = self.request.GET.get("q", "")
        return context


class NetworkCreateView(RegionStaffMixin, ServiceFormMixin, FormView):
    template_name = "actors/network_form.html"
    form_class = NetworkForm
    permission = staticmethod(policies.can_create_network)

    def perform(self, form: NetworkForm) -> HttpResponse:
        network = services.network_create(
            region=self.region,
            by=_actor(self.request),
            data=form.cleaned_data,
        )
        messages.success(self.request, _("The network was created."))
        return redirect(
            "actors:network_detail", region_slug=self.region.slug, pk=network.pk
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New network")
        context["cancel_url"] = reverse(
            "actors:network_list", kwargs={"region_slug": self.region.slug}
        )
        return context


class NetworkObjectMixin:
    """Resolve ``pk`` among the region's networks the user sees (404), then the
    predicate (403). Put it after `RegionStaffMixin`, so that the region is known first."""

    network_permission: ClassVar[NetworkPredicate | None] = None
    network: Network
    region: Any
    request: HttpRequest

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        network = selectors.network_get(
            user=request.user, pk=kwargs["pk"], region=self.region
        )
        if network is None:
            raise Http404
        self.network = network
        permission = type(self).network_permission
        if permission is not None and not permission(request.user, network):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def detail_url(self) -> str:
        return reverse(
            "actors:network_detail",
            kwargs={"region_slug": self.region.slug, "pk": self.network.pk},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["network"] = self.network
        context["cancel_url"] = self.detail_url()
        return context


class NetworkDetailView(RegionStaffMixin, NetworkObjectMixin, TemplateView):
    template_name = "actors/network_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_change"] = policies.can_change_network(
            self.request.user, self.network
        )
        context["can_view_history"] = can_view_history(self.request.user, self.region)
        return context


class NetworkUpdateView(
    RegionStaffMixin, NetworkObjectMixin, ServiceFormMixin, FormView
):
    template_name = "actors/network_form.html"
    form_class = NetworkForm
    network_permission = policies.can_change_network
    success_message = gettext_lazy("The network was saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.network
        return kwargs

    def perform(self, form: NetworkForm) -> HttpResponse:
        services.network_update(
            network=self.network, by=_actor(self.request), data=form.cleaned_data
        )
        return redirect(self.detail_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(name)s") % {"name": self.network.name}
        return context


class NetworkMemberAddView(
    RegionStaffMixin, NetworkObjectMixin, ServiceFormMixin, FormView
):
    template_name = "actors/network_member_form.html"
    form_class = NetworkMemberForm
    network_permission = policies.can_change_network
    success_message = gettext_lazy("The organisation joined the network.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["organisations"] = selectors.organisation_choices_for_network(
            network=self.network
        )
        return kwargs

    def perform(self, form: NetworkMemberForm) -> HttpResponse:
        services.network_member_add(
            network=self.network,
            organisation=form.cleaned_data["organisation"],
            role=form.cleaned_data["role"],
            joined_on=form.cleaned_data["joined_on"],
            by=_actor(self.request),
        )
        return redirect(self.detail_url())


class NetworkMemberRemoveView(RegionStaffMixin, NetworkObjectMixin, View):
    """POST only: an organisation leaves the network."""

    network_permission = policies.can_change_network
    http_method_names: Sequence[str] = ("post",)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        membership = get_object_or_404(
            self.network.memberships.all(), pk=kwargs["membership_pk"]
        )
        services.network_member_remove(membership=membership, by=_actor(request))
        messages.success(request, _("The organisation left the network."))
        return redirect(self.detail_url())

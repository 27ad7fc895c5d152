from django.urls import path

from samverka.actors import views

app_name = "actors"

_staff = "staff/<slug:region_slug>/organisations/"
_org = _staff + "<int:pk>/"
_networks = "staff/<slug:region_slug>/networks/"
_network = _networks + "<int:pk>/"
_me = "me/organisations/"
_my_org = _me + "<int:pk>/"

urlpatterns = [
    # Staff: the region's actor registry.
    path(_staff, views.OrganisationListView.as_view(), name="organisation_list"),
    path(
        _staff + "new/",
        views.OrganisationCreateView.as_view(),
        name="organisation_create",
    ),
    path(_org, views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path(
        _org + "edit/",
        views.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    path(
        _org + "contacts/new/", views.ContactCreateView.as_view(), name="contact_create"
    ),
    path(
        _org + "contacts/<int:contact_pk>/edit/",
        views.ContactUpdateView.as_view(),
        name="contact_update",
    ),
    path(
        _org + "contacts/<int:contact_pk>/delete/",
        views.ContactDeleteView.as_view(),
        name="contact_delete",
    ),
    path(
        _org + "members/new/", views.MembershipAddView.as_view(), name="membership_add"
    ),
    path(
        _org + "members/<int:membership_pk>/remove/",
        views.MembershipRemoveView.as_view(),
        name="membership_remove",
    ),
    # Staff: networks.
    path(_networks, views.NetworkListView.as_view(), name="network_list"),
    path(_networks + "new/", views.NetworkCreateView.as_view(), name="network_create"),
    path(_network, views.NetworkDetailView.as_view(), name="network_detail"),
    path(_network + "edit/", views.NetworkUpdateView.as_view(), name="network_update"),
    path(
        _network + "members/new/",
        views.NetworkMemberAddView.as_view(),
        name="network_member_add",
    ),
    path(
        _network + "members/<int:membership_pk>/remove/",
        views.NetworkMemberRemoveView.as_view(),
        name="network_member_remove",
    ),
    # An applicant's own organisations.
    path(_me, views.MyOrganisationListView.as_view(), name="my_organisation_list"),
    path(
        _me + "new/",
        views.MyOrganisationCreateView.as_view(),
        name="my_organisation_create",
    ),
    path(
        _my_org, views.MyOrganisationDetailView.as_view(), name="my_organisation_detail"
    ),
    path(
        _my_org + "edit/",
        views.MyOrganisationUpdateView.as_view(),
        name="my_organisation_update",
    ),
    path(
        _my_org + "contacts/new/",
        views.MyContactCreateView.as_view(),
        name="my_contact_create",
    ),
    path(
        _my_org + "contacts/<int:contact_pk>/edit/",
        views.MyContactUpdateView.as_view(),
        name="my_contact_update",
    ),
    path(
        _my_org + "contacts/<int:contact_pk>/delete/",
        views.MyContactDeleteView.as_view(),
        name="my_contact_delete",
    ),
    path(
        _my_org + "members/new/",
        views.MyMembershipAddView.as_view(),
        name="my_membership_add",
    ),
    path(
        _my_org + "members/<int:membership_pk>/remove/",
        views.MyMembershipRemoveView.as_view(),
        name="my_membership_remove",
    ),
]

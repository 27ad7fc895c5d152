import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.accounts.tests.factories import staff_user
from samverka.actors.choices import MembershipRole
from samverka.actors.models import (
    ContactPerson,
    Membership,
    Network,
    NetworkMembership,
    Organisation,
)
from samverka.actors.tests.factories import (
    ContactPersonFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    member_of,
)
from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.geo.models import Country as GeoCountry
from samverka.geo.models import Municipality

pytestmark = pytest.mark.django_db

RULE_MESSAGE = "Not a valid Swedish organisation number (10 digits, Luhn check digit)"


def staff_url(name, region, *args):
    return reverse(f"actors:{name}", args=[region.slug, *args])


def my_url(name, *args):
    return reverse(f"actors:my_{name}", args=list(args))


def organisation_data(**overrides):
    return {
        "name": "Exempelbolaget Test AB",
        "type": "company",
        "country": "SE",
        "national_id": "499900-0005",
        "street_address": "Storgatan 1",
        "postal_code": "852 30",
        "city": "Sundsvall",
        "municipality": "",
        "website": "",
        "email": "",
        "phone": "",
        "description": "",
        **overrides,
    }


class OrganisationListViewTests:
    def test_access(self, region, officer, no_role_user, outsider, organisation):
        result = assert_access(
            staff_url("organisation_list", region),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert organisation.name in result.response.text

    def test_applicant_member_is_not_staff(self, region, applicant, client_en):
        assert (
            client_en(applicant).get(staff_url("organisation_list", region)).status_code
            == 403
        )

    def test_search_and_type_filter(self, region, officer, client_en):
        OrganisationFactory(region=region, name="Timrå kommun", type="municipality")
        OrganisationFactory(region=region, name="Timrå Exempel AB", type="company")
        OrganisationFactory(region=region, name="Ånge kommun", type="municipality")
        client = client_en(officer)
        text = client.get(staff_url("organisation_list", region), {"q": "Timrå"}).text
        assert "Timrå kommun" in text
        assert "Timrå Exempel AB" in text
        assert "Ånge kommun" not in text
        text = client.get(
            staff_url("organisation_list", region),
            {"q": "Timrå", "type": "municipality"},
        ).text
        assert "Timrå kommun" in text
        assert "Timrå Exempel AB" not in text

    def test_htmx_gets_only_the_rows(self, region, officer, organisation, client_en):
        response = client_en(officer).get(
            staff_url("organisation_list", region),
            {"q": "Exempel"},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 200
        assert "<html" not in response.text
        assert "<table" in response.text
        assert organisation.name in response.text

    def test_pagination_keeps_the_filter(self, region, officer, client_en):
        OrganisationFactory.create_batch(30, region=region, type="company")
        text = (
            client_en(officer)
            .get(staff_url("organisation_list", region), {"type": "company"})
            .text
        )
        assert "type=company&amp;page=2" in text

    def test_query_count_does_not_grow_with_rows(self, region, officer, client_en):
        sweden = GeoCountry.objects.create(code="SE", name="Sverige")
        municipality = Municipality.objects.create(
            country=sweden, code="2281", name="Sundsvall", lau_code="2281"
        )
        network = NetworkFactory(region=region)

        def add(count):
            for _ in range(count):
                organisation = OrganisationFactory(
                    region=region, municipality=municipality
                )
                ContactPersonFactory(organisation=organisation)
                NetworkMembershipFactory(network=network, organisation=organisation)

        client = client_en(officer)
        url = staff_url("organisation_list", region)

        def queries():
            with CaptureQueriesContext(connection) as context:
                response = client.get(url)
            assert response.status_code == 200
            return len(context.captured_queries), response.text.count("<tr>")

        add(3)
        few, few_rows = queries()
        add(27)
        many, many_rows = queries()
        assert many_rows > few_rows
        assert many == few

    def test_user_input_is_escaped(self, region, officer, client_en):
        organisation = OrganisationFactory(
            region=region, name="<script>alert(1)</script>"
        )
        for url in (
            staff_url("organisation_list", region),
            staff_url("organisation_detail", region, organisation.pk),
        ):
            text = client_en(officer).get(url).text
            assert "<script>alert(1)</script>" not in text
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


class OrganisationCreateViewTests:
    def test_get_access(self, region, officer, no_role_user, outsider):
        assert_access(
            staff_url("organisation_create", region),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )

    def test_post_registers_and_logs(self, region, officer, no_role_user, outsider):
        result = assert_access(
            staff_url("organisation_create", region),
            method="post",
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            data=organisation_data(),
            expect=302,
            audit_action="actors.organisation_create",
        )
        organisation = Organisation.objects.get()
        assert result.response["Location"] == staff_url(
            "organisation_detail", region, organisation.pk
        )
        assert organisation.region == region
        assert not organisation.memberships.exists()

    def test_assessor_may_not_register_from_staff_pages(self, region, client_en):
        assessor = staff_user(region, "assessor")
        response = client_en(assessor).get(staff_url("organisation_create", region))
        assert response.status_code == 403

    def test_invalid_number_keeps_what_was_typed_and_names_the_rule(
        self, region, officer, client_en
    ):
        response = client_en(officer).post(
            staff_url("organisation_create", region),
            organisation_data(
                name="Inskrivet Namn AB",
                national_id="202100-5449",
                street_address="Typgatan 7",
            ),
        )
        assert response.status_code == 200
        text = response.text
        assert 'value="Inskrivet Namn AB"' in text
        assert 'value="202100-5449"' in text
        assert 'value="Typgatan 7"' in text
        assert "error-summary" in text
        assert RULE_MESSAGE in text
        assert 'id="id_national_id_error"' in text
        assert not Organisation.objects.exists()
        assert not AuditEntry.objects.exists()

    def test_duplicate_number_is_shown_at_the_field(
        self, region, officer, organisation, client_en
    ):
        response = client_en(officer).post(
            staff_url("organisation_create", region),
            organisation_data(national_id=organisation.national_id),
        )
        assert response.status_code == 200
        assert 'id="id_national_id_error"' in response.text
        assert (
            "already holds an organisation with this organisation number"
            in response.text
        )


class OrganisationDetailViewTests:
    def test_access_and_content(
        self, region, officer, no_role_user, outsider, organisation, org_admin
    ):
        ContactPersonFactory(
            organisation=organisation, name="Exempel Exempelsson", primary=True
        )
        network = NetworkFactory(region=region, name="Besöksnäringsnätverket")
        NetworkMembershipFactory(network=network, organisation=organisation)
        result = assert_access(
            staff_url("organisation_detail", region, organisation.pk),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        text = result.response.text
        for expected in (
            "Exempel Exempelsson",
            "Besöksnäringsnätverket",
            org_admin.email,
            "actors.organisation",
        ):
            assert expected in text

    def test_organisation_of_another_region_is_404(
        self, region, officer, other_organisation, client_en
    ):
        url = staff_url("organisation_detail", region, other_organisation.pk)
        assert client_en(officer).get(url).status_code == 404

    def test_history_page_works(self, region, officer, organisation, client_en):
        client = client_en(officer)
        client.post(
            staff_url("organisation_update", region, organisation.pk),
            organisation_data(city="Kramfors"),
        )
        url = reverse(
            "accounts:object_history",
            kwargs={
                "region_slug": region.slug,
                "model": "actors.organisation",
                "pk": organisation.pk,
            },
        )
        response = client.get(url)
        assert response.status_code == 200
        assert "Organisation changed" in response.text
        assert "Kramfors" in response.text


class OrganisationUpdateViewTests:
    def test_get_access(self, region, officer, no_role_user, outsider, organisation):
        assert_access(
            staff_url("organisation_update", region, organisation.pk),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )

    def test_post_access_and_audit(
        self, region, officer, no_role_user, outsider, organisation
    ):
        assert_access(
            staff_url("organisation_update", region, organisation.pk),
            method="post",
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            data=organisation_data(city="Kramfors"),
            expect=302,
            audit_action="actors.organisation_update",
        )
        organisation.refresh_from_db()
        assert organisation.city == "Kramfors"

    def test_staff_without_registry_role_gets_403(
        self, region, organisation, client_en
    ):
        assessor = staff_user(region, "assessor")
        url = staff_url("organisation_update", region, organisation.pk)
        assert client_en(assessor).get(url).status_code == 403
        assert (
            client_en(assessor).post(url, organisation_data(city="X")).status_code
            == 403
        )

    def test_failed_edit_keeps_what_was_typed(
        self, region, officer, organisation, client_en
    ):
        response = client_en(officer).post(
            staff_url("organisation_update", region, organisation.pk),
            organisation_data(city="Nyort", national_id="12345"),
        )
        assert response.status_code == 200
        assert 'value="Nyort"' in response.text
        assert 'value="12345"' in response.text
        assert "Swedish organisation number" in response.text
        organisation.refresh_from_db()
        assert organisation.city == "Sundsvall"


class ContactViewTests:
    def test_create(self, region, officer, no_role_user, outsider, organisation):
        url = staff_url("contact_create", region, organisation.pk)
        assert_access(
            url,
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert_access(
            url,
            method="post",
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            data={
                "name": "Exempel Exempelsson",
                "title": "VD",
                "email": "",
                "phone": "",
            },
            expect=302,
            audit_action="actors.contact_create",
        )
        assert ContactPerson.objects.get().organisation == organisation

    def test_update(self, region, officer, no_role_user, outsider, organisation):
        contact = ContactPersonFactory(organisation=organisation)
        assert_access(
            staff_url("contact_update", region, organisation.pk, contact.pk),
            method="post",
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            data={
                "name": contact.name,
                "title": "Ordförande",
                "email": "",
                "phone": "",
            },
            expect=302,
            audit_action="actors.contact_update",
        )
        contact.refresh_from_db()
        assert contact.title == "Ordförande"

    def test_contact_of_another_organisation_is_404(
        self, region, officer, organisation, client_en
    ):
        foreign = ContactPersonFactory(organisation=OrganisationFactory(region=region))
        url = staff_url("contact_update", region, organisation.pk, foreign.pk)
        assert client_en(officer).get(url).status_code == 404

    def test_delete(self, region, officer, no_role_user, outsider, organisation):
        contact = ContactPersonFactory(organisation=organisation)
        url = staff_url("contact_delete", region, organisation.pk, contact.pk)
        assert_access(
            url,
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert_access(
            url,
            method="post",
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="actors.contact_delete",
        )
        assert not ContactPerson.objects.exists()


class MembershipViewTests:
    def test_region_admin_adds_a_member(
        self, region, region_admin, no_role_user, outsider, organisation
    ):
        new = member_of(
            OrganisationFactory(region=region), email="ny.medlem@example.org"
        )
        assert_access(
            staff_url("membership_add", region, organisation.pk),
            method="post",
            permitted=region_admin,
            no_role=no_role_user,
            other_region=outsider,
            data={"email": "NY.MEDLEM@example.org", "role": "applicant"},
            expect=302,
            audit_action="actors.membership_add",
        )
        assert Membership.objects.filter(user=new, organisation=organisation).exists()

    def test_officer_may_not_manage_members(
        self, region, officer, organisation, client_en
    ):
        assert (
            client_en(officer)
            .get(staff_url("membership_add", region, organisation.pk))
            .status_code
            == 403
        )

    def test_unknown_email_is_a_form_error(
        self, region, region_admin, organisation, client_en
    ):
        response = client_en(region_admin).post(
            staff_url("membership_add", region, organisation.pk),
            {"email": "ingen@example.org", "role": "admin"},
        )
        assert response.status_code == 200
        assert "No active user has this e-mail address." in response.text
        assert 'value="ingen@example.org"' in response.text

    def test_remove(
        self, region, region_admin, no_role_user, outsider, organisation, applicant
    ):
        membership = Membership.objects.get(user=applicant)
        assert_access(
            staff_url("membership_remove", region, organisation.pk, membership.pk),
            method="post",
            permitted=region_admin,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="actors.membership_remove",
        )
        assert not Membership.objects.filter(pk=membership.pk).exists()


class NetworkViewTests:
    def test_list(self, region, officer, no_role_user, outsider):
        network = NetworkFactory(region=region, name="Besöksnäringsnätverket")
        NetworkMembershipFactory.create_batch(2, network=network)
        result = assert_access(
            staff_url("network_list", region),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert "Besöksnäringsnätverket" in result.response.text

    def test_create(self, region, officer, no_role_user, outsider):
        assert_access(
            staff_url("network_create", region),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert_access(
            staff_url("network_create", region),
            method="post",
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            data={"name": "Skogsnätverket", "purpose": "Bioekonomi"},
            expect=302,
            audit_action="actors.network_create",
        )
        assert Network.objects.get().region == region

    def test_registrar_may_not_create(self, region, client_en):
        registrar = staff_user(region, "registrar")
        assert (
            client_en(registrar).get(staff_url("network_create", region)).status_code
            == 403
        )

    def test_duplicate_name_is_a_form_error(self, region, officer, client_en):
        NetworkFactory(region=region, name="Skogsnätverket")
        response = client_en(officer).post(
            staff_url("network_create", region),
            {"name": "Skogsnätverket", "purpose": "Igen"},
        )
        assert response.status_code == 200
        assert "error-summary" in response.text
        assert "Igen" in response.text

    def test_detail_and_update(self, region, officer, no_role_user, outsider):
        network = NetworkFactory(region=region)
        assert_access(
            staff_url("network_detail", region, network.pk),
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert_access(
            staff_url("network_update", region, network.pk),
            method="post",
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            data={"name": network.name, "purpose": "Ny inriktning"},
            expect=302,
            audit_action="actors.network_update",
        )
        network.refresh_from_db()
        assert network.purpose == "Ny inriktning"

    def test_member_add_and_remove(
        self, region, officer, no_role_user, outsider, organisation
    ):
        network = NetworkFactory(region=region)
        url = staff_url("network_member_add", region, network.pk)
        result = assert_access(
            url,
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )
        assert organisation.name in result.response.text
        assert_access(
            url,
            method="post",
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            data={
                "organisation": organisation.pk,
                "role": "Värd",
                "joined_on": "2025-03-01",
            },
            expect=302,
            audit_action="actors.network_member_add",
        )
        membership = NetworkMembership.objects.get()
        assert_access(
            staff_url("network_member_remove", region, network.pk, membership.pk),
            method="post",
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=302,
            audit_action="actors.network_member_remove",
        )
        assert not NetworkMembership.objects.exists()

    def test_organisation_of_another_region_cannot_be_chosen(
        self, region, officer, other_organisation, client_en
    ):
        network = NetworkFactory(region=region)
        response = client_en(officer).post(
            staff_url("network_member_add", region, network.pk),
            {"organisation": other_organisation.pk},
        )
        assert response.status_code == 200
        assert not NetworkMembership.objects.exists()

    def test_network_of_another_region_is_404(
        self, region, officer, other_region, client_en
    ):
        network = NetworkFactory(region=other_region)
        assert (
            client_en(officer)
            .get(staff_url("network_detail", region, network.pk))
            .status_code
            == 404
        )


class MyOrganisationViewTests:
    def test_list(self, organisation, applicant, no_role_user, client_en):
        result = assert_access(
            my_url("organisation_list"),
            permitted=applicant,
            no_role=None,
            other_region=None,
            expect=200,
        )
        assert organisation.name in result.response.text
        assert (
            organisation.name
            not in client_en(no_role_user).get(my_url("organisation_list")).text
        )

    def test_detail(self, organisation, applicant, no_role_user, outsider, officer):
        assert_access(
            my_url("organisation_detail", organisation.pk),
            permitted=applicant,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            expect=200,
        )

    def test_staff_who_is_no_member_gets_404_on_my_pages(
        self, organisation, officer, client_en
    ):
        assert (
            client_en(officer)
            .get(my_url("organisation_detail", organisation.pk))
            .status_code
            == 404
        )

    def test_edit_is_for_the_organisations_administrators(
        self, organisation, org_admin, applicant, no_role_user, outsider, client_en
    ):
        url = my_url("organisation_update", organisation.pk)
        assert client_en(applicant).get(url).status_code == 403
        assert_access(
            url,
            method="post",
            permitted=org_admin,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            data=organisation_data(city="Timrå"),
            expect=302,
            audit_action="actors.organisation_update",
        )
        organisation.refresh_from_db()
        assert organisation.city == "Timrå"

    def test_register_makes_the_user_admin_member(self, region, no_role_user):
        result = assert_access(
            my_url("organisation_create"),
            method="post",
            permitted=no_role_user,
            no_role=None,
            other_region=None,
            data=organisation_data(region=region.pk, name="Mitt Eget AB"),
            expect=302,
            audit_action="actors.organisation_create",
        )
        organisation = Organisation.objects.get(name="Mitt Eget AB")
        assert result.response["Location"] == my_url(
            "organisation_detail", organisation.pk
        )
        assert (
            Membership.objects.get(organisation=organisation).role
            == MembershipRole.ADMIN
        )

    def test_register_offers_active_regions_only(self, region, no_role_user, client_en):
        from samverka.core.tests.factories import RegionFactory

        RegionFactory(name="Nedlagd region", is_active=False)
        text = client_en(no_role_user).get(my_url("organisation_create")).text
        assert region.name in text
        assert "Nedlagd region" not in text

    def test_register_with_invalid_number(self, region, no_role_user, client_en):
        response = client_en(no_role_user).post(
            my_url("organisation_create"),
            organisation_data(
                region=region.pk, name="Typat Namn AB", national_id="202100-5449"
            ),
        )
        assert response.status_code == 200
        assert 'value="Typat Namn AB"' in response.text
        assert RULE_MESSAGE in response.text
        assert not Organisation.objects.exists()

    def test_org_admin_manages_contacts_and_members(
        self, organisation, org_admin, applicant, no_role_user, outsider
    ):
        assert_access(
            my_url("contact_create", organisation.pk),
            method="post",
            permitted=org_admin,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            data={"name": "Exempel Exempelsson", "title": "", "email": "", "phone": ""},
            expect=302,
            audit_action="actors.contact_create",
        )
        membership = Membership.objects.get(user=applicant)
        assert_access(
            my_url("membership_remove", organisation.pk, membership.pk),
            method="post",
            permitted=org_admin,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            expect=302,
            audit_action="actors.membership_remove",
        )

    def test_applicant_member_may_not_manage_members(
        self, organisation, applicant, client_en
    ):
        assert (
            client_en(applicant)
            .get(my_url("membership_add", organisation.pk))
            .status_code
            == 403
        )


class ShellTests:
    def test_home_shows_my_organisations_panel(
        self, organisation, org_admin, client_en
    ):
        response = client_en(org_admin).get(reverse("accounts:home"))
        assert response.status_code == 200
        assert "My organisations" in response.text
        assert my_url("organisation_detail", organisation.pk) in response.text

    def test_no_panel_without_memberships(self, no_role_user, client_en):
        assert (
            "My organisations"
            not in client_en(no_role_user).get(reverse("accounts:home")).text
        )

    def test_staff_menu_links_the_registry(self, region, officer, client_en):
        text = (
            client_en(officer)
            .get(
                reverse(
                    "accounts:region_dashboard", kwargs={"region_slug": region.slug}
                )
            )
            .text
        )
        assert staff_url("organisation_list", region) in text
        assert staff_url("network_list", region) in text

    def test_membership_factory_trait(self, organisation):
        assert MembershipFactory(organisation=organisation, admin=True).role == "admin"

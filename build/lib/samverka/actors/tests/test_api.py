import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samverka.accounts.tests.factories import staff_user
from samverka.actors.models import Membership, Network, Organisation
from samverka.actors.tests.factories import (
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
)
from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access

pytestmark = pytest.mark.django_db

ORGANISATIONS = "/api/v1/organisations/"
NETWORKS = "/api/v1/networks/"


def api_client(user, language="en"):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


class OrganisationApiTests:
    def test_list_is_scoped(
        self, region, officer, organisation, other_organisation, applicant
    ):
        result = assert_access(
            ORGANISATIONS,
            permitted=officer,
            no_role=None,
            other_region=None,
            api=True,
            expect=200,
        )
        names = [row["name"] for row in result.response.json()["results"]]
        assert organisation.name in names
        assert other_organisation.name not in names
        OrganisationFactory(region=region, name="Inte min AB")
        mine = api_client(applicant).get(ORGANISATIONS).json()["results"]
        assert [row["name"] for row in mine] == [organisation.name]

    def test_list_filters(self, region, officer):
        OrganisationFactory(region=region, name="Timrå kommun", type="municipality")
        OrganisationFactory(region=region, name="Timrå Exempel AB", type="company")
        rows = (
            api_client(officer)
            .get(ORGANISATIONS, {"q": "timrå", "type": "municipality"})
            .json()["results"]
        )
        assert [row["name"] for row in rows] == ["Timrå kommun"]

    def test_retrieve(self, region, officer, no_role_user, outsider, organisation):
        result = assert_access(
            f"{ORGANISATIONS}{organisation.pk}/",
            permitted=officer,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            expect=200,
        )
        body = result.response.json()
        assert body["region"] == region.slug
        assert body["national_id"] == "499900-0005"

    def test_create_by_an_applicant_makes_them_admin(self, region, no_role_user):
        result = assert_access(
            ORGANISATIONS,
            method="post",
            permitted=no_role_user,
            no_role=None,
            other_region=None,
            api=True,
            data={
                "region": region.slug,
                "name": "API Exempel AB",
                "national_id": "2021005448",
            },
            expect=201,
            audit_action="actors.organisation_create",
        )
        body = result.response.json()
        assert body["national_id"] == "202100-5448"
        assert body["country"] == "SE"
        assert Membership.objects.get(organisation_id=body["id"]).user == no_role_user

    def test_create_with_invalid_number_is_400_naming_the_rule(self, region, officer):
        response = api_client(officer).post(
            ORGANISATIONS,
            {"region": region.slug, "name": "Fel AB", "national_id": "202100-5449"},
            content_type="application/json",
        )
        assert response.status_code == 400
        assert "Luhn" in response.json()["national_id"][0]
        assert not Organisation.objects.exists()

    def test_create_in_unknown_region_is_400(self, officer):
        response = api_client(officer).post(
            ORGANISATIONS,
            {"region": "ingenstans", "name": "X"},
            content_type="application/json",
        )
        assert response.status_code == 400
        assert "region" in response.json()

    def test_partial_update(
        self, region, officer, no_role_user, outsider, organisation
    ):
        result = assert_access(
            f"{ORGANISATIONS}{organisation.pk}/",
            method="patch",
            permitted=officer,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            data={"city": "Kramfors"},
            expect=200,
            audit_action="actors.organisation_update",
        )
        assert result.response.json()["city"] == "Kramfors"
        [entry] = [
            e for e in result.audit_entries if e.action == "actors.organisation_update"
        ]
        assert entry.changes == {"city": {"old": "Sundsvall", "new": "Kramfors"}}

    def test_put_replaces_the_profile(self, officer, organisation):
        response = api_client(officer).put(
            f"{ORGANISATIONS}{organisation.pk}/",
            {
                "name": "Nytt Namn AB",
                "country": "SE",
                "type": "company",
                "national_id": "499900-0005",
            },
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
        organisation.refresh_from_db()
        assert organisation.name == "Nytt Namn AB"

    def test_applicant_member_may_read_but_not_change(self, applicant, organisation):
        client = api_client(applicant)
        assert client.get(f"{ORGANISATIONS}{organisation.pk}/").status_code == 200
        response = client.patch(
            f"{ORGANISATIONS}{organisation.pk}/",
            {"city": "X"},
            content_type="application/json",
        )
        assert response.status_code == 403
        assert not AuditEntry.objects.exists()

    def test_list_query_count_does_not_grow(self, region, officer):
        client = api_client(officer)
        OrganisationFactory.create_batch(3, region=region)
        with CaptureQueriesContext(connection) as few:
            client.get(ORGANISATIONS)
        OrganisationFactory.create_batch(30, region=region)
        with CaptureQueriesContext(connection) as many:
            client.get(ORGANISATIONS)
        assert len(many.captured_queries) == len(few.captured_queries)


class NetworkApiTests:
    def test_list_and_retrieve(self, region, officer, no_role_user, outsider):
        network = NetworkFactory(region=region, name="Besöksnäringsnätverket")
        NetworkMembershipFactory.create_batch(2, network=network)
        result = assert_access(
            NETWORKS,
            permitted=officer,
            no_role=None,
            other_region=None,
            api=True,
            expect=200,
        )
        [row] = result.response.json()["results"]
        assert row["name"] == "Besöksnäringsnätverket"
        assert len(row["members"]) == 2
        assert_access(
            f"{NETWORKS}{network.pk}/",
            permitted=officer,
            no_role=no_role_user,
            no_role_status=404,
            other_region=outsider,
            api=True,
            expect=200,
        )

    def test_create(self, region, officer, no_role_user, outsider):
        result = assert_access(
            NETWORKS,
            method="post",
            permitted=officer,
            no_role=no_role_user,
            other_region=None,
            api=True,
            data={
                "region": region.slug,
                "name": "Skogsnätverket",
                "purpose": "Bioekonomi",
            },
            expect=201,
            audit_action="actors.network_create",
        )
        assert result.response.json()["members"] == []
        assert Network.objects.get().region == region
        # A role in another region only: the policy refuses.
        response = api_client(outsider).post(
            NETWORKS,
            {"region": region.slug, "name": "Annat"},
            content_type="application/json",
        )
        assert response.status_code == 403

    def test_registrar_may_not_create(self, region):
        response = api_client(staff_user(region, "registrar")).post(
            NETWORKS,
            {"region": region.slug, "name": "X"},
            content_type="application/json",
        )
        assert response.status_code == 403
        assert not Network.objects.exists()

    def test_duplicate_name_is_400(self, region, officer):
        NetworkFactory(region=region, name="Skogsnätverket")
        response = api_client(officer).post(
            NETWORKS,
            {"region": region.slug, "name": "Skogsnätverket"},
            content_type="application/json",
        )
        assert response.status_code == 400

import pytest

from samverka.accounts.tests.factories import RoleAssignmentFactory
from samverka.actors import selectors
from samverka.actors.choices import MembershipRole, OrganisationType
from samverka.actors.tests.factories import (
    ContactPersonFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    member_of,
)
from samverka.core.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


class OrganisationListTests:
    def test_only_visible_and_in_name_order(self, region, officer, other_organisation):
        b = OrganisationFactory(region=region, name="B-bolaget AB")
        a = OrganisationFactory(region=region, name="A-bolaget AB")
        assert list(selectors.organisation_list(user=officer)) == [a, b]

    def test_region_filter(self, region, officer):
        second = RegionFactory()
        RoleAssignmentFactory(user=officer, region=second)
        here = OrganisationFactory(region=region)
        there = OrganisationFactory(region=second)
        assert set(selectors.organisation_list(user=officer)) == {here, there}
        assert list(selectors.organisation_list(user=officer, region=second)) == [there]
        assert list(
            selectors.organisation_list(user=officer, filters={"region": second.slug})
        ) == [there]

    @pytest.mark.parametrize(
        "q", ["timrå", "Timrå", "202100-5448", "2021005448", "5448"]
    )
    def test_text_search_on_name_and_number(self, region, officer, q):
        hit = OrganisationFactory(
            region=region, name="Timrå Exempel AB", national_id="202100-5448"
        )
        OrganisationFactory(region=region, name="Annat AB", national_id="499900-0013")
        assert list(selectors.organisation_list(user=officer, filters={"q": q})) == [
            hit
        ]

    def test_type_filter(self, region, officer):
        municipality = OrganisationFactory(
            region=region, type=OrganisationType.MUNICIPALITY
        )
        OrganisationFactory(region=region, type=OrganisationType.COMPANY)
        result = selectors.organisation_list(
            user=officer, filters={"type": "municipality"}
        )
        assert list(result) == [municipality]

    def test_counts(self, region, officer, organisation):
        ContactPersonFactory.create_batch(2, organisation=organisation)
        NetworkMembershipFactory(
            network=NetworkFactory(region=region), organisation=organisation
        )
        [row] = selectors.organisation_list(user=officer)
        assert (row.contact_count, row.network_count) == (2, 1)

    def test_member_sees_own(self, region, organisation, applicant):
        OrganisationFactory(region=region)
        assert list(selectors.organisation_list(user=applicant)) == [organisation]


class OrganisationGetTests:
    def test_out_of_scope_is_none(self, organisation, outsider, officer, other_region):
        assert selectors.organisation_get(user=outsider, pk=organisation.pk) is None
        assert (
            selectors.organisation_get(user=officer, pk=organisation.pk) == organisation
        )
        assert (
            selectors.organisation_get(
                user=officer, pk=organisation.pk, region=other_region
            )
            is None
        )

    def test_as_member_excludes_staff_view(self, organisation, officer, applicant):
        assert (
            selectors.organisation_get(user=officer, pk=organisation.pk, as_member=True)
            is None
        )
        assert (
            selectors.organisation_get(
                user=applicant, pk=organisation.pk, as_member=True
            )
            == organisation
        )


class MembershipListTests:
    def test_lists_own_memberships(self, region, organisation, org_admin):
        second = OrganisationFactory(region=region, name="Ö-bolaget AB")
        member_of(second, MembershipRole.APPLICANT, full_name="Någon Annan")
        MembershipFactory(user=org_admin, organisation=second)
        memberships = list(selectors.membership_list(user=org_admin))
        assert [m.organisation for m in memberships] == [organisation, second]
        assert [m.role for m in memberships] == ["admin", "applicant"]


class NetworkListTests:
    def test_visible_with_member_counts(self, region, other_region, officer):
        network = NetworkFactory(region=region, name="Alfa")
        NetworkMembershipFactory.create_batch(3, network=network)
        NetworkFactory(region=other_region)
        [row] = selectors.network_list(user=officer)
        assert row == network
        assert row.member_count == 3

    def test_search(self, region, officer):
        NetworkFactory(region=region, name="Besöksnäringen", purpose="Turism")
        NetworkFactory(region=region, name="Skog", purpose="Bioenergi")
        assert [
            n.name
            for n in selectors.network_list(user=officer, filters={"q": "turism"})
        ] == ["Besöksnäringen"]

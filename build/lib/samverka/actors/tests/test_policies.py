import pytest
from django.contrib.auth.models import AnonymousUser

from samverka.accounts.tests.factories import staff_user
from samverka.actors import policies
from samverka.actors.choices import MembershipRole
from samverka.actors.tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    member_of,
)
from samverka.core.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


class OrganisationVisibilityTests:
    def test_staff_see_all_organisations_of_their_region_only(
        self, officer, organisation, other_organisation
    ):
        visible = set(policies.organisations_visible_to(officer))
        assert organisation in visible
        assert other_organisation not in visible

    @pytest.mark.parametrize(
        "role", ["assessor", "decision_maker", "strategist", "registrar"]
    )
    def test_any_staff_role_sees_the_registry(self, region, organisation, role):
        assert organisation in policies.organisations_visible_to(
            staff_user(region, role)
        )

    def test_member_sees_only_own_organisations(self, region, organisation, applicant):
        other = OrganisationFactory(region=region)
        visible = set(policies.organisations_visible_to(applicant))
        assert visible == {organisation}
        assert other not in visible

    def test_member_of_an_inactive_region_sees_nothing(self, applicant, region):
        region.is_active = False
        region.save()
        assert not policies.organisations_visible_to(applicant).exists()

    def test_others_see_nothing(self, organisation, no_role_user, outsider):
        assert not policies.organisations_visible_to(no_role_user).exists()
        assert not policies.organisations_visible_to(AnonymousUser()).exists()
        assert organisation not in policies.organisations_visible_to(outsider)


class OrganisationPredicateTests:
    def test_anyone_logged_in_may_register_in_an_active_region(
        self, region, no_role_user
    ):
        assert policies.can_create_organisation(no_role_user, region)
        assert not policies.can_create_organisation(AnonymousUser(), region)
        closed = RegionFactory(is_active=False)
        assert not policies.can_create_organisation(no_role_user, closed)

    @pytest.mark.parametrize(
        ("role", "allowed"),
        [
            ("officer", True),
            ("registrar", True),
            ("funding_advisor", True),
            ("region_admin", True),
            ("assessor", False),
            ("strategist", False),
            ("decision_maker", False),
        ],
    )
    def test_registry_staff_change_organisations(
        self, region, organisation, role, allowed
    ):
        assert (
            policies.can_change_organisation(staff_user(region, role), organisation)
            is allowed
        )

    def test_admin_member_changes_but_applicant_member_does_not(
        self, organisation, org_admin, applicant
    ):
        assert policies.can_change_organisation(org_admin, organisation)
        assert not policies.can_change_organisation(applicant, organisation)

    def test_staff_of_another_region_may_not_change(self, organisation, outsider):
        assert not policies.can_change_organisation(outsider, organisation)

    def test_admin_of_one_organisation_may_not_change_another(self, region, org_admin):
        assert not policies.can_change_organisation(
            org_admin, OrganisationFactory(region=region)
        )

    def test_members_are_managed_by_org_admins_and_region_admin(
        self, organisation, org_admin, applicant, officer, region_admin, outsider
    ):
        assert policies.can_manage_members(org_admin, organisation)
        assert policies.can_manage_members(region_admin, organisation)
        assert not policies.can_manage_members(applicant, organisation)
        assert not policies.can_manage_members(officer, organisation)
        assert not policies.can_manage_members(outsider, organisation)

    def test_has_memberships(self, organisation, no_role_user):
        assert not policies.has_memberships(no_role_user)
        assert policies.has_memberships(
            member_of(organisation, MembershipRole.APPLICANT)
        )


class NetworkPolicyTests:
    def test_staff_of_the_region_see_its_networks(
        self, region, other_region, officer, applicant
    ):
        network = NetworkFactory(region=region)
        foreign = NetworkFactory(region=other_region)
        assert set(policies.networks_visible_to(officer)) == {network}
        assert foreign not in policies.networks_visible_to(officer)
        assert not policies.networks_visible_to(applicant).exists()

    @pytest.mark.parametrize(
        ("role", "allowed"),
        [
            ("officer", True),
            ("funding_advisor", True),
            ("strategist", True),
            ("region_admin", True),
            ("registrar", False),
            ("assessor", False),
        ],
    )
    def test_network_roles(self, region, role, allowed):
        user = staff_user(region, role)
        network = NetworkFactory(region=region)
        assert policies.can_change_network(user, network) is allowed
        assert policies.can_create_network(user, region) is allowed

    def test_outsider_may_not_change_a_network(self, region, outsider):
        assert not policies.can_change_network(outsider, NetworkFactory(region=region))

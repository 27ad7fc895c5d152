import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.accounts.tests.factories import UserFactory, staff_user
from samverka.actors import services
from samverka.actors.choices import MembershipRole, OrganisationType
from samverka.actors.models import (
    ContactPerson,
    Membership,
    NetworkMembership,
    Organisation,
)
from samverka.actors.tests.factories import (
    ContactPersonFactory,
    NetworkFactory,
    NetworkMembershipFactory,
)
from samverka.core.models import AuditEntry

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Nya Exempel AB",
    "type": OrganisationType.COMPANY,
    "national_id": "2021005448",
    "city": "Härnösand",
}


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


class OrganisationCreateTests:
    def test_staff_registers_without_becoming_member(self, region, officer):
        organisation = services.organisation_create(
            region=region, by=officer, data=VALID
        )
        assert organisation.national_id == "202100-5448"
        assert organisation.country == "SE"  # the region's
        assert not Membership.objects.filter(organisation=organisation).exists()
        [entry] = entries("actors.organisation_create")
        assert entry.actor == officer
        assert entry.region == region
        assert entry.changes["name"] == {"old": None, "new": "Nya Exempel AB"}
        assert entry.changes["national_id"]["new"] == "202100-5448"

    def test_applicant_becomes_admin_member(self, region, no_role_user):
        organisation = services.organisation_create(
            region=region, by=no_role_user, data=VALID
        )
        membership = Membership.objects.get(organisation=organisation)
        assert membership.user == no_role_user
        assert membership.role == MembershipRole.ADMIN
        [entry] = entries("actors.membership_add")
        assert entry.object_id == str(organisation.pk)
        assert entry.changes["member.role"]["new"] == "admin"

    def test_invalid_number_changes_nothing(self, region, officer):
        with pytest.raises(ValidationError) as caught:
            services.organisation_create(
                region=region, by=officer, data={**VALID, "national_id": "202100-5449"}
            )
        assert "national_id" in caught.value.message_dict
        assert not Organisation.objects.exists()
        assert not AuditEntry.objects.exists()

    def test_anonymous_may_not(self, region):
        from django.contrib.auth.models import AnonymousUser

        with pytest.raises(PermissionDenied):
            services.organisation_create(region=region, by=AnonymousUser(), data=VALID)
        assert not Organisation.objects.exists()

    def test_system_may_create(self, region):
        organisation = services.organisation_create(region=region, by=None, data=VALID)
        assert entries("actors.organisation_create")[0].actor is None
        assert not organisation.memberships.exists()


class OrganisationUpdateTests:
    def test_logs_only_what_changed(self, organisation, officer):
        services.organisation_update(
            organisation=organisation,
            by=officer,
            data={
                "name": organisation.name,
                "city": "Timrå",
                "national_id": "4999000005",
            },
        )
        organisation.refresh_from_db()
        assert organisation.city == "Timrå"
        [entry] = entries("actors.organisation_update")
        # The number was only typed without its hyphen: no change.
        assert entry.changes == {"city": {"old": "Sundsvall", "new": "Timrå"}}

    def test_nothing_changed_writes_no_entry(self, organisation, officer):
        services.organisation_update(
            organisation=organisation, by=officer, data={"city": organisation.city}
        )
        assert not entries("actors.organisation_update")

    def test_failed_update_changes_nothing(self, organisation, officer):
        with pytest.raises(ValidationError):
            services.organisation_update(
                organisation=organisation,
                by=officer,
                data={"city": "Kramfors", "national_id": "499900-0006"},
            )
        organisation.refresh_from_db()
        assert organisation.city == "Sundsvall"
        assert organisation.national_id == "499900-0005"
        assert not AuditEntry.objects.exists()

    def test_changing_country_revalidates_the_number(self, organisation, officer):
        with pytest.raises(ValidationError) as caught:
            services.organisation_update(
                organisation=organisation, by=officer, data={"country": "DK"}
            )
        assert "national_id" in caught.value.message_dict

    def test_applicant_member_may_not(self, organisation, applicant):
        with pytest.raises(PermissionDenied):
            services.organisation_update(
                organisation=organisation, by=applicant, data={"city": "Ånge"}
            )
        organisation.refresh_from_db()
        assert organisation.city == "Sundsvall"

    def test_admin_member_may(self, organisation, org_admin):
        services.organisation_update(
            organisation=organisation, by=org_admin, data={"city": "Ånge"}
        )
        assert entries("actors.organisation_update")[0].actor == org_admin


class ContactTests:
    def test_create_logs_against_the_organisation(self, organisation, officer):
        contact = services.contact_create(
            organisation=organisation,
            by=officer,
            data={"name": "Exempel Exempelsson", "title": "VD"},
        )
        [entry] = entries("actors.contact_create")
        assert entry.object_id == str(organisation.pk)
        assert entry.changes["contact"]["new"] == str(contact)
        assert entry.changes["contact.title"]["new"] == "VD"

    def test_a_new_primary_contact_takes_over(self, organisation, officer):
        old = ContactPersonFactory(organisation=organisation, primary=True)
        new = services.contact_create(
            organisation=organisation,
            by=officer,
            data={"name": "Ny Primärsson", "is_primary": True},
        )
        old.refresh_from_db()
        assert not old.is_primary
        assert new.is_primary
        [demoted] = entries("actors.contact_update")
        assert demoted.changes["contact.is_primary"] == {"old": True, "new": False}

    def test_update_makes_primary_and_demotes_the_other(self, organisation, officer):
        old = ContactPersonFactory(organisation=organisation, primary=True)
        other = ContactPersonFactory(organisation=organisation)
        services.contact_update(
            contact=other, by=officer, data={"is_primary": True, "phone": "060-123"}
        )
        old.refresh_from_db()
        other.refresh_from_db()
        assert other.is_primary
        assert other.phone == "060-123"
        assert not old.is_primary

    def test_failed_create_changes_nothing(self, organisation, officer):
        old = ContactPersonFactory(organisation=organisation, primary=True)
        with pytest.raises(ValidationError):
            services.contact_create(
                organisation=organisation,
                by=officer,
                data={"name": "", "is_primary": True},
            )
        old.refresh_from_db()
        assert old.is_primary
        assert ContactPerson.objects.count() == 1
        assert not AuditEntry.objects.exists()

    def test_delete(self, organisation, org_admin):
        contact = ContactPersonFactory(organisation=organisation)
        services.contact_delete(contact=contact, by=org_admin)
        assert not ContactPerson.objects.exists()
        assert entries("actors.contact_delete")[0].changes["contact"]["old"] == str(
            contact
        )

    def test_applicant_member_may_not_touch_contacts(self, organisation, applicant):
        contact = ContactPersonFactory(organisation=organisation)
        with pytest.raises(PermissionDenied):
            services.contact_delete(contact=contact, by=applicant)
        assert ContactPerson.objects.filter(pk=contact.pk).exists()


class MembershipServiceTests:
    def test_org_admin_adds_an_applicant(self, organisation, org_admin):
        user = UserFactory()
        membership = services.membership_add(
            organisation=organisation,
            user=user,
            role=MembershipRole.APPLICANT,
            by=org_admin,
        )
        assert membership.role == "applicant"
        assert (
            entries("actors.membership_add")[0]
            .changes["member"]["new"]
            .endswith(f"<{user.email}>")
        )

    def test_twice_is_an_error(self, organisation, org_admin, applicant):
        with pytest.raises(ValidationError):
            services.membership_add(
                organisation=organisation, user=applicant, role="admin", by=org_admin
            )
        assert Membership.objects.get(user=applicant).role == "applicant"

    def test_officer_may_not_manage_members(self, organisation, officer):
        with pytest.raises(PermissionDenied):
            services.membership_add(
                organisation=organisation,
                user=UserFactory(),
                role="applicant",
                by=officer,
            )

    def test_last_admin_stays_while_others_remain(
        self, organisation, org_admin, applicant, region_admin
    ):
        membership = Membership.objects.get(user=org_admin)
        with pytest.raises(ValidationError):
            services.membership_remove(membership=membership, by=region_admin)
        assert Membership.objects.filter(pk=membership.pk).exists()
        services.membership_remove(
            membership=Membership.objects.get(user=applicant), by=org_admin
        )
        services.membership_remove(membership=membership, by=region_admin)
        assert not Membership.objects.exists()
        assert len(entries("actors.membership_remove")) == 2


class NetworkServiceTests:
    def test_create_and_update(self, region):
        strategist = staff_user(region, "strategist")
        network = services.network_create(
            region=region,
            by=strategist,
            data={"name": "Turismnätverket", "purpose": "Samarbete"},
        )
        services.network_update(
            network=network, by=strategist, data={"purpose": "Längre säsong"}
        )
        [update] = entries("actors.network_update")
        assert update.changes == {
            "purpose": {"old": "Samarbete", "new": "Längre säsong"}
        }

    def test_registrar_may_not_create(self, region):
        with pytest.raises(PermissionDenied):
            services.network_create(
                region=region, by=staff_user(region, "registrar"), data={"name": "X"}
            )

    def test_duplicate_name_in_region(self, region, officer):
        NetworkFactory(region=region, name="Nätverket")
        with pytest.raises(ValidationError):
            services.network_create(
                region=region, by=officer, data={"name": "Nätverket"}
            )

    def test_member_add_and_remove(self, region, organisation, officer):
        network = NetworkFactory(region=region)
        membership = services.network_member_add(
            network=network,
            organisation=organisation,
            by=officer,
            role="Värd",
            joined_on=datetime.date(2025, 3, 1),
        )
        [entry] = entries("actors.network_member_add")
        assert entry.object_id == str(network.pk)
        assert entry.changes["member"]["new"] == organisation.name
        assert entry.changes["member.joined_on"]["new"] == "2025-03-01"
        services.network_member_remove(membership=membership, by=officer)
        assert not NetworkMembership.objects.exists()
        assert entries("actors.network_member_remove")

    def test_organisation_of_another_region_may_not_join(
        self, region, other_organisation, officer
    ):
        network = NetworkFactory(region=region)
        with pytest.raises(ValidationError):
            services.network_member_add(
                network=network, organisation=other_organisation, by=officer
            )
        assert not NetworkMembership.objects.exists()
        assert not AuditEntry.objects.exists()

    def test_outsider_may_not_remove(self, region, outsider):
        membership = NetworkMembershipFactory(network=NetworkFactory(region=region))
        with pytest.raises(PermissionDenied):
            services.network_member_remove(membership=membership, by=outsider)


def test_system_actions_need_no_user(region):
    organisation = services.organisation_create(region=region, by=None, data=VALID)
    user = UserFactory()
    services.membership_add(organisation=organisation, user=user, role="admin", by=None)
    assert Membership.objects.filter(
        user=user, organisation=organisation, role="admin"
    ).exists()
    assert all(entry.actor is None for entry in AuditEntry.objects.all())

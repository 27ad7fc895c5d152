import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from samverka.actors.models import ContactPerson, Organisation
from samverka.actors.tests.factories import (
    ContactPersonFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
)
from samverka.geo.models import Country as GeoCountry
from samverka.geo.models import Municipality

pytestmark = pytest.mark.django_db


class OrganisationTests:
    def test_clean_normalises_the_national_id(self, region):
        organisation = OrganisationFactory.build(
            region=region, country="SE", national_id="2021005448"
        )
        organisation.full_clean()
        assert organisation.national_id == "202100-5448"

    def test_invalid_national_id_is_an_error_on_the_field_naming_the_rule(self, region):
        organisation = OrganisationFactory.build(
            region=region, country="SE", national_id="202100-5449"
        )
        with translation.override("en"), pytest.raises(ValidationError) as caught:
            organisation.full_clean()
        errors = caught.value.message_dict
        assert list(errors) == ["national_id"]
        assert "Swedish organisation number" in errors["national_id"][0]

    def test_the_rule_follows_the_country(self, region):
        organisation = OrganisationFactory.build(
            region=region, country="DK", national_id="202100-5448"
        )
        with pytest.raises(ValidationError) as caught:
            organisation.full_clean()
        assert "national_id" in caught.value.message_dict

    def test_national_id_is_unique_in_a_regions_registry(self, region):
        OrganisationFactory(region=region, national_id="202100-5448")
        duplicate = OrganisationFactory.build(
            region=region, country="SE", national_id="2021005448"
        )
        with pytest.raises(ValidationError) as caught:
            duplicate.full_clean()
        assert list(caught.value.message_dict) == ["national_id"]
        with transaction.atomic(), pytest.raises(IntegrityError):
            OrganisationFactory(region=region, national_id="202100-5448")

    def test_same_number_may_appear_in_another_region(self, region, other_region):
        OrganisationFactory(region=region, national_id="202100-5448")
        OrganisationFactory.build(
            region=other_region, country="SE", national_id="202100-5448"
        ).full_clean()

    def test_organisations_without_number_are_not_duplicates(self, region):
        OrganisationFactory(region=region, national_id="")
        OrganisationFactory.build(region=region, national_id="").full_clean()

    def test_municipality_lies_in_the_organisations_country(self, region):
        denmark = GeoCountry.objects.create(code="DK", name="Danmark")
        roskilde = Municipality.objects.create(
            country=denmark, code="265", name="Roskilde", lau_code="265"
        )
        organisation = OrganisationFactory.build(
            region=region, country="SE", municipality=roskilde
        )
        with pytest.raises(ValidationError) as caught:
            organisation.full_clean()
        assert list(caught.value.message_dict) == ["municipality"]
        organisation.country = "DK"
        organisation.full_clean()

    def test_str_is_the_name(self):
        assert str(Organisation(name="Timrå kommun")) == "Timrå kommun"


class ContactPersonTests:
    def test_one_primary_contact_per_organisation(self, organisation):
        ContactPersonFactory(organisation=organisation, primary=True)
        second = ContactPersonFactory.build(organisation=organisation, primary=True)
        with pytest.raises(ValidationError):
            second.full_clean()
        ContactPersonFactory.build(
            organisation=organisation, primary=False
        ).full_clean()

    def test_str_shows_the_title(self):
        assert (
            str(ContactPerson(name="Exempel Exempelsson", title="VD"))
            == "Exempel Exempelsson, VD"
        )
        assert str(ContactPerson(name="Exempel Exempelsson")) == "Exempel Exempelsson"


class NetworkMembershipTests:
    def test_members_come_from_the_networks_region(self, region, other_organisation):
        network = NetworkFactory(region=region)
        membership = NetworkMembershipFactory.build(
            network=network, organisation=other_organisation
        )
        with pytest.raises(ValidationError) as caught:
            membership.full_clean()
        assert "organisation" in caught.value.message_dict

    def test_an_organisation_joins_a_network_once(self, region):
        existing = NetworkMembershipFactory(network=NetworkFactory(region=region))
        again = NetworkMembershipFactory.build(
            network=existing.network, organisation=existing.organisation
        )
        with pytest.raises(ValidationError):
            again.full_clean()


class MembershipTests:
    def test_a_user_is_member_once_per_organisation(self, organisation):
        existing = MembershipFactory(organisation=organisation)
        again = MembershipFactory.build(
            organisation=organisation, user=existing.user, admin=True
        )
        with pytest.raises(ValidationError):
            again.full_clean()

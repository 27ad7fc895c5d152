"""Fixtures of the actor registry's tests (the shared ones are in the root conftest)."""

import pytest

from samverka.actors.choices import MembershipRole
from samverka.actors.tests.factories import OrganisationFactory, member_of


@pytest.fixture
def organisation(region):
    return OrganisationFactory(
        region=region, name="Exempelbolaget Test AB", with_national_id=True
    )


@pytest.fixture
def other_organisation(other_region):
    return OrganisationFactory(region=other_region, name="Eksempel Test ApS")


@pytest.fixture
def org_admin(organisation):
    """Acts for `organisation` as its administrator; no staff role."""
    return member_of(organisation, MembershipRole.ADMIN, full_name="Anna Administratör")


@pytest.fixture
def applicant(organisation):
    """Acts for `organisation` as an applicant; no staff role."""
    return member_of(organisation, MembershipRole.APPLICANT, full_name="Sune Sökande")

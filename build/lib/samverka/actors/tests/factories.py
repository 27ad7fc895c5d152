import factory

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.choices import MembershipRole, OrganisationType
from samverka.actors.models import (
    ContactPerson,
    Membership,
    Network,
    NetworkMembership,
    Organisation,
)
from samverka.core.tests.factories import RegionFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Testorganisation {n} AB")
    type = OrganisationType.COMPANY
    country = factory.LazyAttribute(lambda o: o.region.country)
    national_id = ""
    city = "Sundsvall"

    class Params:
        # Fictional numbers: Swedish group number 4 is never issued.
        with_national_id = factory.Trait(national_id="499900-0005")
        municipality_type = factory.Trait(type=OrganisationType.MUNICIPALITY)
        university = factory.Trait(type=OrganisationType.UNIVERSITY)


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Kontakta Kontaktsson {n}")
    title = "Projektledare"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    is_primary = False

    class Params:
        primary = factory.Trait(is_primary=True)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Testnätverket {n}")
    purpose = "Organisationer samarbetar om ett test."


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, region=factory.SelfAttribute("..network.region")
    )
    role = ""


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.APPLICANT

    class Params:
        admin = factory.Trait(role=MembershipRole.ADMIN)


def member_of(organisation, role=MembershipRole.APPLICANT, **user_kwargs):
    """A user who acts for `organisation` with `role`."""
    user = UserFactory(**user_kwargs)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user

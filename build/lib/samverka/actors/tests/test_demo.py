import pytest

from samverka.accounts.models import User
from samverka.actors.demo import DEMO, load_actors
from samverka.actors.models import (
    ContactPerson,
    Membership,
    Network,
    NetworkMembership,
    Organisation,
)
from samverka.actors.validators import normalise_national_id
from samverka.core.demo import DEMO_PASSWORD, loaders
from samverka.core.models import AuditEntry
from samverka.core.tests.factories import RegionFactory
from samverka.geo.models import Country as GeoCountry
from samverka.geo.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_regions(region, other_region):
    jamtland = RegionFactory(
        name="Region Jämtland Härjedalen",
        slug="jamtland-harjedalen",
        case_number_prefix="RJH",
    )
    return {
        "vasternorrland": region,
        "jamtland-harjedalen": jamtland,
        "sjaelland": other_region,
    }


def counts():
    return [
        model.objects.count()
        for model in (
            Organisation,
            ContactPerson,
            Network,
            NetworkMembership,
            Membership,
            User,
            AuditEntry,
        )
    ]


def test_loader_is_registered():
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("demo")
    assert any(
        loader.name.endswith("load_actors") and loader.order == 40
        for loader in loaders()
    )


def test_demo_is_idempotent(demo_regions):
    context = {"regions": demo_regions, "logins": []}
    load_actors(context=context)
    first = counts()
    assert first[0] == sum(
        len(spec.municipalities) + 1 + len(spec.companies) for spec in DEMO.values()
    )
    assert len(context["logins"]) == 3
    load_actors(context={"regions": demo_regions, "logins": []})
    assert counts() == first


def test_applicants_can_log_in_and_act_for_two_organisations(demo_regions, client):
    load_actors(context={"regions": demo_regions})
    sara = User.objects.get(email="sara.sokande@example.org")
    assert sara.check_password(DEMO_PASSWORD)
    roles = dict(
        Membership.objects.filter(user=sara).values_list("organisation__name", "role")
    )
    assert roles == {
        "Exempelbolaget Norrland AB": "admin",
        "Sundsvalls kommun": "applicant",
    }


def test_real_organisations_have_no_invented_numbers(demo_regions):
    load_actors(context={"regions": demo_regions})
    for organisation in Organisation.objects.filter(
        type__in=["municipality", "university"]
    ):
        assert organisation.national_id == ""
    for organisation in Organisation.objects.filter(type="company"):
        assert (
            normalise_national_id(organisation.country, organisation.national_id)
            == organisation.national_id
        )
        # Fictional: Swedish group number 4 is not issued; Danish ones are far beyond the issued range.
        assert organisation.national_id.startswith(("4", "99"))


def test_municipalities_are_linked_when_geo_data_is_loaded(demo_regions):
    sweden = GeoCountry.objects.create(code="SE", name="Sverige")
    denmark = GeoCountry.objects.create(code="DK", name="Danmark")
    sundsvall = Municipality.objects.create(
        country=sweden, code="2281", name="Sundsvall", lau_code="2281"
    )
    roskilde = Municipality.objects.create(
        country=denmark, code="265", name="Roskilde", lau_code="265"
    )
    load_actors(context={"regions": demo_regions})
    assert Organisation.objects.get(name="Sundsvalls kommun").municipality == sundsvall
    assert Organisation.objects.get(name="Roskilde Kommune").municipality == roskilde
    assert Organisation.objects.get(name="Timrå kommun").municipality is None


def test_geo_loaded_later_is_linked_on_the_next_run(demo_regions):
    load_actors(context={"regions": demo_regions})
    sweden = GeoCountry.objects.create(code="SE", name="Sverige")
    timra = Municipality.objects.create(
        country=sweden, code="2262", name="Timrå", lau_code="2262"
    )
    load_actors(context={"regions": demo_regions})
    assert Organisation.objects.get(name="Timrå kommun").municipality == timra


def test_missing_regions_are_skipped(region):
    load_actors(context={"regions": {"vasternorrland": region}})
    assert set(Organisation.objects.values_list("region", flat=True)) == {region.pk}

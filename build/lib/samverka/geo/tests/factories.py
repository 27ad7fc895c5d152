import factory

from samverka.geo.models import Country, County, Municipality, NutsRegion

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[17, 62], [18, 62], [18, 63], [17, 63], [17, 62]]],
}


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "SE"
    name = "Sverige"

    class Params:
        danish = factory.Trait(code="DK", name="Danmark")


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County

    country = factory.SubFactory(CountryFactory)
    code = factory.Sequence(lambda n: f"{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Testlän {n}")
    nuts_code = ""

    class Params:
        with_boundary = factory.Trait(boundary=SQUARE)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    county = factory.SubFactory(CountyFactory)
    country = factory.SelfAttribute("county.country")
    code = factory.Sequence(lambda n: f"{n % 10000:04d}")
    name = factory.Sequence(lambda n: f"Testkommun {n}")
    lau_code = factory.SelfAttribute("code")
    nuts3_code = ""

    class Params:
        with_boundary = factory.Trait(boundary=SQUARE)


class NutsRegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NutsRegion

    code = factory.Sequence(lambda n: f"SE{n % 1000:03d}")
    level = 3
    country_code = factory.LazyAttribute(lambda region: region.code[:2])
    name = factory.Sequence(lambda n: f"Testregion {n}")
    name_national = factory.SelfAttribute("name")
    version = 2024
    parent = None

    class Params:
        with_boundary = factory.Trait(boundary=SQUARE)

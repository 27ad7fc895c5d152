import factory

from samverka.core.models import Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testregion {n}")
    slug = factory.Sequence(lambda n: f"testregion-{n}")
    country = "SE"
    default_language = "sv"
    currency = "SEK"
    case_number_prefix = factory.Sequence(lambda n: f"TR{n}")
    email = "registrator@example.org"

    class Params:
        danish = factory.Trait(country="DK", default_language="da", currency="DKK")

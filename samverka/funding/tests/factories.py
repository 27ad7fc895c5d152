import datetime

import factory
from django.utils import timezone

from samverka.core.tests.factories import RegionFactory
from samverka.funding.choices import CallStatus, IndicatorLevel, Intake
from samverka.funding.models import (
    Appropriation,
    Call,
    CallIndicator,
    Criterion,
    Fund,
    RequiredAttachment,
)
from samverka.plans.choices import FundingType


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Regionala projektmedel {n}")
    type = FundingType.REGIONAL_GROWTH
    currency = factory.LazyAttribute(lambda o: o.region.currency)
    max_aid_intensity = 50


class AppropriationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appropriation

    fund = factory.SubFactory(FundFactory)
    year = 2026
    amount = 50_000_000_00


class CallFactory(factory.django.DjangoModelFactory):
    """A call that is open now: it opened a week ago and closes in a month."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Utlysning {n}")
    summary = "Projektmedel för regional utveckling."
    text = "Ansök om medel för projekt som genomför handlingsplanerna."
    intake = Intake.DEADLINE
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    closes_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=30)
    )
    status = CallStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    budget = 10_000_000_00
    required_sections = factory.LazyFunction(
        lambda: ["budget", "financing", "effects", "sustainability"]
    )

    class Params:
        draft = factory.Trait(status=CallStatus.DRAFT, published_at=None)
        closed = factory.Trait(
            opens_at=factory.LazyFunction(
                lambda: timezone.now() - datetime.timedelta(days=60)
            ),
            closes_at=factory.LazyFunction(
                lambda: timezone.now() - datetime.timedelta(days=1)
            ),
        )
        continuous = factory.Trait(intake=Intake.CONTINUOUS, closes_at=None)

    @factory.post_generation
    def funds(self, create, extracted, **kwargs):
        if not create:
            return
        funds = (
            extracted if extracted is not None else [FundFactory(region=self.region)]
        )
        self.funds.set(funds)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    name = factory.Sequence(lambda n: f"Kriterium {n}")
    weight = 1
    scale_min = 0
    scale_max = 5
    order = factory.Sequence(lambda n: n)


class CallIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallIndicator

    call = factory.SubFactory(CallFactory)
    code = factory.Sequence(lambda n: f"P{n}")
    name = factory.Sequence(lambda n: f"Antal deltagande företag {n}")
    unit = "st"
    level = IndicatorLevel.OUTPUT
    order = factory.Sequence(lambda n: n)


class RequiredAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredAttachment

    call = factory.SubFactory(CallFactory)
    kind = "cofinancing_confirmation"
    title = "Intyg om medfinansiering"
    is_required = True

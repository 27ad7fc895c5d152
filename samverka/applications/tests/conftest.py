"""Fixtures of the applications tests: an open call and an applicant's draft."""

import datetime

import pytest

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import Membership
from samverka.actors.tests.factories import OrganisationFactory
from samverka.applications import services
from samverka.applications.models import Application
from samverka.funding.tests.factories import (
    CallFactory,
    CallIndicatorFactory,
    FundFactory,
)


@pytest.fixture
def fund(region):
    return FundFactory(
        region=region, name="Regionala projektmedel", max_aid_intensity=50
    )


@pytest.fixture
def call(region, fund):
    call = CallFactory(region=region, title="Regionala projektmedel 2027", funds=[fund])
    CallIndicatorFactory(call=call, code="P1", name="Antal deltagande företag")
    return call


@pytest.fixture
def applicant_org(region):
    return OrganisationFactory(
        region=region, name="Exempelbolaget Norrland AB", with_national_id=True
    )


@pytest.fixture
def applicant(applicant_org):
    user = UserFactory(full_name="Sara Sökande", email="sara@example.org")
    Membership.objects.create(user=user, organisation=applicant_org)
    return user


@pytest.fixture
def draft(call, applicant_org, applicant) -> Application:
    return services.application_start(
        call=call,
        organisation=applicant_org,
        by=applicant,
        title="Digital besöksnäring",
    )


def complete(application: Application, by) -> Application:
    """Fill every section the default call requires, in balance (1,000,000 SEK)."""
    from samverka.geo.models import Country, Municipality

    country, _ = Country.objects.get_or_create(code="SE", defaults={"name": "Sverige"})
    municipality, _ = Municipality.objects.get_or_create(
        code="2281", defaults={"name": "Sundsvall", "country": country}
    )
    services.application_update(
        application=application,
        by=by,
        data={
            "summary": "Sammanfattning.",
            "background": "Bakgrund.",
            "objectives": "Mål.",
            "target_groups": "Målgrupper.",
            "work_plan": "Arbetsplan.",
            "start_date": datetime.date(2027, 1, 1),
            "end_date": datetime.date(2027, 12, 31),
            "municipalities": [municipality],
        },
    )
    services.budget_set(
        application=application, by=by, amounts={("staff", 2027): 1_000_000_00}
    )
    services.financing_set(
        application=application,
        by=by,
        amount_requested=500_000_00,
        lines=[{"funder": "Sundsvalls kommun", "amount": 500_000_00}],
    )
    services.effects_set(
        application=application,
        by=by,
        items={
            level: [f"Text för {level}"]
            for level in ("need", "activities", "outputs", "short_term", "long_term")
        },
        indicators=[
            {"call_indicator": application.call.indicators.first(), "target": 10}
        ],
    )
    services.sustainability_set(
        application=application,
        by=by,
        answers=dict.fromkeys(
            (
                "social",
                "ecological",
                "economic",
                "environment_climate",
                "gender_equality",
                "equal_opportunities",
            ),
            ("partly", "Beskrivning."),
        ),
    )
    application.refresh_from_db()
    return application

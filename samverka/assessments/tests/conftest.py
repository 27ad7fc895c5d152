"""Fixtures of the assessment and decision tests: an application in assessment in a
call with two weighted criteria, a fund with this year's appropriation, assessors and
a decision maker. The decisions tests import these too."""

import pytest
from django.utils import timezone

from samverka.accounts.tests.factories import staff_user
from samverka.applications import services as application_services
from samverka.applications.tests import conftest as applications_fixtures
from samverka.funding.tests.factories import AppropriationFactory, CriterionFactory

# The applications tests' fixtures, shared (an open call, an applicant, a draft).
fund = applications_fixtures.fund
call = applications_fixtures.call
applicant_org = applications_fixtures.applicant_org
applicant = applications_fixtures.applicant
draft = applications_fixtures.draft
complete = applications_fixtures.complete


@pytest.fixture
def criteria(call):
    """Relevance (weight 2, 0–5) and feasibility (weight 1, 1–10)."""
    return [
        CriterionFactory(
            call=call, name="Relevans", weight=2, scale_min=0, scale_max=5
        ),
        CriterionFactory(
            call=call, name="Genomförbarhet", weight=1, scale_min=1, scale_max=10
        ),
    ]


@pytest.fixture
def appropriation(fund):
    """This year's appropriation of the fund: 5,000,000 SEK."""
    return AppropriationFactory(
        fund=fund, year=timezone.localdate().year, amount=5_000_000_00
    )


@pytest.fixture
def submitted(draft, applicant, criteria, appropriation):
    """The applicant's complete application (1,000,000 SEK total, 500,000 applied
    for), submitted: a case is open."""
    complete(draft, applicant)
    application_services.application_submit(application=draft, by=applicant, key="k1")
    draft.refresh_from_db()
    return draft


@pytest.fixture
def in_assessment(submitted, officer):
    """The submitted application, accepted for assessment, with the officer assigned."""
    application_services.officer_assign(
        application=submitted, by=officer, officer=officer
    )
    application_services.application_accept(application=submitted, by=officer)
    submitted.refresh_from_db()
    return submitted


@pytest.fixture
def assessor(region):
    return staff_user(region, "assessor", full_name="Asta Bedömare")


@pytest.fixture
def second_assessor(region):
    return staff_user(region, "assessor", full_name="Bo Bedömare")


@pytest.fixture
def decision_maker(region):
    return staff_user(region, "decision_maker", full_name="Dag Beslutare")

"""Fixtures of the strategy tests (the shared ones are in the root conftest)."""

import pytest
from django.conf import settings
from django.test import Client

from samverka.accounts.tests.factories import staff_user
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory


@pytest.fixture
def strategist(region):
    return staff_user(region, "strategist", full_name="Stina Strateg")


@pytest.fixture
def strategy(region):
    return StrategyFactory(
        region=region,
        title="Regional utvecklingsstrategi för Västernorrland",
        adopted=True,
        start_year=2011,
        end_year=2020,
    )


@pytest.fixture
def draft_strategy(region):
    return StrategyFactory(region=region, title="RUS 2030 (utkast)")


@pytest.fixture
def goal(strategy):
    return GoalFactory(strategy=strategy, title="Hållbar besöksnäring", code="1")


@pytest.fixture
def client_en():
    def make(user=None):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return make

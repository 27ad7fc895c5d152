"""Fixtures shared by every app's tests."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from samverka.accounts.tests.factories import UserFactory, staff_user
from samverka.core.tests.factories import RegionFactory
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory


@pytest.fixture
def region(db):
    return RegionFactory(
        name="Region Västernorrland", slug="vasternorrland", case_number_prefix="RVN"
    )


@pytest.fixture
def other_region(db):
    return RegionFactory(
        name="Region Sjælland", slug="sjaelland", case_number_prefix="RSJ", danish=True
    )


@pytest.fixture
def officer(region):
    return staff_user(region, "officer", full_name="Olle Officersson")


@pytest.fixture
def region_admin(region):
    return staff_user(region, "region_admin", full_name="Ada Adminsson")


@pytest.fixture
def outsider(other_region):
    """Staff in the other region only."""
    return staff_user(
        other_region, "officer", "region_admin", full_name="Ulla Utomstående"
    )


@pytest.fixture
def no_role_user(db):
    return UserFactory(full_name="Nora Nollroll")


@pytest.fixture
def shared_data() -> Path:
    """../shared/data, or a skip that says where it was looked for."""
    path = Path(settings.SHARED_DATA_DIR)
    if not path.is_dir():
        pytest.skip(
            f"shared reference data not found at {path} (set SAMVERKA_SHARED_DATA)"
        )
    return path


# --- Strategy and plans ---------------------------------------------------------------


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
    """A client that reads the pages in English (the strings tests assert on),
    logged in as `user` when one is given."""

    def make(user=None):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return make


# --- Browser tests (pytest -m browser): Debian's Chromium driven by Playwright --------

CHROMIUM = os.environ.get("SAMVERKA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"no Chromium at {CHROMIUM}: install Debian's package 'chromium' "
            "or set SAMVERKA_CHROMIUM"
        )
    # The Playwright sync API runs an event loop in this thread; the tests' own
    # database work stays synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _english_unless_asked(settings):
    """Each test starts in the default language: a request in another leaves none behind."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()

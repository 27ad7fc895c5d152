"""Strategy documents are served through a view that checks who may read the strategy."""

import pytest
from django.core.files.base import ContentFile

from samverka.core.testing import assert_access
from samverka.strategy import services
from samverka.strategy.tests.factories import StrategyFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% demo\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def attach(strategy):
    return services.strategy_document_add(
        strategy=strategy,
        by=None,
        kind="short_version",
        title="Kortversion",
        language="sv",
        file=ContentFile(PDF, name="kortversion.pdf"),
    )


def test_published_document_is_public(strategy, officer):
    document = attach(strategy)
    result = assert_access(
        document.get_absolute_url(),
        permitted=officer,
        no_role=None,
        other_region=None,
        public=True,
        expect=200,
    )
    assert b"".join(result.response.streaming_content) == PDF
    assert "kortversion" in result.response["Content-Disposition"]


def test_draft_document_is_for_the_regions_staff(
    client_en, draft_strategy, officer, no_role_user, outsider
):
    document = attach(draft_strategy)
    url = document.get_absolute_url()
    assert client_en(officer).get(url).status_code == 200
    assert client_en(no_role_user).get(url).status_code == 404
    assert client_en(outsider).get(url).status_code == 404


def test_anonymous_gets_404_for_a_draft(client, draft_strategy):
    document = attach(draft_strategy)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_document_of_a_higher_strategy(client):
    agenda = StrategyFactory(region=None, level="global", adopted=True)
    document = attach(agenda)
    assert document.get_absolute_url().startswith("/strategies/")
    assert client.get(document.get_absolute_url()).status_code == 200

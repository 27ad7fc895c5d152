"""The sustainability profile of the portfolio."""

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import staff_user
from samverka.assessments import services
from samverka.core.testing import assert_access

pytestmark = pytest.mark.django_db


def _url(region, **params):
    url = reverse("assessments:portfolio", kwargs={"region_slug": region.slug})
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


@pytest.fixture
def rated(in_assessment, officer):
    services.sustainability_save(
        application=in_assessment,
        by=officer,
        summary="Stärker näringslivet.",
        ratings={
            "social": ("positive", ""),
            "ecological": ("negative", "Fler resor."),
            "economic": ("positive", ""),
        },
    )
    return in_assessment


def test_the_portfolio_counts_effects_and_conflicts(client, region, rated, officer):
    client.force_login(officer)
    client.cookies["samverka_language"] = "en"
    response = client.get(_url(region))
    rows = {row["label"]: row["cells"] for row in response.context["rows"]}
    # Effects in the order positive, neutral, negative, uncertain.
    assert rows["Ecological sustainability"] == [0, 0, 1, 0]
    assert rows["Social sustainability"] == [1, 0, 0, 0]
    # The negative rating is proposed as a goal conflict, not yet weighed.
    assert response.context["proposed"] == 1
    # Narrowed to granted applications: nothing yet.
    response = client.get(_url(region, status="granted"))
    assert all(sum(row["cells"]) == 0 for row in response.context["rows"])


def test_who_reads_the_portfolio(region, rated, officer, outsider):
    assert_access(
        _url(region),
        permitted=officer,
        no_role=staff_user(region, "registrar"),
        other_region=outsider,
        expect=200,
    )


def test_the_overview_shows_the_sustainability_profile(client, region, rated, officer):
    client.force_login(officer)
    client.cookies["samverka_language"] = "en"
    url = reverse(
        "assessments:overview", kwargs={"region_slug": region.slug, "pk": rated.pk}
    )
    content = client.get(url).content.decode()
    assert "Sustainability profile" in content
    assert "Fler resor." in content  # the evidence of the negative rating

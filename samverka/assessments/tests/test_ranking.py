"""The ranking of a call against the funding line."""

from decimal import Decimal
from typing import cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory, staff_user
from samverka.applications.choices import ApplicationStatus
from samverka.applications.models import Application
from samverka.applications.tests.factories import ApplicationFactory
from samverka.assessments import selectors
from samverka.assessments.choices import AssignmentStatus
from samverka.assessments.models import Assignment, Recommendation, Score
from samverka.core.formatting import format_money
from samverka.core.testing import assert_access
from samverka.funding.models import Call
from samverka.funding.tests.factories import CallFactory
from samverka.strategy.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db

MILLION = 1_000_000_00


def _url(call, **query):
    url = reverse(
        "assessments:ranking", kwargs={"region_slug": call.region.slug, "pk": call.pk}
    )
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query)
    return url


def _ranked(call, criteria, assessor, title, amount, scores=None, goals=()):
    """An application in assessment with one assessor's submitted scores
    (relevance 0–5, feasibility 1–10)."""
    app = cast(
        Application,
        ApplicationFactory(
            call=call,
            title=title,
            amount_requested=amount,
            status=ApplicationStatus.IN_ASSESSMENT,
        ),
    )
    for goal in goals:
        app.goals.add(goal)
    if scores is not None:
        assignment = Assignment.objects.create(
            application=app, assessor=assessor, status=AssignmentStatus.SUBMITTED
        )
        for criterion, value in zip(criteria, scores, strict=True):
            Score.objects.create(
                assignment=assignment, criterion=criterion, value=value
            )
    return app


@pytest.fixture
def field(call, criteria, appropriation, assessor, strategy):
    """Five applications: A has the best score; C, D and B share a score, C serves
    both of the call's goals, D and B one each and D asks for less; E has no scores.
    Ranked A, C, D, B, E; with 5,000,000 left, A, C and D fit (5,000,000)."""
    first = GoalFactory(strategy=strategy, code="1")
    second = GoalFactory(strategy=strategy, code="2")
    call.goals.add(first, second)

    def make(title, amount, scores=None, goals=()):
        return _ranked(call, criteria, assessor, title, amount, scores, goals)

    return {
        "A": make("Alfa", 2 * MILLION, (5, 10)),
        "B": make("Beta", 1_500_000_00, (4, 1), [first]),
        "C": make("Gamma", 2 * MILLION, (4, 1), [first, second]),
        "D": make("Delta", MILLION, (4, 1), [second]),
        "E": make("Epsilon", 100_000_00),
    }


def test_ranked_by_score_then_fit_then_amount(call, field):
    ranking = selectors.call_ranking(call)
    titles = [row.application.title for row in ranking.rows]
    assert titles == ["Alfa", "Gamma", "Delta", "Beta", "Epsilon"]
    assert [row.score.percent for row in ranking.rows[:2]] == [
        Decimal("100.0"),
        Decimal("53.3"),
    ]
    assert ranking.available == 5 * MILLION
    assert [row.within_line for row in ranking.rows] == [True, True, True, False, False]


def test_the_page_shows_the_ranking_and_the_line(client_en, call, field, officer):
    response = client_en(officer).get(_url(call))
    assert response.status_code == 200
    content = response.content.decode()
    titles = ["Alfa", "Gamma", "Delta", "Beta", "Epsilon"]
    positions = [content.index(f">{t}<") for t in titles]
    assert positions == sorted(positions)
    # The line sits between Delta (the last within) and Beta (the first above).
    line = content.index('class="funding-line"')
    assert positions[2] < line < positions[3]
    assert content.count('class="funding-line"') == 1
    assert content.count("Within the line") == 3
    assert content.count("<strong>Above the line</strong>") == 2
    assert "3 applications fit within the funding line of" in content
    # Score with the number of assessors, fit, amount and the running total.
    assert "53.3" in content
    assert "1 assessor" in content
    assert "2 of 2" in content
    assert format_money(6_500_000_00, "SEK", whole=True) in content
    assert "No scores yet" in content
    # The explanation names the score and the line.
    five = format_money(5 * MILLION, "SEK", whole=True)
    assert "Combined score 100 of 100 from 1 assessor." in content
    assert f"above the funding line of {five}." in content
    assert f"within the funding line of {five}." in content
    # The money left per fund this year.
    assert "Regionala projektmedel" in content
    assert 'name="line" value="5,000,000"' in content
    assert f'value="{timezone.localdate().year}"' in content
    # Each title leads to the application's assessment.
    overview = reverse(
        "assessments:overview",
        kwargs={"region_slug": call.region.slug, "pk": field["A"].pk},
    )
    assert f'href="{overview}"' in content


def test_moving_the_line_moves_rows(client_en, call, field, officer):
    client = client_en(officer)
    content = client.get(_url(call, line="4000000")).content.decode()
    assert content.count("Within the line") == 2
    line = content.index('class="funding-line"')
    assert content.index(">Gamma<") < line < content.index(">Delta<")
    assert 'name="line" value="4,000,000"' in content
    # Raised above everything: all within, the line after the last row.
    content = client.get(_url(call, line="10 000 000")).content.decode()
    assert content.count("Within the line") == 5
    assert content.index(">Epsilon<") < content.index('class="funding-line"')
    # Another year has no appropriation: nothing is left, nothing fits.
    content = client.get(_url(call, year="2001")).content.decode()
    assert "The call's funds have no appropriation for 2001." in content
    assert content.count("Within the line") == 0


def test_a_recommended_amount_counts(client_en, call, field, officer):
    Recommendation.objects.create(
        application=field["A"], outcome="grant", amount=MILLION, text="Bra."
    )
    ranking = selectors.call_ranking(call)
    assert ranking.rows[0].amount == MILLION
    # A, C and D now take 1 + 2 + 1 = 4 million; B (1.5 more) still does not fit.
    assert ranking.rows[2].cumulative == 4 * MILLION
    assert not ranking.rows[3].within_line
    content = client_en(officer).get(_url(call)).content.decode()
    assert content.count(">recommended<") == 1
    assert content.count(">applied for<") == 4


def test_a_bad_line_is_told_and_the_default_kept(client_en, call, field, officer):
    content = client_en(officer).get(_url(call, line="mycket")).content.decode()
    assert 'id="id_line_error"' in content
    assert "Enter an amount in SEK" in content
    assert 'value="mycket"' in content
    assert content.count("Within the line") == 3


def test_who_sees_the_ranking(
    client_en, call, field, officer, decision_maker, assessor, region, outsider
):
    assert_access(
        _url(call),
        permitted=officer,
        no_role=UserFactory(),
        other_region=outsider,
        expect=200,
    )
    assert client_en(decision_maker).get(_url(call)).status_code == 200
    assert client_en(assessor).get(_url(call)).status_code == 403
    advisor = staff_user(region, "funding_advisor")
    assert client_en(advisor).get(_url(call)).status_code == 403


def test_a_call_of_another_region_is_not_found(
    client_en, region, other_region, officer
):
    foreign = cast(Call, CallFactory(region=other_region))
    url = reverse(
        "assessments:ranking", kwargs={"region_slug": region.slug, "pk": foreign.pk}
    )
    assert client_en(officer).get(url).status_code == 404


def test_queries_do_not_grow_with_rows(
    client_en, call, criteria, appropriation, assessor, officer
):
    client = client_en(officer)

    def add(titles):
        for title in titles:
            _ranked(call, criteria, assessor, title, MILLION, (3, 5))

    add(["Ett", "Två"])
    with CaptureQueriesContext(connection) as few:
        client.get(_url(call))
    add(["Tre", "Fyra", "Fem"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(call))
    assert ">Fem<" in response.content.decode()
    assert len(many) == len(few)

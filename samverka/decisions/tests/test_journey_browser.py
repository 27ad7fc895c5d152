"""From submitted to decided in a browser, with axe at WCAG 2.1 AA on every page.

The officer does the formal check and assigns two assessors; each declares that they
have no conflict of interest and scores the criteria (one first gives a score off the
scale and is told at the field); the officer assures sustainability, weighs the goal
conflicts the system proposes, looks at the call's ranking and recommends; the head
of unit decides within the delegation; the memo and the letter are PDFs in the case
and the fund's appropriation is committed. A second application goes to the
committee, above the head of unit's limit, and is decided item by item.
"""

import datetime

import pytest
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory, staff_user
from samverka.actors.models import Membership
from samverka.actors.tests.factories import OrganisationFactory
from samverka.applications import services as application_services
from samverka.applications.choices import ApplicationStatus
from samverka.applications.tests.conftest import complete
from samverka.assessments import services as assessment_services
from samverka.assessments.choices import ConflictStatus
from samverka.assessments.models import GoalConflict
from samverka.core.testing import assert_no_axe_violations
from samverka.core.tests.factories import RegionFactory
from samverka.decisions import services as decision_services
from samverka.decisions.models import Decision
from samverka.funding import services as funding_services
from samverka.funding.models import Appropriation
from samverka.funding.tests.factories import (
    AppropriationFactory,
    CallFactory,
    CallIndicatorFactory,
    CriterionFactory,
    FundFactory,
)
from samverka.records.choices import DocumentKind
from samverka.strategy.models import GoalInteraction
from samverka.strategy.tests.factories import GoalFactory, StrategyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


def log_in(page, live_server, email):
    # Staff pages speak the region's language unless the user chose another.
    page.context.add_cookies(
        [{"name": "samverka_language", "value": "en", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def go(page, url):
    page.goto(url)
    assert_no_axe_violations(page)


def submit(page, name):
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)


def _submitted(call, organisation, applicant, title, goals=()):
    application = application_services.application_start(
        call=call, organisation=organisation, by=applicant, title=title
    )
    complete(application, applicant)
    application.goals.add(*goals)
    application_services.application_submit(
        application=application, by=applicant, key=title
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def setting(db):
    region = RegionFactory(
        name="Region Västernorrland", slug="vasternorrland", case_number_prefix="RVN"
    )
    fund = FundFactory(
        region=region,
        name="Regionala projektmedel",
        max_aid_intensity=50,
        four_eyes_threshold=1_000_000_00,
    )
    AppropriationFactory(fund=fund, year=timezone.localdate().year, amount=5_000_000_00)
    for level, amount in (("officer", 300_000_00), ("decision_maker", 450_000_00)):
        funding_services.delegation_limit_set(
            region=region, by=None, data={"level": level, "max_amount": amount}
        )
    strategy = StrategyFactory(region=region)
    visitors = GoalFactory(strategy=strategy, code="1.1", title="Fler besökare")
    emissions = GoalFactory(strategy=strategy, code="3.2", title="Lägre utsläpp")
    GoalInteraction.objects.create(
        strategy=strategy,
        from_goal=visitors,
        to_goal=emissions,
        score=-2,
        justification="Fler besökare reser mer.",
    )
    call = CallFactory(region=region, funds=[fund], title="Regionala projektmedel 2027")
    CriterionFactory(call=call, name="Relevans", weight=2, scale_min=0, scale_max=5)
    CriterionFactory(
        call=call, name="Genomförbarhet", weight=1, scale_min=1, scale_max=10
    )
    CallIndicatorFactory(call=call, code="P1", name="Antal deltagande företag")
    organisation = OrganisationFactory(
        region=region, name="Exempelbolaget Norrland AB", with_national_id=True
    )
    applicant = UserFactory(email="sara@example.org", full_name="Sara Sökande")
    Membership.objects.create(user=applicant, organisation=organisation)
    officer = staff_user(
        region, "officer", email="hanna@example.org", full_name="Hanna Handläggare"
    )
    staff_user(region, "assessor", email="asta@example.org", full_name="Asta Bedömare")
    staff_user(region, "assessor", email="bo@example.org", full_name="Bo Bedömare")
    head = staff_user(
        region,
        "decision_maker",
        email="berit@example.org",
        full_name="Berit Beslutsfattare",
    )
    first = _submitted(
        call, organisation, applicant, "Digital gästresa", goals=[visitors]
    )
    return {
        "region": region,
        "fund": fund,
        "call": call,
        "first": first,
        "officer": officer,
        "head": head,
        "organisation": organisation,
        "applicant": applicant,
    }


def score(page, live_server, email, application, values):
    """Log in as the assessor, declare no conflict and score."""
    log_in(page, live_server, email)
    page.get_by_role("link", name="Assessments").first.click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=application.title).first.click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    # Nothing of the content before the declaration.
    assert "Sammanfattning." not in page.locator("main").inner_text()
    page.get_by_label("I have no conflict of interest").check()
    submit(page, "Submit the declaration")
    assert "Sammanfattning." in page.locator("main").inner_text()
    inputs = page.locator("main input.score-input")
    for index, value in enumerate(values):
        inputs.nth(index).fill(str(value))
    submit(page, "Submit scores")
    log_out(page)


def test_from_submitted_to_decided(page, live_server, setting):
    region = setting["region"]
    application = setting["first"]
    staff = f"{live_server.url}/staff/{region.slug}"
    overview = f"{staff}/applications/{application.pk}/assessment/"

    # The officer: formal check from the proposal, then two assessors.
    log_in(page, live_server, "hanna@example.org")
    go(page, overview)
    go(page, f"{overview}formal-check/")
    submit(page, "Confirm and record the formal check")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_ASSESSMENT
    go(page, overview)
    for name in ("Asta Bedömare (asta@example.org)", "Bo Bedömare (bo@example.org)"):
        page.locator("#id_assessor").select_option(label=name)
        submit(page, "Assign")
    assert application.assignments.count() == 2
    log_out(page)

    # The first assessor gives a score off the scale and is told at the field,
    # with what was typed kept.
    log_in(page, live_server, "asta@example.org")
    page.goto(f"{staff}/assessments/")
    page.get_by_role("link", name=application.title).first.click()
    page.wait_for_load_state()
    page.get_by_label("I have no conflict of interest").check()
    submit(page, "Submit the declaration")
    inputs = page.locator("main input.score-input")
    inputs.nth(0).fill("7")
    inputs.nth(1).fill("8")
    submit(page, "Save")
    assert "Give a score from 0 to 5." in page.locator("main").inner_text()
    assert page.locator("main input.score-input").nth(1).input_value() == "8"
    page.locator("main input.score-input").nth(0).fill("4")
    submit(page, "Submit scores")
    log_out(page)
    score(page, live_server, "bo@example.org", application, [5, 9])

    # The officer: sustainability assurance with an ecological risk, then the goal
    # conflicts the system proposes.
    log_in(page, live_server, "hanna@example.org")
    go(page, f"{overview}sustainability/")
    page.fill("#id_summary", "Stärker besöksnäringen; fler resor ger utsläpp.")
    for aspect in (
        "social",
        "economic",
        "environment_climate",
        "gender_equality",
        "equal_opportunities",
    ):
        page.locator(f"input[name=effect_{aspect}][value=positive]").check()
    page.locator("input[name=effect_ecological][value=negative]").check()
    page.fill("#id_evidence_ecological", "Fler bilresor till besöksmålen.")
    page.get_by_label("The assessment is complete").check()
    submit(page, "Save the sustainability assessment")
    go(page, f"{overview}conflicts/")
    text = page.locator("main").inner_text()
    assert "1.1 Fler besökare against 3.2 Lägre utsläpp" in text
    assert "Negative effect on ecological sustainability" in text
    conflicts = list(application.goal_conflicts.order_by("pk"))
    assert len(conflicts) == 2
    for conflict, handling, why in (
        (conflicts[0], "trade_off", "Säsongen förlängs; resorna samordnas."),
        (conflicts[1], "mitigated", "Kollektivtrafik från Härnösand ingår."),
    ):
        go(page, f"{staff}/conflicts/{conflict.pk}/")
        page.locator("input[name=status][value=confirmed]").check()
        page.fill("#id_description", "Besöken ökar utsläppen från resor.")
        page.locator(f"input[name=handling][value={handling}]").check()
        page.fill("#id_handling_text", why)
        submit(page, "Save the judgement")
    assert set(GoalConflict.objects.values_list("status", "weighed_by__email")) == {
        (ConflictStatus.CONFIRMED, "hanna@example.org")
    }

    # The ranking of the call, and the recommendation.
    go(page, f"{staff}/calls/{application.call_id}/ranking/")
    assert "Within the line" in page.locator("main").inner_text()
    go(page, f"{overview}recommendation/")
    page.locator("input[name=outcome][value=grant]").check()
    page.fill("#id_amount", "400000")
    page.fill("#id_text", "Hög relevans; målkonflikten hanteras.")
    submit(page, "Save the recommendation")
    log_out(page)

    # The head of unit decides within the delegation (up to 450,000).
    log_in(page, live_server, "berit@example.org")
    go(page, f"{staff}/applications/{application.pk}/memo/")
    memo = page.locator("main").inner_text()
    assert "Trade-off accepted" in memo
    assert "Säsongen förlängs; resorna samordnas." in memo
    go(page, f"{staff}/applications/{application.pk}/decide/")
    page.locator("input[name=outcome][value=grant]").check()
    page.fill("#id_amount", "400000")
    page.fill("#id_reasons", "Projektet stärker handlingsplanens mål.")
    submit(page, "Record the decision")
    assert page.url.endswith(f"/applications/{application.pk}/decision/")
    decision = Decision.objects.get(application=application)
    assert (decision.amount, decision.level) == (400_000_00, "decision_maker")
    appropriation = Appropriation.objects.get(fund=setting["fund"])
    assert appropriation.committed == 400_000_00
    kinds = set(application.case.documents.values_list("kind", flat=True))
    assert {DocumentKind.DECISION_MEMO, DocumentKind.DECISION} <= kinds
    log_out(page)


def test_above_the_delegation_the_committee_decides(page, live_server, setting):
    region = setting["region"]
    officer = setting["officer"]
    head = setting["head"]
    application = setting["first"]
    staff = f"{live_server.url}/staff/{region.slug}"
    application_services.application_accept(application=application, by=officer)
    assessment_services.recommendation_save(
        application=application,
        by=officer,
        data={"outcome": "grant", "amount": 480_000_00, "text": "Stark ansökan."},
    )
    committee = decision_services.committee_create(
        region=region, by=officer, name="Regionala utvecklingsnämnden"
    )
    meeting = decision_services.meeting_create(
        committee=committee,
        by=officer,
        starts_at=timezone.now() + datetime.timedelta(hours=2),
        place="Regionens hus, Härnösand",
        secretary=head,
    )

    # Above the head of unit's limit: refused with the rule, nothing lost.
    log_in(page, live_server, "berit@example.org")
    go(page, f"{staff}/applications/{application.pk}/decide/")
    page.locator("input[name=outcome][value=grant]").check()
    page.fill("#id_amount", "480000")
    page.fill("#id_reasons", "Stark ansökan.")
    submit(page, "Record the decision")
    text = page.locator("main").inner_text()
    assert "covers decisions up to" in text
    assert page.locator("#id_reasons").input_value() == "Stark ansökan."
    assert not Decision.objects.exists()

    # On the committee's agenda, decided item by item, with the minutes extract.
    go(page, f"{staff}/meetings/{meeting.pk}/")
    page.locator("#id_application").select_option(str(application.pk))
    submit(page, "Put on the agenda")
    item = meeting.items.get()
    go(page, f"{staff}/agenda/{item.pk}/decide/")
    page.locator("input[name=outcome][value=grant]").check()
    page.fill("#id_amount", "480000")
    page.fill("#id_reasons", "Nämnden beviljar enligt förslaget.")
    submit(page, "Record the committee's decision")
    decision = Decision.objects.get(application=application)
    assert (decision.level, decision.agenda_item_id) == ("committee", item.pk)
    go(page, f"{staff}/agenda/{item.pk}/extract/")
    extract = page.locator("main").inner_text()
    assert f"§ {item.number}" in extract or f"§{item.number}" in extract
    assert "Nämnden beviljar enligt förslaget." in extract

"""The decision screens: deciding, the decision and its conditions, the region's
conditions, and the delegation order."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import staff_user
from samverka.applications.choices import ApplicationStatus
from samverka.assessments import services as assessment_services
from samverka.core.testing import assert_access
from samverka.decisions import services
from samverka.decisions.choices import ConditionStatus
from samverka.decisions.models import Condition, Decision
from samverka.decisions.tests.test_delegation import grant, set_limit, submit_scores
from samverka.funding.choices import DecisionLevel
from samverka.funding.models import DelegationLimit
from samverka.funding.tests.factories import AppropriationFactory, FundFactory
from samverka.records import services as records_services
from samverka.records.choices import Direction, DocumentKind

pytestmark = pytest.mark.django_db


def url(name, region, *args):
    return reverse(f"decisions:{name}", args=[region.slug, *args])


def page(response):
    return response.content.decode()


def conditions_post(*rows, extra=3):
    """The formset's fields: `rows` filled, then `extra` empty ones."""
    data = {
        "conditions-TOTAL_FORMS": str(len(rows) + extra),
        "conditions-INITIAL_FORMS": "0",
        "conditions-MIN_NUM_FORMS": "0",
        "conditions-MAX_NUM_FORMS": "30",
    }
    for index, row in enumerate([*rows, *([{}] * extra)]):
        values = {
            "kind": "general",
            "text": "",
            "funder": "",
            "amount": "",
            "deadline": "",
            **row,
        }
        for key, value in values.items():
            data[f"conditions-{index}-{key}"] = value
    return data


def decide_post(*rows, **fields):
    data = {
        "outcome": "grant",
        "amount": "400 000",
        "start_date": "2027-01-01",
        "end_date": "2027-12-31",
        "reasons": "Projektet stärker besöksnäringen i länet.",
        **fields,
    }
    data.update(conditions_post(*rows))
    return data


@pytest.fixture
def recommendation(in_assessment, officer):
    return assessment_services.recommendation_save(
        application=in_assessment,
        by=officer,
        data={
            "outcome": "grant_with_conditions",
            "amount": 350_000_00,
            "text": "Väl förankrat projekt med tydliga mål.",
            "conditions": "Kommunen beslutar om sin medfinansiering.",
        },
    )


# Deciding ------------------------------------------------------------------------------


def test_decide_page_access(
    region, in_assessment, decision_maker, no_role_user, outsider
):
    assert_access(
        url("decide", region, in_assessment.pk),
        permitted=decision_maker,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )


def test_decide_page_is_refused_to_staff_who_do_not_decide(
    region, client_en, in_assessment
):
    strategist = staff_user(region, "strategist")
    response = client_en(strategist).get(url("decide", region, in_assessment.pk))
    assert response.status_code == 403


def test_decide_page_is_not_found_under_another_regions_address(
    region, other_region, client_en, in_assessment
):
    """A decider in both regions opens the application only under its own region."""
    both = staff_user(region, "decision_maker")
    from samverka.accounts.tests.factories import RoleAssignmentFactory

    RoleAssignmentFactory(user=both, region=other_region, role="decision_maker")
    client = client_en(both)
    assert client.get(url("decide", region, in_assessment.pk)).status_code == 200
    for name in ("decide", "decision"):
        response = client.get(url(name, other_region, in_assessment.pk))
        assert response.status_code == 404


def test_decide_page_shows_the_summary_and_prefills_from_the_recommendation(
    region, client_en, fund, in_assessment, decision_maker, recommendation, assessor
):
    fund.four_eyes_threshold = 100_000_00
    fund.save()
    set_limit(region, DecisionLevel.DECISION_MAKER, 2_000_000_00, note="DO §3")
    submit_scores(in_assessment, assessor, recommendation.written_by)
    html = page(client_en(decision_maker).get(url("decide", region, in_assessment.pk)))
    assert "Digital besöksnäring" in html
    assert "Exempelbolaget Norrland AB" in html
    assert "500,000" in html  # applied for
    assert "Väl förankrat projekt med tydliga mål." in html
    assert "Grant with conditions" in html
    assert "350,000" in html
    # The combined score: relevance 4 of 0–5 (weight 2), feasibility 8 of 1–10.
    assert "79.3 of 100, from 1 assessor" in html
    assert "you decide on grants up to" in html
    assert "2,000,000" in html
    assert "DO §3" in html
    assert "Four-eyes rule" in html
    assert "100,000" in html
    # Prefilled: outcome, amount, reasons, first condition, project period.
    assert re.search(r'value="grant_with_conditions"[^>]*checked', html)
    assert 'value="350 000"' in html or 'value="350,000"' in html
    assert "Kommunen beslutar om sin medfinansiering.</textarea>" in html
    assert 'value="2027-01-01"' in html
    assert 'name="conditions-0-text"' in html
    assert 'name="conditions-3-text"' in html
    # One own fund: no choice of fund.
    assert 'name="fund"' not in html


def test_decide_page_offers_only_the_outcomes_the_status_allows(
    region, client_en, submitted, decision_maker
):
    html = page(client_en(decision_maker).get(url("decide", region, submitted.pk)))
    assert 'value="dismiss"' in html
    assert 'value="withdrawn"' in html
    assert 'value="grant"' not in html
    assert 'value="reject"' not in html


def test_decide_page_tells_the_officer_without_limit(
    region, client_en, in_assessment, officer
):
    html = page(client_en(officer).get(url("decide", region, in_assessment.pk)))
    assert "As case officer you do not decide on grants." in html


def test_decide_grants_and_redirects_to_the_decision(
    region, client_en, in_assessment, decision_maker, appropriation
):
    response = client_en(decision_maker).post(
        url("decide", region, in_assessment.pk), decide_post()
    )
    assert response.status_code == 302
    assert response["Location"] == url("decision", region, in_assessment.pk)
    decision = Decision.objects.get(application=in_assessment)
    assert decision.amount == 400_000_00
    assert decision.decided_by == decision_maker
    assert decision.reasons == "Projektet stärker besöksnäringen i länet."
    appropriation.refresh_from_db()
    assert appropriation.committed == 400_000_00


def test_decide_with_conditions_stores_them(
    region, client_en, in_assessment, decision_maker
):
    response = client_en(decision_maker).post(
        url("decide", region, in_assessment.pk),
        decide_post(
            {"text": "Rapportera kvartalsvis."},
            {
                "kind": "cofunding",
                "text": "Kommunens beslut.",
                "funder": "Sundsvalls kommun",
                "amount": "250 000",
                "deadline": "2027-03-01",
            },
            outcome="grant_with_conditions",
        ),
    )
    assert response.status_code == 302
    conditions = list(
        Condition.objects.filter(decision__application=in_assessment).order_by("order")
    )
    assert [c.text for c in conditions] == [
        "Rapportera kvartalsvis.",
        "Kommunens beslut.",
    ]
    assert conditions[1].amount == 250_000_00
    assert conditions[1].deadline == datetime.date(2027, 3, 1)


def test_decide_shows_condition_errors_at_the_row_and_keeps_the_input(
    region, client_en, in_assessment, decision_maker
):
    response = client_en(decision_maker).post(
        url("decide", region, in_assessment.pk),
        decide_post(
            {"text": "Allmänt villkor."},
            {"kind": "cofunding", "text": "Kommunens beslut.", "funder": "Kommunen"},
            outcome="grant_with_conditions",
            reasons="Mina egna skäl.",
        ),
    )
    assert response.status_code == 200
    html = page(response)
    assert "Give the date by which the other funder must have decided." in html
    assert 'id="id_conditions-1-deadline_error"' in html
    assert 'aria-describedby="id_conditions-1-deadline_error"' in html
    assert "Kommunens beslut.</textarea>" in html
    assert "Mina egna skäl.</textarea>" in html
    assert 'value="Kommunen"' in html
    assert not Decision.objects.exists()


def test_decide_grant_with_conditions_without_one_says_so(
    region, client_en, in_assessment, decision_maker
):
    response = client_en(decision_maker).post(
        url("decide", region, in_assessment.pk),
        decide_post(outcome="grant_with_conditions"),
    )
    assert response.status_code == 200
    assert "A grant with conditions needs at least one condition." in page(response)


def test_decide_refusal_for_the_appropriation_shows_at_the_amount(
    region, client_en, in_assessment, decision_maker, appropriation
):
    appropriation.committed = 4_800_000_00
    appropriation.save()
    response = client_en(decision_maker).post(
        url("decide", region, in_assessment.pk),
        decide_post(reasons="Skäl som inte får försvinna."),
    )
    assert response.status_code == 200
    html = page(response)
    assert re.search(r'id="id_amount_error">Only SEK\s?200,000\.00 is left', html)
    assert "Skäl som inte får försvinna.</textarea>" in html
    assert 'value="400 000"' in html
    appropriation.refresh_from_db()
    assert appropriation.committed == 4_800_000_00
    in_assessment.refresh_from_db()
    assert in_assessment.status == ApplicationStatus.IN_ASSESSMENT


def test_decide_refusal_for_the_delegation_names_the_limit(
    region, client_en, in_assessment, officer
):
    set_limit(region, DecisionLevel.OFFICER, 300_000_00)
    response = client_en(officer).post(
        url("decide", region, in_assessment.pk), decide_post()
    )
    assert response.status_code == 200
    html = page(response)
    assert "Your delegation as case officer covers decisions up to" in html
    assert "300,000" in html
    assert "head of unit" in html
    assert not Decision.objects.exists()


def test_decide_four_eyes_refusal_is_shown(
    region, client_en, fund, in_assessment, officer
):
    fund.four_eyes_threshold = 100_000_00
    fund.save()
    both = staff_user(region, "decision_maker", "assessor")
    submit_scores(in_assessment, both, officer)
    response = client_en(both).post(
        url("decide", region, in_assessment.pk), decide_post()
    )
    assert response.status_code == 200
    assert "four-eyes rule" in page(response)
    assert not Decision.objects.exists()


def test_decide_bad_amount_is_shown_and_the_rest_kept(
    region, client_en, in_assessment, decision_maker
):
    response = client_en(decision_maker).post(
        url("decide", region, in_assessment.pk),
        decide_post(amount="fyrahundratusen", reasons="Behåll mig."),
    )
    assert response.status_code == 200
    html = page(response)
    assert 'id="id_amount_error">Enter an amount in SEK' in html
    assert 'value="fyrahundratusen"' in html
    assert "Behåll mig.</textarea>" in html


def test_decide_when_already_decided(region, client_en, in_assessment, decision_maker):
    client = client_en(decision_maker)
    services.decision_record(
        application=in_assessment, by=decision_maker, data=grant(100_000_00)
    )
    # The page goes to the decision.
    response = client.get(url("decide", region, in_assessment.pk))
    assert response.status_code == 302
    assert response["Location"] == url("decision", region, in_assessment.pk)
    # A form sent from a page opened before the decision is refused with the rule.
    response = client_en(decision_maker).post(
        url("decide", region, in_assessment.pk),
        decide_post(outcome="reject", reasons="Sent skäl."),
    )
    assert response.status_code == 200
    html = page(response)
    summary = html[html.index('class="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert "The application has already been decided." in summary
    assert "Sent skäl.</textarea>" in html


def test_decide_offers_the_calls_own_funds_when_there_are_several(
    region, client_en, call, in_assessment, decision_maker, appropriation
):
    second = FundFactory(region=region, name="Kompetensfonden")
    external = FundFactory(region=region, name="ERUF", is_external=True)
    call.funds.add(second, external)
    second_appropriation = AppropriationFactory(
        fund=second, year=timezone.localdate().year, amount=1_000_000_00
    )
    client = client_en(decision_maker)
    html = page(client.get(url("decide", region, in_assessment.pk)))
    assert 'name="fund"' in html
    assert "Kompetensfonden" in html
    assert "ERUF" not in html
    response = client.post(
        url("decide", region, in_assessment.pk), decide_post(fund=str(second.pk))
    )
    assert response.status_code == 302
    second_appropriation.refresh_from_db()
    appropriation.refresh_from_db()
    assert second_appropriation.committed == 400_000_00
    assert appropriation.committed == 0


# The decision --------------------------------------------------------------------------


@pytest.fixture
def decided(in_assessment, decision_maker):
    return services.decision_record(
        application=in_assessment,
        by=decision_maker,
        data=grant(
            300_000_00,
            outcome="grant_with_conditions",
            conditions=[
                {
                    "kind": "cofunding",
                    "text": "Kommunens beslut om medfinansiering.",
                    "funder": "Sundsvalls kommun",
                    "amount": 200_000_00,
                    "deadline": datetime.date(2027, 3, 1),
                }
            ],
        ),
    )


def test_decision_page_access(region, decided, officer, no_role_user, outsider):
    assert_access(
        url("decision", region, decided.application_id),
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )


def test_decision_page_is_not_found_without_a_decision(
    region, client_en, in_assessment, officer
):
    response = client_en(officer).get(url("decision", region, in_assessment.pk))
    assert response.status_code == 404


def test_decision_page_shows_the_decision(
    region, client_en, decided, officer, appropriation
):
    html = page(client_en(officer).get(url("decision", region, decided.application_id)))
    assert "Grant with conditions" in html
    assert "300,000" in html
    assert "Dag Beslutare" in html
    assert "Head of unit (decision maker)" in html
    assert "Europe/Stockholm" in html
    assert f"The appropriation of {appropriation.fund} for {appropriation.year}" in html
    assert "Projektet stärker besöksnäringen." in html
    assert "Kommunens beslut om medfinansiering." in html
    assert "Sundsvalls kommun" in html
    assert "Open" in html
    assert (
        url("condition_resolve", region, decided.conditions.get().pk) in html
    )  # the officer follows conditions


def test_decision_page_links_registered_documents(region, client_en, decided, officer):
    document = records_services.document_register(
        case=decided.application.case,
        by=None,
        direction=Direction.INTERNAL,
        kind=DocumentKind.OTHER,
        title="Beslutsunderlag",
        content=b"%PDF-1.4",
        file_name="beslutsunderlag.pdf",
        content_type="application/pdf",
    )
    Decision.objects.filter(pk=decided.pk).update(memo=document)
    html = page(client_en(officer).get(url("decision", region, decided.application_id)))
    download = reverse(
        "records:document_download",
        kwargs={"region_slug": region.slug, "pk": document.pk},
    )
    assert f'href="{download}"' in html
    assert "Decision memo" in html


def test_decision_page_hides_the_resolve_form_from_readers_who_do_not_follow(
    region, client_en, decided
):
    strategist = staff_user(region, "strategist")
    response = client_en(strategist).get(
        url("decision", region, decided.application_id)
    )
    assert response.status_code == 200
    assert "Kommunens beslut om medfinansiering." in page(response)
    assert "/resolve/" not in page(response)


# Resolving a condition -----------------------------------------------------------------


def test_condition_resolve_access(
    region, decided, officer, no_role_user, outsider, client_en
):
    condition = decided.conditions.get()
    assert_access(
        url("condition_resolve", region, condition.pk),
        method="post",
        data={
            f"condition-{condition.pk}-status": "met",
            f"condition-{condition.pk}-note": "Beslut finns.",
        },
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=302,
        audit_action="decisions.condition_resolve",
    )
    condition.refresh_from_db()
    assert condition.status == ConditionStatus.MET
    assert condition.note == "Beslut finns."


def test_condition_resolve_is_refused_to_readers_who_do_not_follow(
    region, client_en, decided
):
    condition = decided.conditions.get()
    strategist = staff_user(region, "strategist")
    response = client_en(strategist).post(
        url("condition_resolve", region, condition.pk),
        {f"condition-{condition.pk}-status": "met"},
    )
    assert response.status_code == 403
    condition.refresh_from_db()
    assert condition.status == ConditionStatus.OPEN


def test_condition_resolve_without_a_status_keeps_the_note(
    region, client_en, decided, officer
):
    condition = decided.conditions.get()
    response = client_en(officer).post(
        url("condition_resolve", region, condition.pk),
        {f"condition-{condition.pk}-note": "Anteckning som ska finnas kvar."},
    )
    assert response.status_code == 200
    html = page(response)
    assert "This field is required." in html
    assert "Anteckning som ska finnas kvar.</textarea>" in html
    condition.refresh_from_db()
    assert condition.status == ConditionStatus.OPEN


def test_condition_resolve_twice_shows_the_rule(region, client_en, decided, officer):
    condition = decided.conditions.get()
    services.condition_resolve(condition=condition, by=officer, status="met")
    response = client_en(officer).post(
        url("condition_resolve", region, condition.pk),
        {
            f"condition-{condition.pk}-status": "lapsed",
            f"condition-{condition.pk}-note": "Min anteckning.",
        },
    )
    assert response.status_code == 200
    html = page(response)
    assert "The condition has already been resolved." in html
    assert "Min anteckning.</textarea>" in html
    condition.refresh_from_db()
    assert condition.status == ConditionStatus.MET


# The region's conditions ---------------------------------------------------------------


def _decide_with_deadlines(region, call, applicant_org, applicant, decider, deadlines):
    """One granted application per deadline, each with one co-funding condition."""
    from samverka.applications import services as application_services
    from samverka.applications.tests.conftest import complete

    officer = staff_user(region, "officer")
    for index, deadline in enumerate(deadlines):
        application = application_services.application_start(
            call=call,
            organisation=applicant_org,
            by=applicant,
            title=f"Projekt {index}",
        )
        complete(application, applicant)
        application_services.application_submit(
            application=application, by=applicant, key=f"k-{index}"
        )
        application_services.application_accept(application=application, by=officer)
        services.decision_record(
            application=application,
            by=decider,
            data=grant(
                10_000_00,
                outcome="grant_with_conditions",
                conditions=[
                    {
                        "kind": "cofunding",
                        "text": f"Villkor {index}",
                        "funder": "Kommunen",
                        "deadline": deadline,
                    }
                ],
            ),
        )


def test_conditions_page_access(region, officer, no_role_user, outsider):
    assert_access(
        url("conditions", region),
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )


def test_conditions_page_orders_by_deadline_and_marks_overdue(
    region, client_en, call, applicant_org, applicant, decision_maker, appropriation
):
    today = timezone.localdate()
    _decide_with_deadlines(
        region,
        call,
        applicant_org,
        applicant,
        decision_maker,
        [
            today + datetime.timedelta(days=30),
            today - datetime.timedelta(days=2),
            today + datetime.timedelta(days=5),
        ],
    )
    resolved = Condition.objects.get(text="Villkor 2")
    services.condition_resolve(
        condition=resolved, by=decision_maker, status="met", note=""
    )
    html = page(client_en(decision_maker).get(url("conditions", region)))
    open_part, resolved_part = html.split('id="resolved"')
    assert open_part.index("Villkor 1") < open_part.index("Villkor 0")
    assert "Villkor 2" not in open_part
    assert "Villkor 2" in resolved_part
    assert open_part.count("Overdue") == 1
    row = open_part[open_part.index("Villkor 1") - 600 : open_part.index("Villkor 1")]
    assert "Overdue" in row
    assert url("decision", region, resolved.decision.application_id) in resolved_part


def test_conditions_page_queries_do_not_grow_with_rows(
    region, client_en, call, applicant_org, applicant, decision_maker, appropriation
):
    today = timezone.localdate()
    client = client_en(decision_maker)
    _decide_with_deadlines(
        region, call, applicant_org, applicant, decision_maker, [today, today]
    )
    client.get(url("conditions", region))  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(url("conditions", region))
    _decide_with_deadlines(
        region,
        call,
        applicant_org,
        applicant,
        decision_maker,
        [today + datetime.timedelta(days=n) for n in range(4)],
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("conditions", region))
    assert page(response).count("Villkor") >= 6
    assert len(many) == len(few)


# The delegation order ------------------------------------------------------------------


def test_delegation_page_access(region, officer, no_role_user, outsider):
    assert_access(
        url("delegation", region),
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )


def test_delegation_page_reads_for_staff_and_explains_the_defaults(
    region, client_en, fund, officer
):
    set_limit(region, DecisionLevel.OFFICER, 300_000_00, note="Delegationsordning §4")
    set_limit(region, DecisionLevel.OFFICER, 450_000_00, fund=fund)
    html = page(client_en(officer).get(url("delegation", region)))
    assert "300,000" in html
    assert "450,000" in html
    assert "Delegationsordning §4" in html
    assert "No upper limit" in html
    assert "Set for this fund" in html
    assert "case officers do not decide on grants" in html
    assert "Set a limit" not in html  # officers read only
    assert "/delete/" not in html
    assert "four-eyes/" not in html


def test_region_admin_sets_a_limit(region, client_en, fund, region_admin):
    client = client_en(region_admin)
    html = page(client.get(url("delegation", region)))
    assert "Set a limit" in html
    response = client.post(
        url("delegation", region),
        {
            "fund": str(fund.pk),
            "level": "officer",
            "max_amount": "300 000",
            "note": "Delegationsordning §4",
        },
    )
    assert response.status_code == 302
    limit = DelegationLimit.objects.get(region=region, fund=fund, level="officer")
    assert limit.max_amount == 300_000_00
    assert limit.note == "Delegationsordning §4"
    html = page(client.get(url("delegation", region)))
    assert "300,000" in html


def test_region_admin_sets_no_upper_limit(region, client_en, region_admin):
    response = client_en(region_admin).post(
        url("delegation", region),
        {"fund": "", "level": "committee", "max_amount": "", "note": ""},
    )
    assert response.status_code == 302
    limit = DelegationLimit.objects.get(region=region, fund=None, level="committee")
    assert limit.max_amount is None


def test_setting_a_limit_with_a_bad_amount_keeps_the_input(
    region, client_en, region_admin
):
    response = client_en(region_admin).post(
        url("delegation", region),
        {"fund": "", "level": "officer", "max_amount": "mycket", "note": "Min grund"},
    )
    assert response.status_code == 200
    html = page(response)
    assert 'id="id_max_amount_error">Enter an amount in SEK' in html
    assert 'value="Min grund"' in html
    assert not DelegationLimit.objects.exists()


def test_officer_cannot_set_or_delete_limits(region, client_en, officer):
    limit = set_limit(region, DecisionLevel.OFFICER, 300_000_00)
    client = client_en(officer)
    response = client.post(
        url("delegation", region),
        {"fund": "", "level": "officer", "max_amount": "900 000"},
    )
    assert response.status_code == 403
    response = client.post(url("delegation_delete", region, limit.pk))
    assert response.status_code == 403
    limit.refresh_from_db()
    assert limit.max_amount == 300_000_00


def test_region_admin_deletes_a_limit(
    region, other_region, client_en, region_admin, outsider
):
    limit = set_limit(region, DecisionLevel.OFFICER, 300_000_00)
    assert_access(
        url("delegation_delete", region, limit.pk),
        method="post",
        permitted=region_admin,
        no_role=None,
        other_region=outsider,
        expect=302,
        audit_action="funding.delegation_delete",
    )
    assert not DelegationLimit.objects.filter(pk=limit.pk).exists()


def test_four_eyes_threshold_is_set_and_cleared(region, client_en, fund, region_admin):
    client = client_en(region_admin)
    field = f"fund-{fund.pk}-four_eyes_threshold"
    response = client.post(url("four_eyes", region, fund.pk), {field: "100 000"})
    assert response.status_code == 302
    fund.refresh_from_db()
    assert fund.four_eyes_threshold == 100_000_00
    html = page(client.get(url("delegation", region)))
    assert "Four-eyes threshold: SEK" in html
    assert "100,000" in html
    response = client.post(url("four_eyes", region, fund.pk), {field: ""})
    assert response.status_code == 302
    fund.refresh_from_db()
    assert fund.four_eyes_threshold is None


def test_four_eyes_threshold_bad_input_and_access(
    region, client_en, fund, region_admin, officer
):
    field = f"fund-{fund.pk}-four_eyes_threshold"
    response = client_en(region_admin).post(
        url("four_eyes", region, fund.pk), {field: "hundra"}
    )
    assert response.status_code == 200
    html = page(response)
    assert f'id="id_{field}_error">Enter an amount in SEK' in html
    assert 'value="hundra"' in html
    response = client_en(officer).post(
        url("four_eyes", region, fund.pk), {field: "100 000"}
    )
    assert response.status_code == 403
    fund.refresh_from_db()
    assert fund.four_eyes_threshold is None

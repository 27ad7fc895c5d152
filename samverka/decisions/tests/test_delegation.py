"""The delegation order and the four-eyes rule, applied by the decision service."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samverka.accounts.tests.factories import staff_user
from samverka.applications.choices import ApplicationStatus
from samverka.assessments import services as assessment_services
from samverka.core.formatting import format_money
from samverka.decisions import delegation, services
from samverka.decisions.models import AgendaItem, Committee, Decision, Meeting
from samverka.funding import services as funding_services
from samverka.funding.choices import DecisionLevel

pytestmark = pytest.mark.django_db


def grant(amount, **extra):
    return {
        "outcome": "grant",
        "amount": amount,
        "reasons": "Projektet stärker besöksnäringen.",
        **extra,
    }


def set_limit(region, level, amount, fund=None, note=""):
    return funding_services.delegation_limit_set(
        region=region,
        by=None,
        data={"fund": fund, "level": level, "max_amount": amount, "note": note},
    )


def submit_scores(application, assessor, lead):
    """`assessor` is assigned by `lead`, declares no conflict, scores and submits."""
    assignment = assessment_services.assignment_add(
        application=application, assessor=assessor, by=lead
    )
    assignment = assessment_services.declare(
        assignment=assignment, by=assessor, has_conflict=False
    )
    criteria = list(application.call.criteria.order_by("pk"))
    assessment_services.scores_save(
        assignment=assignment,
        by=assessor,
        values={criteria[0].pk: (4, ""), criteria[1].pk: (8, "")},
    )
    return assessment_services.scores_submit(assignment=assignment, by=assessor)


def refusal(exc_info, field="amount"):
    return " ".join(exc_info.value.message_dict[field])


# Limits --------------------------------------------------------------------------------


def test_officer_above_region_limit_is_refused_naming_limit_and_next_level(
    region, in_assessment, officer
):
    set_limit(region, DecisionLevel.OFFICER, 300_000_00, note="Delegationsordning §4")
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=in_assessment, by=officer, data=grant(400_000_00)
        )
    message = refusal(exc_info)
    assert format_money(300_000_00, "SEK") in message
    assert format_money(400_000_00, "SEK") in message
    assert "head of unit" in message
    assert not Decision.objects.filter(application=in_assessment).exists()
    in_assessment.refresh_from_db()
    assert in_assessment.status == ApplicationStatus.IN_ASSESSMENT


def test_officer_within_region_limit_decides_at_officer_level(
    region, in_assessment, officer, appropriation
):
    set_limit(region, DecisionLevel.OFFICER, 300_000_00)
    decision = services.decision_record(
        application=in_assessment, by=officer, data=grant(250_000_00)
    )
    assert decision.level == DecisionLevel.OFFICER
    assert decision.decided_by == officer


def test_officer_without_any_limit_does_not_decide(in_assessment, officer):
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=in_assessment, by=officer, data=grant(10_000_00)
        )
    assert "Case officers do not decide" in refusal(exc_info)


def test_fund_limit_overrides_region_limit(region, fund, in_assessment, officer):
    set_limit(region, DecisionLevel.OFFICER, 300_000_00)
    set_limit(region, DecisionLevel.OFFICER, 450_000_00, fund=fund)
    assert delegation.limits_for(region, fund)[DecisionLevel.OFFICER].max_amount == (
        450_000_00
    )
    assert delegation.limits_for(region, None)[DecisionLevel.OFFICER].max_amount == (
        300_000_00
    )
    decision = services.decision_record(
        application=in_assessment, by=officer, data=grant(400_000_00)
    )
    assert decision.level == DecisionLevel.OFFICER


def test_lower_fund_limit_for_head_of_unit_sends_it_to_the_committee(
    region, fund, in_assessment, decision_maker
):
    set_limit(region, DecisionLevel.DECISION_MAKER, 100_000_00, fund=fund)
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=in_assessment, by=decision_maker, data=grant(400_000_00)
        )
    message = refusal(exc_info)
    assert format_money(100_000_00, "SEK") in message
    assert "committee" in message


def test_decision_maker_without_limits_decides_anything(in_assessment, decision_maker):
    decision = services.decision_record(
        application=in_assessment, by=decision_maker, data=grant(500_000_00)
    )
    assert decision.level == DecisionLevel.DECISION_MAKER
    assert decision.amount == 500_000_00


def test_someone_without_a_deciding_role_is_refused(region, in_assessment):
    from django.core.exceptions import PermissionDenied

    assessor = staff_user(region, "assessor")
    with pytest.raises(PermissionDenied):
        services.decision_record(
            application=in_assessment, by=assessor, data=grant(100_000_00)
        )


# Four eyes -----------------------------------------------------------------------------


@pytest.fixture
def assessing_decider(region):
    return staff_user(region, "decision_maker", "assessor", full_name="Disa Dubbel")


@pytest.fixture
def four_eyes(fund, in_assessment, assessing_decider, officer):
    fund.four_eyes_threshold = 100_000_00
    fund.save()
    submit_scores(in_assessment, assessing_decider, officer)
    in_assessment.refresh_from_db()
    return in_assessment


def test_four_eyes_refuses_an_assessor_deciding_alone_above_threshold(
    four_eyes, assessing_decider, appropriation
):
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=four_eyes, by=assessing_decider, data=grant(400_000_00)
        )
    message = refusal(exc_info)
    assert "four-eyes" in message
    assert format_money(100_000_00, "SEK") in message
    appropriation.refresh_from_db()
    assert appropriation.committed == 0
    assert not Decision.objects.filter(application=four_eyes).exists()


def test_four_eyes_lets_the_assessor_decide_below_threshold(
    four_eyes, assessing_decider
):
    decision = services.decision_record(
        application=four_eyes, by=assessing_decider, data=grant(100_000_00)
    )
    assert decision.amount == 100_000_00


def test_four_eyes_lets_someone_who_did_not_assess_decide(four_eyes, decision_maker):
    decision = services.decision_record(
        application=four_eyes, by=decision_maker, data=grant(400_000_00)
    )
    assert decision.level == DecisionLevel.DECISION_MAKER


def test_four_eyes_counts_the_author_of_the_recommendation(region, fund, in_assessment):
    fund.four_eyes_threshold = 100_000_00
    fund.save()
    lead = staff_user(region, "officer", "decision_maker", full_name="Lea Ledare")
    assessment_services.recommendation_save(
        application=in_assessment,
        by=lead,
        data={"outcome": "grant", "amount": 400_000_00, "text": "Bevilja."},
    )
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=in_assessment, by=lead, data=grant(400_000_00)
        )
    assert "four-eyes" in refusal(exc_info)


def test_four_eyes_does_not_apply_to_the_committee(
    region, four_eyes, assessing_decider
):
    committee = Committee.objects.create(
        region=region, name="Regionala utvecklingsnämnden"
    )
    meeting = Meeting.objects.create(committee=committee, starts_at=timezone.now())
    item = AgendaItem.objects.create(meeting=meeting, application=four_eyes, number=1)
    decision = services.decision_record(
        application=four_eyes,
        by=assessing_decider,
        data=grant(400_000_00),
        agenda_item=item,
    )
    assert decision.level == DecisionLevel.COMMITTEE
    assert decision.agenda_item == item

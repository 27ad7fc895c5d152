"""The decision service: commitments, outcomes by status, conditions, notifications."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from samverka.applications.choices import ApplicationStatus
from samverka.core.formatting import format_money
from samverka.core.models import AuditEntry, Notification
from samverka.decisions import services
from samverka.decisions.choices import ConditionKind, ConditionStatus, Outcome
from samverka.decisions.models import Condition, Decision
from samverka.decisions.tests.test_delegation import grant, submit_scores
from samverka.funding.choices import DecisionLevel

pytestmark = pytest.mark.django_db


# Grants and the appropriation ----------------------------------------------------------


def test_grant_commits_against_the_appropriation(
    in_assessment, decision_maker, appropriation
):
    decision = services.decision_record(
        application=in_assessment, by=decision_maker, data=grant(400_000_00)
    )
    appropriation.refresh_from_db()
    in_assessment.refresh_from_db()
    assert appropriation.committed == 400_000_00
    assert appropriation.left == 4_600_000_00
    assert decision.appropriation == appropriation
    assert decision.outcome == Outcome.GRANT
    assert decision.level == DecisionLevel.DECISION_MAKER
    assert decision.region_id == in_assessment.region_id
    assert decision.appeal_allowed is True
    assert in_assessment.status == ApplicationStatus.GRANTED
    assert decision.start_date == in_assessment.start_date
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"decisions.decide", "funding.commit", "applications.decided"} <= actions


def test_grant_above_what_is_left_is_refused_and_nothing_is_written(
    in_assessment, decision_maker, appropriation
):
    appropriation.committed = 4_800_000_00
    appropriation.save()
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=in_assessment, by=decision_maker, data=grant(400_000_00)
        )
    message = " ".join(exc_info.value.message_dict["amount"])
    assert f"Only {format_money(200_000_00, 'SEK')} is left" in message
    appropriation.refresh_from_db()
    in_assessment.refresh_from_db()
    assert appropriation.committed == 4_800_000_00
    assert not Decision.objects.exists()
    assert in_assessment.status == ApplicationStatus.IN_ASSESSMENT


def test_grant_cannot_exceed_the_amount_applied_for(in_assessment, decision_maker):
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=in_assessment, by=decision_maker, data=grant(600_000_00)
        )
    assert "amount" in exc_info.value.message_dict


def test_an_application_is_decided_once(in_assessment, decision_maker):
    services.decision_record(
        application=in_assessment, by=decision_maker, data=grant(100_000_00)
    )
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=in_assessment, by=decision_maker, data=grant(100_000_00)
        )
    assert "already been decided" in " ".join(exc_info.value.messages)


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        (Outcome.REJECT, ApplicationStatus.REJECTED),
        (Outcome.DISMISS, ApplicationStatus.DISMISSED),
    ],
)
def test_reject_and_dismiss_commit_nothing(
    outcome, status, in_assessment, decision_maker, appropriation
):
    decision = services.decision_record(
        application=in_assessment,
        by=decision_maker,
        data={"outcome": outcome, "amount": 400_000_00, "reasons": "Skäl."},
    )
    appropriation.refresh_from_db()
    in_assessment.refresh_from_db()
    assert appropriation.committed == 0
    assert decision.appropriation is None
    assert decision.amount == 0
    assert in_assessment.status == status


def test_dismiss_from_submitted_is_allowed(submitted, decision_maker):
    decision = services.decision_record(
        application=submitted,
        by=decision_maker,
        data={"outcome": "dismiss", "reasons": "Ansökan kom in för sent."},
    )
    submitted.refresh_from_db()
    assert decision.outcome == Outcome.DISMISS
    assert submitted.status == ApplicationStatus.DISMISSED


def test_grant_from_submitted_is_refused(submitted, decision_maker, appropriation):
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=submitted, by=decision_maker, data=grant(100_000_00)
        )
    assert "cannot be decided" in " ".join(exc_info.value.message_dict["outcome"])
    appropriation.refresh_from_db()
    assert appropriation.committed == 0


def test_reasons_are_required(in_assessment, decision_maker):
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=in_assessment,
            by=decision_maker,
            data={"outcome": "reject", "reasons": "  "},
        )
    assert "reasons" in exc_info.value.message_dict


# Conditions ----------------------------------------------------------------------------


def test_cofunding_condition_needs_funder_and_deadline(in_assessment, decision_maker):
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=in_assessment,
            by=decision_maker,
            data=grant(
                300_000_00,
                outcome="grant_with_conditions",
                conditions=[
                    {"kind": "general", "text": "", "funder": ""},
                    {"kind": "cofunding", "text": "Kommunen medfinansierar."},
                ],
            ),
        )
    errors = exc_info.value.message_dict
    assert "conditions-1-funder" in errors
    assert "conditions-1-deadline" in errors
    assert "conditions-0-text" not in errors  # an empty row is no condition


def test_grant_with_conditions_needs_a_condition(in_assessment, decision_maker):
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=in_assessment,
            by=decision_maker,
            data=grant(300_000_00, outcome="grant_with_conditions", conditions=[]),
        )
    assert "at least one condition" in " ".join(
        exc_info.value.message_dict["conditions"]
    )


def test_only_a_grant_has_conditions(in_assessment, decision_maker):
    with pytest.raises(ValidationError) as exc_info:
        services.decision_record(
            application=in_assessment,
            by=decision_maker,
            data={
                "outcome": "reject",
                "reasons": "Skäl.",
                "conditions": [{"text": "Något."}],
            },
        )
    assert "conditions" in exc_info.value.message_dict


def _decide_with_conditions(application, by, conditions):
    return services.decision_record(
        application=application,
        by=by,
        data=grant(300_000_00, outcome="grant_with_conditions", conditions=conditions),
    )


def test_conditions_are_stored_in_order(region, in_assessment, decision_maker):
    deadline = datetime.date(2027, 3, 1)
    decision = _decide_with_conditions(
        in_assessment,
        decision_maker,
        [
            {"kind": "general", "text": "Rapportera kvartalsvis."},
            {
                "kind": "cofunding",
                "text": "Kommunens beslut om medfinansiering.",
                "funder": "Sundsvalls kommun",
                "amount": 500_000_00,
                "deadline": deadline,
            },
        ],
    )
    rows = list(decision.conditions.order_by("order"))
    assert [c.kind for c in rows] == [ConditionKind.GENERAL, ConditionKind.COFUNDING]
    assert rows[1].funder == "Sundsvalls kommun"
    assert rows[1].amount == 500_000_00
    assert rows[1].deadline == deadline
    assert all(c.status == ConditionStatus.OPEN for c in rows)
    assert all(c.region_id == region.pk for c in rows)


@pytest.fixture
def condition(in_assessment, decision_maker):
    decision = _decide_with_conditions(
        in_assessment,
        decision_maker,
        [
            {
                "kind": "cofunding",
                "text": "Kommunens beslut om medfinansiering.",
                "funder": "Sundsvalls kommun",
                "deadline": datetime.date(2027, 3, 1),
            }
        ],
    )
    return decision.conditions.get()


def test_condition_resolve_met(condition, officer):
    services.condition_resolve(
        condition=condition, by=officer, status="met", note="Beslut 2027-02-10."
    )
    condition.refresh_from_db()
    assert condition.status == ConditionStatus.MET
    assert condition.resolved_by == officer
    assert condition.resolved_at is not None
    assert condition.note == "Beslut 2027-02-10."
    assert not Notification.objects.filter(kind="decisions.condition_lapsed").exists()


def test_condition_resolve_lapsed_tells_the_officer(
    condition, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.condition_resolve(condition=condition, by=officer, status="lapsed")
    condition.refresh_from_db()
    assert condition.status == ConditionStatus.LAPSED
    assert Notification.objects.filter(
        recipient=officer, kind="decisions.condition_lapsed"
    ).exists()


def test_condition_resolve_refuses_twice_and_unknown_status(condition, officer):
    with pytest.raises(ValidationError) as exc_info:
        services.condition_resolve(condition=condition, by=officer, status="open")
    assert "status" in exc_info.value.message_dict
    services.condition_resolve(condition=condition, by=officer, status="met")
    with pytest.raises(ValidationError) as exc_info:
        services.condition_resolve(condition=condition, by=officer, status="lapsed")
    assert "already been resolved" in " ".join(exc_info.value.messages)


def test_conditions_lapse_overdue_lapses_only_overdue_ones(
    in_assessment, decision_maker, officer, django_capture_on_commit_callbacks
):
    today = datetime.date(2027, 6, 1)
    decision = _decide_with_conditions(
        in_assessment,
        decision_maker,
        [
            {
                "kind": "cofunding",
                "text": "Förfallen.",
                "funder": "Kommunen",
                "deadline": today - datetime.timedelta(days=1),
            },
            {
                "kind": "cofunding",
                "text": "Förfaller i dag.",
                "funder": "Kommunen",
                "deadline": today,
            },
            {"kind": "general", "text": "Utan tidsgräns."},
        ],
    )
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        lapsed = services.conditions_lapse_overdue(today=today)
    assert [c.text for c in lapsed] == ["Förfallen."]
    statuses = dict(decision.conditions.values_list("text", "status"))
    assert statuses == {
        "Förfallen.": ConditionStatus.LAPSED,
        "Förfaller i dag.": ConditionStatus.OPEN,
        "Utan tidsgräns.": ConditionStatus.OPEN,
    }
    notes = Notification.objects.filter(kind="decisions.condition_lapsed")
    assert [n.recipient for n in notes] == [officer]
    assert Condition.objects.get(text="Förfallen.").resolved_by is None


# Notifications -------------------------------------------------------------------------


def test_decision_tells_applicant_officer_and_assessors(
    in_assessment,
    decision_maker,
    officer,
    applicant,
    assessor,
    second_assessor,
    django_capture_on_commit_callbacks,
):
    submit_scores(in_assessment, assessor, officer)
    in_assessment.language = "sv"
    in_assessment.save(update_fields=["language"])
    mail.outbox.clear()
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record(
            application=in_assessment, by=decision_maker, data=grant(400_000_00)
        )
    case_number = in_assessment.case_number
    assert case_number
    letters = Notification.objects.filter(kind="decisions.letter")
    assert [n.recipient for n in letters] == [applicant]
    assert case_number in letters[0].subject
    to_applicant = [m for m in mail.outbox if m.to == [applicant.email]]
    assert len(to_applicant) == 1
    assert case_number in to_applicant[0].subject
    told = set(
        Notification.objects.filter(kind="decisions.decided").values_list(
            "recipient_id", flat=True
        )
    )
    # The officer and the assessor who submitted; not the one who never scored,
    # nor the decider.
    assert told == {officer.pk, assessor.pk}
    assert second_assessor.pk not in told
    assert decision_maker.pk not in told


def test_a_refused_decision_tells_nobody(
    in_assessment, decision_maker, appropriation, django_capture_on_commit_callbacks
):
    appropriation.committed = appropriation.amount
    appropriation.save()
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError),
    ):
        services.decision_record(
            application=in_assessment, by=decision_maker, data=grant(100_000_00)
        )
    assert not Notification.objects.filter(kind__startswith="decisions.").exists()
    assert mail.outbox == []


def test_decided_at_is_now(in_assessment, decision_maker):
    before = timezone.now()
    decision = services.decision_record(
        application=in_assessment, by=decision_maker, data=grant(100_000_00)
    )
    assert before <= decision.decided_at <= timezone.now()

"""The decisions demo (every loader run in order, as `manage.py load_demo` does),
and the `lapse_conditions` command on the demo's open condition."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.utils import timezone

from samverka.accounts.choices import RoleCode
from samverka.applications.choices import ApplicationStatus
from samverka.applications.models import Application
from samverka.applications.tests.test_demo import (  # noqa: F401  (fixtures)
    geography,
    quick_printouts,
)
from samverka.assessments.choices import CheckOutcome
from samverka.assessments.demo import VN_DISMISSED
from samverka.assessments.tests.test_demo import load_demo
from samverka.core.models import AuditEntry, Region
from samverka.decisions import services
from samverka.decisions.choices import (
    ConditionKind,
    ConditionStatus,
    MeetingStatus,
    Outcome,
)
from samverka.decisions.demo import COMMITTEE
from samverka.decisions.models import (
    AgendaItem,
    Committee,
    Condition,
    Decision,
    Meeting,
)
from samverka.funding.choices import DecisionLevel
from samverka.funding.models import Appropriation, DelegationLimit, Fund

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (Decision, Condition, Committee, Meeting, AgendaItem, AuditEntry)
    ]


@pytest.fixture
def demo(request):
    """The whole demo loaded, with its fixtures; what the loaders printed."""
    request.getfixturevalue("geography")
    request.getfixturevalue("quick_printouts")
    return load_demo()


def test_the_demo_decides_in_vasternorrland(demo):
    assert "Demo decisions: 5 (1 committee meeting held); 5 new." in demo
    first = counts()
    region = Region.objects.get(slug="vasternorrland")

    # The delegation order of every region, and the four-eyes rule on the
    # regional project funds.
    for each in Region.objects.all():
        limits = dict(
            DelegationLimit.objects.filter(region=each, fund=None).values_list(
                "level", "max_amount"
            )
        )
        assert limits == {
            DecisionLevel.OFFICER: 300_000_00,
            DecisionLevel.DECISION_MAKER: 1_000_000_00,
            DecisionLevel.COMMITTEE: None,
        }
        assert Fund.objects.filter(region=each, four_eyes_threshold=100_000_00).exists()
    head_limit = 1_000_000_00

    # The committee held a meeting and decided two items, one above the head of
    # unit's limit; the secretary is the head of unit.
    committee = Committee.objects.get(region=region, name=COMMITTEE)
    held = committee.meetings.get(status=MeetingStatus.HELD)
    assert held.starts_at <= timezone.now()
    items = list(held.items.order_by("number"))
    assert [item.number for item in items] == [1, 2]
    decided = [item.decision for item in items]
    assert all(d.level == DecisionLevel.COMMITTEE for d in decided)
    assert all(d.outcome == Outcome.GRANT for d in decided)
    assert max(d.amount for d in decided) > head_limit
    assert held.secretary.role_assignments.filter(
        region=region, role=RoleCode.DECISION_MAKER
    ).exists()
    for decision in decided:
        assert decision.application.status == ApplicationStatus.GRANTED
    # A planned meeting with an undecided item on its agenda.
    planned = committee.meetings.get(status=MeetingStatus.PLANNED)
    assert planned.starts_at > timezone.now()
    waiting = planned.items.get()
    assert waiting.application.status == ApplicationStatus.IN_ASSESSMENT
    assert not Decision.objects.filter(application=waiting.application).exists()

    # A grant by the head of unit that waits for a co-funder.
    condition = Condition.objects.get()
    assert condition.kind == ConditionKind.COFUNDING
    assert condition.status == ConditionStatus.OPEN
    assert condition.funder == "Demo Skog & Energi AB"
    assert condition.amount == 70_900_00
    assert condition.deadline > timezone.localdate()
    conditional = condition.decision
    assert conditional.outcome == Outcome.GRANT_WITH_CONDITIONS
    assert conditional.level == DecisionLevel.DECISION_MAKER
    assert conditional.amount <= head_limit

    # A refusal by the head of unit, and the dismissal after the failed check by
    # the case officer.
    refusal = Decision.objects.get(outcome=Outcome.REJECT)
    assert refusal.level == DecisionLevel.DECISION_MAKER
    assert refusal.application.status == ApplicationStatus.REJECTED
    assert refusal.amount == 0
    assert refusal.reasons
    dismissal = Decision.objects.get(outcome=Outcome.DISMISS)
    assert dismissal.application.title == VN_DISMISSED
    assert dismissal.level == DecisionLevel.OFFICER
    assert dismissal.application.formal_check.outcome == CheckOutcome.FAILED
    assert dismissal.application.status == ApplicationStatus.DISMISSED

    # Grants are committed against this year's appropriation, within it.
    grants = Decision.objects.filter(
        outcome__in=[Outcome.GRANT, Outcome.GRANT_WITH_CONDITIONS]
    )
    assert grants.count() == 3
    total = grants.aggregate(total=Sum("amount"))["total"]
    appropriation = Appropriation.objects.get(
        pk=grants.values_list("appropriation", flat=True).distinct().get()
    )
    assert appropriation.committed == total <= appropriation.amount
    assert appropriation.year == timezone.localdate().year

    # Only Västernorrland decides; applications in assessment stay undecided for the
    # ranking and decision pages, in every region.
    assert set(Decision.objects.values_list("region__slug", flat=True)) == {
        "vasternorrland"
    }
    for each in Region.objects.all():
        assert (
            Application.objects.filter(
                region=each, status=ApplicationStatus.IN_ASSESSMENT
            ).count()
            >= 2
        )

    # A second run changes nothing.
    load_demo()
    assert counts() == first


def test_the_demo_shows_the_four_eyes_rule(demo):
    """The officer who assessed an undecided application may not grant it alone
    above the threshold, although the amount is within her delegation."""
    application = Application.objects.get(title="Digital gästresa längs Höga Kusten")
    officer = application.officer
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            application=application,
            by=officer,
            data={"outcome": Outcome.GRANT, "amount": 150_000_00, "reasons": "Ja."},
        )
    assert "four-eyes" in str(refused.value)
    assert not Decision.objects.filter(application=application).exists()


def test_lapse_conditions_lapses_the_overdue_cofunding_condition(demo):
    condition = Condition.objects.get()
    output = io.StringIO()
    call_command("lapse_conditions", stdout=output)
    assert output.getvalue().strip() == "0 conditions lapsed."
    condition.refresh_from_db()
    assert condition.status == ConditionStatus.OPEN

    after = condition.deadline + datetime.timedelta(days=1)
    output = io.StringIO()
    call_command("lapse_conditions", "--today", after.isoformat(), stdout=output)
    assert output.getvalue().strip() == "1 condition lapsed."
    condition.refresh_from_db()
    assert condition.status == ConditionStatus.LAPSED
    assert condition.resolved_at is not None
    assert condition.note

    output = io.StringIO()
    call_command("lapse_conditions", "--today", after.isoformat(), stdout=output)
    assert output.getvalue().strip() == "0 conditions lapsed."


def test_lapse_conditions_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("lapse_conditions", "--today", "31/12/2026")

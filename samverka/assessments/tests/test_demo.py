"""The assessments demo: every loader run in order, as `manage.py load_demo` does."""

import io

import pytest
from django.utils import translation
from django.utils.module_loading import autodiscover_modules

from samverka.accounts.choices import RoleCode
from samverka.accounts.models import RoleAssignment, User
from samverka.applications.choices import ApplicationStatus, Stage
from samverka.applications.models import Application
from samverka.applications.tests.test_demo import (  # noqa: F401  (fixtures)
    geography,
    quick_printouts,
)
from samverka.assessments.choices import (
    AssignmentStatus,
    CheckOutcome,
    ConflictHandling,
    ConflictSource,
    ConflictStatus,
    DnshResult,
    Effect,
)
from samverka.assessments.demo import PLANS, VN_DISMISSED, VN_EU
from samverka.assessments.models import (
    Assignment,
    FormalCheck,
    GoalConflict,
    Recommendation,
    Score,
    SustainabilityAssessment,
)
from samverka.core.demo import DEMO_PASSWORD, loaders
from samverka.core.models import AuditEntry
from samverka.records.models import Case

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    autodiscover_modules("demo")
    output = io.StringIO()
    context: dict = {}
    with translation.override("en"):
        for loader in loaders():
            loader.function(context=context, stdout=output)
    return output.getvalue()


def counts():
    return [
        model.objects.count()
        for model in (
            Application,
            Assignment,
            Score,
            FormalCheck,
            SustainabilityAssessment,
            GoalConflict,
            Recommendation,
            Case,
            AuditEntry,
        )
    ]


@pytest.mark.usefixtures("geography", "quick_printouts")
def test_the_demo_assesses_the_applications_in_assessment():
    output = load_demo()
    assert "Demo assessments:" in output
    first = counts()

    # The demo assessors: the assessor role in their region, the demo password.
    greta = User.objects.get(email="assessor-2@vasternorrland.example.org")
    assert greta.full_name == "Greta Granskare"
    assert greta.check_password(DEMO_PASSWORD)
    assert RoleAssignment.objects.filter(
        user=greta, region__slug="vasternorrland", role=RoleCode.ASSESSOR
    ).exists()
    for slug in ("vasternorrland", "jamtland-harjedalen", "sjaelland"):
        assert (
            RoleAssignment.objects.filter(
                region__slug=slug, role=RoleCode.ASSESSOR
            ).count()
            >= 2
        )

    # Every planned application that passed the check has two assessors (a third
    # where one stepped aside), and submitted scores on every criterion.
    planned = [plan.title for plans in PLANS.values() for plan in plans]
    assessed = Application.objects.filter(
        title__in=planned, formal_check__outcome=CheckOutcome.PASSED
    )
    assert assessed.count() == len(planned) - 1 >= 10
    for application in assessed:
        open_or_done = application.assignments.exclude(status=AssignmentStatus.CONFLICT)
        assert open_or_done.count() == 2, application.title
        submitted = application.assignments.filter(status=AssignmentStatus.SUBMITTED)
        assert submitted.exists(), application.title
        criteria = application.call.criteria.count()
        for assignment in submitted:
            assert assignment.declared_at is not None
            assert assignment.submitted_at is not None
            values = list(assignment.scores.values_list("value", flat=True))
            assert len(values) == criteria
            assert None not in values
        assert FormalCheck.objects.get(application=application).items.count() == 7
    # In each region.
    assert set(assessed.values_list("region__slug", flat=True)) == set(PLANS)

    # One assessor declared a conflict of interest and was replaced.
    conflict = Assignment.objects.get(status=AssignmentStatus.CONFLICT)
    assert conflict.assessor == greta
    assert "Sundsvalls kommun" in conflict.conflict_description
    assert conflict.scores.count() == 0
    assert (
        conflict.application.assignments.filter(
            status=AssignmentStatus.SUBMITTED
        ).count()
        == 2
    )
    # Work left for the assessors' pages: one not yet declared, one scored in draft.
    assert Assignment.objects.filter(
        status=AssignmentStatus.AWAITING_DECLARATION
    ).exists()
    draft = Assignment.objects.get(status=AssignmentStatus.ACTIVE)
    assert draft.scores.exclude(value=None).exists()

    # The failed formal check, with its reasons (the decisions demo dismisses it).
    failed = Application.objects.get(title=VN_DISMISSED)
    assert failed.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.DISMISSED)
    check = failed.formal_check
    assert check.outcome == CheckOutcome.FAILED
    not_met = check.items.filter(passed=False)
    assert set(not_met.values_list("code", flat=True)) == {
        "eligible_applicant",
        "state_aid",
    }
    assert all(item.reason for item in not_met)

    # Sustainability: negative ratings with evidence; the EU-financed project has
    # answered the "do no significant harm" check with a risk.
    negative = SustainabilityAssessment.objects.filter(
        ratings__effect=Effect.NEGATIVE
    ).distinct()
    assert negative.count() >= 3
    eu = Application.objects.get(title=VN_EU)
    assert eu.fund.is_eu
    assert eu.stage == Stage.FULL
    assert eu.status == ApplicationStatus.IN_ASSESSMENT
    assert eu.submissions.count() == 2  # the concept, then the full application
    assessment = eu.sustainability_assessment
    assert assessment.completed_at is not None
    assert assessment.dnsh.count() == 6
    assert assessment.dnsh.get(result=DnshResult.RISK).objective == "water"
    assert assessment.sdg_effects.count() == 2

    # Goal conflicts: proposed from the strategy's interactions, the ratings and
    # the DNSH risk, and weighed every way.
    interaction = GoalConflict.objects.get(
        source=ConflictSource.INTERACTION,
        region__slug="jamtland-harjedalen",
        other_goal__code="3.1",
    )
    assert interaction.interaction.score < 0
    assert interaction.status == ConflictStatus.CONFIRMED
    assert interaction.handling == ConflictHandling.MITIGATED
    # In Västernorrland the tourism project's visitors against lower emissions is on
    # the table, waiting for the officer.
    tourism = GoalConflict.objects.filter(
        source=ConflictSource.INTERACTION, region__slug="vasternorrland"
    )
    assert {(c.goal.code, c.other_goal.code, c.status) for c in tourism} >= {
        ("1.2", "4.1", ConflictStatus.PROPOSED)
    }
    trade_off = GoalConflict.objects.get(handling=ConflictHandling.TRADE_OFF)
    assert "väger tyngre" in trade_off.handling_text
    dismissed = GoalConflict.objects.get(status=ConflictStatus.DISMISSED)
    assert dismissed.description
    assert dismissed.weighed_by is not None
    condition = GoalConflict.objects.get(handling=ConflictHandling.CONDITION)
    assert condition.source == ConflictSource.DNSH
    assert GoalConflict.objects.filter(handling=ConflictHandling.MITIGATED).count() == 2
    # Left for the officers: the tourism projects' tensions with the climate goals
    # and one negative rating.
    assert {
        c.subject for c in GoalConflict.objects.filter(status=ConflictStatus.PROPOSED)
    } == {
        "1.2 Fler besökare året runt mot 2.1 Fossilfritt län 2030",
        "1.2 Hållbar besöksnäring mot 4.1 Minskade utsläpp av växthusgaser",
        "Negativ effekt på miljö och klimat",
    }
    for weighed in GoalConflict.objects.exclude(status=ConflictStatus.PROPOSED):
        assert weighed.weighed_at is not None

    # Recommendations: every outcome, amounts within what was applied for.
    outcomes = set(Recommendation.objects.values_list("outcome", flat=True))
    assert outcomes == {"grant", "grant_with_conditions", "reject"}
    for recommendation in Recommendation.objects.select_related("application"):
        assert recommendation.text
        assert recommendation.amount <= recommendation.application.amount_requested
        assert recommendation.written_by is not None

    # A second run changes nothing.
    load_demo()
    assert counts() == first

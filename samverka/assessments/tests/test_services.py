"""The assessment services: assigning, declaring, scoring, spreading, the formal
check and the recommendation."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samverka.accounts.tests.factories import staff_user
from samverka.applications.choices import ApplicationStatus
from samverka.applications.tests.factories import ApplicationFactory
from samverka.assessments import policies, selectors, services
from samverka.assessments.choices import (
    AssignmentStatus,
    CheckItem,
    CheckOutcome,
    RecommendedOutcome,
)
from samverka.assessments.models import Assignment, Recommendation, Score
from samverka.core.errors import STALE_EDIT
from samverka.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def assign(application, assessor, by):
    return services.assignment_add(application=application, assessor=assessor, by=by)


def declared(application, assessor, by):
    assignment = assign(application, assessor, by)
    return services.declare(assignment=assignment, by=assessor, has_conflict=False)


def error_dict(excinfo):
    return {
        key: [str(m) for m in msgs] for key, msgs in excinfo.value.message_dict.items()
    }


def submitted_in(call, n):
    """`n` more submitted applications in `call`."""
    moment = timezone.now() - datetime.timedelta(days=1)
    return [
        ApplicationFactory(
            call=call,
            status=ApplicationStatus.SUBMITTED,
            submitted_at=moment,
            last_submitted_at=moment,
        )
        for _ in range(n)
    ]


# Assigning ---------------------------------------------------------------------------


def test_an_officer_assigns_an_assessor_who_is_told(
    in_assessment, officer, assessor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assignment = assign(in_assessment, assessor, officer)
    assert assignment.status == AssignmentStatus.AWAITING_DECLARATION
    assert assignment.assigned_by == officer
    assert assignment.region == in_assessment.region
    assert AuditEntry.objects.filter(
        action="assessments.assign", actor=officer, object_id=str(in_assessment.pk)
    ).exists()
    assert [m.to for m in mail.outbox] == [[assessor.email]]


def test_assigning_someone_who_is_not_an_assessor_is_refused(
    in_assessment, officer, decision_maker
):
    with pytest.raises(ValidationError) as excinfo:
        assign(in_assessment, decision_maker, officer)
    assert "assessor" in error_dict(excinfo)
    assert not Assignment.objects.exists()


def test_an_assessor_may_not_assign(in_assessment, assessor, second_assessor):
    with pytest.raises(PermissionDenied):
        assign(in_assessment, second_assessor, assessor)


def test_assigning_twice_is_refused(in_assessment, officer, assessor):
    assign(in_assessment, assessor, officer)
    with pytest.raises(ValidationError) as excinfo:
        assign(in_assessment, assessor, officer)
    assert "already assigned" in error_dict(excinfo)["assessor"][0]


# Declaring ---------------------------------------------------------------------------


def test_a_declared_conflict_ends_the_assignment_and_stays_on_record(
    in_assessment, officer, assessor
):
    assignment = assign(in_assessment, assessor, officer)
    services.declare(
        assignment=assignment,
        by=assessor,
        has_conflict=True,
        description="Min bror är VD för sökanden.",
    )
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CONFLICT
    assert assignment.conflict_description == "Min bror är VD för sökanden."
    assert assignment.ended_at is not None
    assert not policies.can_see_content(assessor, assignment)
    # They cannot be assigned to it again, one by one or by spreading.
    with pytest.raises(ValidationError) as excinfo:
        assign(in_assessment, assessor, officer)
    assert "conflict of interest" in error_dict(excinfo)["assessor"][0]
    made = services.assignments_spread(
        applications=[in_assessment], pool=[assessor], per_application=1, by=officer
    )
    assert made == []
    assert Assignment.objects.filter(assessor=assessor).count() == 1


def test_a_conflict_needs_a_description(in_assessment, officer, assessor):
    assignment = assign(in_assessment, assessor, officer)
    with pytest.raises(ValidationError) as excinfo:
        services.declare(
            assignment=assignment, by=assessor, has_conflict=True, description=" "
        )
    assert "description" in error_dict(excinfo)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.AWAITING_DECLARATION


def test_no_conflict_opens_the_content(in_assessment, officer, assessor):
    assignment = assign(in_assessment, assessor, officer)
    assert not policies.can_see_content(assessor, assignment)
    assignment = services.declare(
        assignment=assignment, by=assessor, has_conflict=False
    )
    assert assignment.status == AssignmentStatus.ACTIVE
    assert policies.can_see_content(assessor, assignment)


# Scoring -----------------------------------------------------------------------------


def test_scores_outside_the_scale_are_refused_at_their_fields(
    in_assessment, officer, assessor, criteria
):
    relevance, feasibility = criteria
    assignment = declared(in_assessment, assessor, officer)
    with pytest.raises(ValidationError) as excinfo:
        services.scores_save(
            assignment=assignment,
            by=assessor,
            values={relevance.pk: (6, "Mycket bra"), feasibility.pk: (0, "Svagt")},
            revision=assignment.revision,
        )
    errors = error_dict(excinfo)
    assert errors[f"score_{relevance.pk}"] == ["Give a score from 0 to 5."]
    assert errors[f"score_{feasibility.pk}"] == ["Give a score from 1 to 10."]
    assert not Score.objects.exists()


def test_a_stale_save_is_refused_and_loses_nothing(
    in_assessment, officer, assessor, criteria
):
    relevance, _feasibility = criteria
    assignment = declared(in_assessment, assessor, officer)
    read = assignment.revision
    services.scores_save(
        assignment=assignment,
        by=assessor,
        values={relevance.pk: (4, "Första fliken")},
        revision=read,
    )
    with pytest.raises(ValidationError) as excinfo:
        services.scores_save(
            assignment=assignment,
            by=assessor,
            values={relevance.pk: (2, "Andra fliken")},
            revision=read,
        )
    assert excinfo.value.code == STALE_EDIT
    score = Score.objects.get(assignment=assignment, criterion=relevance)
    assert (score.value, score.comment) == (4, "Första fliken")


def test_submitting_needs_every_criterion(in_assessment, officer, assessor, criteria):
    relevance, feasibility = criteria
    assignment = declared(in_assessment, assessor, officer)
    assignment = services.scores_save(
        assignment=assignment, by=assessor, values={relevance.pk: (4, "")}
    )
    with pytest.raises(ValidationError) as excinfo:
        services.scores_submit(
            assignment=assignment, by=assessor, revision=assignment.revision
        )
    assert set(error_dict(excinfo)) == {f"score_{feasibility.pk}"}
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE
    assignment = services.scores_save(
        assignment=assignment,
        by=assessor,
        values={relevance.pk: (4, ""), feasibility.pk: (7, "")},
    )
    services.scores_submit(assignment=assignment, by=assessor)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED
    assert assignment.submitted_at is not None


def test_others_scores_are_hidden_until_the_own_are_submitted(
    in_assessment, officer, assessor, second_assessor, decision_maker, criteria
):
    relevance, feasibility = criteria
    values = {relevance.pk: (5, ""), feasibility.pk: (10, "")}
    first = declared(in_assessment, assessor, officer)
    second = declared(in_assessment, second_assessor, officer)
    second = services.scores_save(assignment=second, by=second_assessor, values=values)
    services.scores_submit(assignment=second, by=second_assessor)

    assert not policies.can_see_other_scores(assessor, in_assessment)
    # Those who lead or decide, and do not assess, see them.
    assert policies.can_see_other_scores(officer, in_assessment)
    assert policies.can_see_other_scores(decision_maker, in_assessment)

    first = services.scores_save(assignment=first, by=assessor, values=values)
    services.scores_submit(assignment=first, by=assessor)
    assert policies.can_see_other_scores(assessor, in_assessment)
    combined = selectors.combined_scores([in_assessment.pk])[in_assessment.pk]
    assert combined.percent == 100
    assert combined.assessors == 2


def test_scores_cannot_change_after_submitting(
    in_assessment, officer, assessor, criteria
):
    relevance, feasibility = criteria
    assignment = declared(in_assessment, assessor, officer)
    assignment = services.scores_save(
        assignment=assignment,
        by=assessor,
        values={relevance.pk: (3, ""), feasibility.pk: (3, "")},
    )
    services.scores_submit(assignment=assignment, by=assessor)
    assignment.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.scores_save(
            assignment=assignment, by=assessor, values={relevance.pk: (5, "")}
        )


# Spreading ---------------------------------------------------------------------------


def test_spreading_evenly_over_a_pool(
    submitted, call, officer, assessor, second_assessor
):
    applications = [submitted, *submitted_in(call, 2)]
    made = services.assignments_spread(
        applications=applications,
        pool=[assessor, second_assessor],
        per_application=1,
        by=officer,
    )
    assert len(made) == 3
    loads = services.pool_load(submitted.region, [assessor, second_assessor])
    assert sorted(loads.values()) == [1, 2]
    # Each application got exactly one assessor.
    for application in applications:
        assert application.assignments.count() == 1

    # Asking for two each tops up with the other person, never the same one twice.
    more = services.assignments_spread(
        applications=applications,
        pool=[assessor, second_assessor],
        per_application=2,
        by=officer,
    )
    assert len(more) == 3
    for application in applications:
        people = list(application.assignments.values_list("assessor_id", flat=True))
        assert sorted(people) == sorted([assessor.pk, second_assessor.pk])
    assert services.pool_load(submitted.region, [assessor, second_assessor]) == {
        assessor.pk: 3,
        second_assessor.pk: 3,
    }
    # Nothing more to do.
    assert (
        services.assignments_spread(
            applications=applications,
            pool=[assessor, second_assessor],
            per_application=2,
            by=officer,
        )
        == []
    )


def test_spreading_over_someone_who_is_not_an_assessor_is_refused(
    submitted, officer, assessor, decision_maker
):
    with pytest.raises(ValidationError) as excinfo:
        services.assignments_spread(
            applications=[submitted],
            pool=[assessor, decision_maker],
            per_application=1,
            by=officer,
        )
    assert "pool" in error_dict(excinfo)
    assert not Assignment.objects.exists()


# Formal check ------------------------------------------------------------------------


def all_met():
    return dict.fromkeys(CheckItem.values, (True, ""))


def test_a_formal_check_with_everything_met_moves_the_application_on(
    submitted, officer
):
    assert submitted.status == ApplicationStatus.SUBMITTED
    check = services.formal_check_record(
        application=submitted, by=officer, items=all_met(), revision=1
    )
    assert check.outcome == CheckOutcome.PASSED
    assert check.items.count() == len(CheckItem.values)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.IN_ASSESSMENT


def test_a_requirement_not_met_needs_a_reason(submitted, officer):
    items = all_met()
    items[CheckItem.STATE_AID] = (False, "")
    del items[CheckItem.COMPLETE]
    with pytest.raises(ValidationError) as excinfo:
        services.formal_check_record(application=submitted, by=officer, items=items)
    assert set(error_dict(excinfo)) == {
        f"reason_{CheckItem.STATE_AID}",
        f"item_{CheckItem.COMPLETE}",
    }
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.SUBMITTED


def test_a_failed_check_keeps_the_application_where_it_is(submitted, officer):
    items = all_met()
    items[CheckItem.ELIGIBLE_AREA] = (False, "Projektet sker i Norge.")
    check = services.formal_check_record(application=submitted, by=officer, items=items)
    assert check.outcome == CheckOutcome.FAILED
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.SUBMITTED


def test_the_proposal_reads_the_application(submitted):
    proposal = selectors.check_proposal(submitted)
    assert set(proposal) == set(CheckItem.values)
    assert proposal[CheckItem.WITHIN_PERIOD] == (True, "")


# Recommendation ----------------------------------------------------------------------


def test_a_grant_above_what_was_applied_for_is_refused(in_assessment, officer):
    with pytest.raises(ValidationError) as excinfo:
        services.recommendation_save(
            application=in_assessment,
            by=officer,
            data={
                "outcome": RecommendedOutcome.GRANT,
                "amount": in_assessment.amount_requested + 1,
                "text": "Bra projekt.",
            },
        )
    assert "amount" in error_dict(excinfo)
    assert not Recommendation.objects.exists()


def test_a_recommendation_is_saved_and_guarded_against_stale_edits(
    in_assessment, officer
):
    data = {
        "outcome": RecommendedOutcome.GRANT_WITH_CONDITIONS,
        "amount": 400_000_00,
        "text": "Bra projekt.",
        "conditions": "Redovisa deltagarantal.",
    }
    saved = services.recommendation_save(
        application=in_assessment, by=officer, data=data
    )
    assert (saved.amount, saved.revision) == (400_000_00, 2)
    with pytest.raises(ValidationError) as excinfo:
        services.recommendation_save(
            application=in_assessment,
            by=staff_user(in_assessment.region, "officer"),
            data={**data, "amount": 300_000_00},
            revision=1,
        )
    assert excinfo.value.code == STALE_EDIT
    saved.refresh_from_db()
    assert saved.amount == 400_000_00

"""The assessments API: assessors declare, score and submit; leads assign, check,
assure, weigh and recommend; the ranking of a call. Scope, bad input and stale
revisions."""

import pytest
from rest_framework.test import APIClient

from samverka.accounts.tests.factories import UserFactory, staff_user
from samverka.applications.choices import ApplicationStatus
from samverka.applications.tests.factories import ApplicationFactory
from samverka.assessments import services
from samverka.assessments.choices import (
    AssignmentStatus,
    CheckItem,
    CheckOutcome,
    ConflictSource,
    ConflictStatus,
)
from samverka.assessments.models import Assignment, GoalConflict, Score
from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.strategy.tests.factories import sdg_target

pytestmark = pytest.mark.django_db

ASSIGNMENTS = "/api/v1/assessments/assignments/"
APPLICATIONS = "/api/v1/assessments/applications/"
CONFLICTS = "/api/v1/assessments/conflicts/"
CALLS = "/api/v1/assessments/calls/"


def api(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def ok(response, code: int = 200):
    assert response.status_code == code, response.content
    return response.json()


def assignment_url(assignment, suffix: str = "") -> str:
    return f"{ASSIGNMENTS}{assignment.pk}/{suffix}"


def assessment_url(application, suffix: str = "") -> str:
    return f"{APPLICATIONS}{application.pk}/{suffix}"


@pytest.fixture
def no_role():
    return UserFactory(full_name="Nora Nollroll")


@pytest.fixture
def assignment(in_assessment, officer, assessor):
    return services.assignment_add(
        application=in_assessment, assessor=assessor, by=officer
    )


@pytest.fixture
def active(assignment, assessor):
    return services.declare(assignment=assignment, by=assessor, has_conflict=False)


def score(assignment, by, criteria, first, second):
    services.scores_save(
        assignment=assignment,
        by=by,
        values={criteria[0].pk: (first, ""), criteria[1].pk: (second, "")},
    )
    return services.scores_submit(assignment=assignment, by=by)


def all_passed() -> dict:
    return {code: {"passed": True, "reason": ""} for code in CheckItem.values}


# Assignments ---------------------------------------------------------------------------


class AssignmentScopeTests:
    def test_access(self, assignment, assessor, no_role, outsider):
        result = assert_access(
            assignment_url(assignment),
            permitted=assessor,
            no_role=no_role,
            other_region=outsider,
            api=True,
            expect=200,
        )
        body = result.response.json()
        assert body["assessor"] == assessor.pk
        assert body["status"] == AssignmentStatus.AWAITING_DECLARATION
        assert body["title"] == "Digital besöksnäring"
        assert [c["name"] for c in body["criteria"]] == ["Relevans", "Genomförbarhet"]
        assert result.response["ETag"] == f'"{body["revision"]}"'

    def test_list_shows_own_and_the_leads_everything_but_not_others_scores(
        self, active, assessor, second_assessor, officer, criteria
    ):
        other = services.assignment_add(
            application=active.application, assessor=second_assessor, by=officer
        )
        services.declare(assignment=other, by=second_assessor, has_conflict=False)
        services.scores_save(
            assignment=active,
            by=assessor,
            values={criteria[0].pk: (4, "Bra")},
            comment="Min kommentar",
        )

        mine = ok(api(assessor).get(ASSIGNMENTS))["results"]
        assert [row["id"] for row in mine] == [active.pk]
        assert mine[0]["scores"][0]["value"] == 4
        assert mine[0]["comment"] == "Min kommentar"

        theirs = ok(api(second_assessor).get(ASSIGNMENTS))["results"]
        assert [row["id"] for row in theirs] == [other.pk]
        assert ok(api(second_assessor).get(assignment_url(active)), 404)

        lead = ok(api(officer).get(ASSIGNMENTS))["results"]
        assert {row["id"] for row in lead} == {active.pk, other.pk}
        assert all(row["scores"] is None for row in lead)
        assert all(row["comment"] is None for row in lead)

        filtered = ok(api(officer).get(ASSIGNMENTS, {"status": "active", "mine": 1}))
        assert filtered["results"] == []

    def test_list_query_count_does_not_grow_with_rows(
        self, region, call, criteria, officer, assessor, django_assert_max_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def add(n):
            for _ in range(n):
                application = ApplicationFactory(
                    call=call, region=region, status=ApplicationStatus.IN_ASSESSMENT
                )
                Assignment.objects.create(application=application, assessor=assessor)

        add(2)
        client = api(assessor)
        with CaptureQueriesContext(connection) as few:
            assert len(ok(client.get(ASSIGNMENTS))["results"]) == 2
        add(4)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert len(ok(client.get(ASSIGNMENTS))["results"]) == 6


class DeclareTests:
    def test_no_conflict_opens_the_assignment(self, assignment, assessor):
        body = ok(
            api(assessor).post(
                assignment_url(assignment, "declare/"),
                {"has_conflict": False},
                format="json",
            )
        )
        assert body["status"] == AssignmentStatus.ACTIVE
        assert body["declared_at"]
        assert AuditEntry.objects.filter(
            action="assessments.declare", actor=assessor
        ).exists()

    def test_a_conflict_needs_its_description(self, assignment, assessor):
        body = ok(
            api(assessor).post(
                assignment_url(assignment, "declare/"),
                {"has_conflict": True, "description": "  "},
                format="json",
            ),
            400,
        )
        assert "Say what the conflict of interest is" in body["description"][0]
        assignment.refresh_from_db()
        assert assignment.status == AssignmentStatus.AWAITING_DECLARATION

        body = ok(
            api(assessor).post(
                assignment_url(assignment, "declare/"),
                {"has_conflict": True, "description": "Min bror driver bolaget."},
                format="json",
            )
        )
        assert body["status"] == AssignmentStatus.CONFLICT
        assert body["conflict_description"] == "Min bror driver bolaget."

    def test_someone_elses_assignment_is_refused(self, assignment, officer):
        response = api(officer).post(
            assignment_url(assignment, "declare/"),
            {"has_conflict": False},
            format="json",
        )
        assert response.status_code == 403
        assignment.refresh_from_db()
        assert assignment.status == AssignmentStatus.AWAITING_DECLARATION


class ScoringTests:
    def test_save_and_submit(self, active, assessor, criteria):
        client = api(assessor)
        read = client.get(assignment_url(active))
        revision = read.json()["revision"]
        body = ok(
            client.put(
                assignment_url(active, "scores/"),
                {
                    "scores": [
                        {"criterion": criteria[0].pk, "value": 4, "comment": "Bra"},
                        {"criterion": criteria[1].pk, "value": 7},
                    ],
                    "comment": "Sammantaget bra.",
                },
                format="json",
                HTTP_IF_MATCH=read["ETag"],
            )
        )
        assert body["revision"] == revision + 1
        assert {(s["criterion"], s["value"], s["comment"]) for s in body["scores"]} == {
            (criteria[0].pk, 4, "Bra"),
            (criteria[1].pk, 7, ""),
        }
        assert body["comment"] == "Sammantaget bra."

        body = ok(
            client.post(
                assignment_url(active, "submit/"),
                {"revision": body["revision"]},
                format="json",
            )
        )
        assert body["status"] == AssignmentStatus.SUBMITTED
        assert body["submitted_at"]

        response = client.put(
            assignment_url(active, "scores/"),
            {"scores": [{"criterion": criteria[0].pk, "value": 1}]},
            format="json",
        )
        assert response.status_code == 403
        assert "can no longer change" in response.json()["detail"]
        assert Score.objects.get(assignment=active, criterion=criteria[0]).value == 4

    def test_a_score_out_of_scale_is_refused_at_its_line(
        self, active, assessor, criteria
    ):
        body = ok(
            api(assessor).put(
                assignment_url(active, "scores/"),
                {
                    "scores": [
                        {"criterion": criteria[1].pk, "value": 5},
                        {"criterion": criteria[0].pk, "value": 9},
                    ]
                },
                format="json",
            ),
            400,
        )
        assert body == {"scores": {"1": {"value": ["Give a score from 0 to 5."]}}}
        assert not Score.objects.filter(assignment=active).exists()

    def test_a_criterion_of_another_call_is_refused(self, active, assessor, criteria):
        from samverka.funding.tests.factories import CriterionFactory

        stranger = CriterionFactory()
        body = ok(
            api(assessor).put(
                assignment_url(active, "scores/"),
                {"scores": [{"criterion": stranger.pk, "value": 1}]},
                format="json",
            ),
            400,
        )
        assert "not one of the call's criteria" in body["scores"]["0"]["criterion"][0]

    def test_submit_without_every_score_names_the_criteria(
        self, active, assessor, criteria
    ):
        services.scores_save(
            assignment=active, by=assessor, values={criteria[0].pk: (3, "")}
        )
        body = ok(api(assessor).post(assignment_url(active, "submit/")), 400)
        assert body == {
            "criteria": {
                str(criteria[1].pk): ["Score this criterion before you submit."]
            }
        }
        active.refresh_from_db()
        assert active.status == AssignmentStatus.ACTIVE

    def test_stale_if_match_is_refused_and_nothing_is_lost(
        self, active, assessor, criteria
    ):
        client = api(assessor)
        stale = client.get(assignment_url(active))["ETag"]
        # Saved in another tab in between.
        services.scores_save(
            assignment=active, by=assessor, values={criteria[0].pk: (2, "Först")}
        )
        active.refresh_from_db()

        response = client.put(
            assignment_url(active, "scores/"),
            {"scores": [{"criterion": criteria[0].pk, "value": 5, "comment": "Sen"}]},
            format="json",
            HTTP_IF_MATCH=stale,
        )
        assert response.status_code == 412
        body = response.json()
        assert body["code"] == "stale_edit"
        assert body["revision"] == active.revision
        assert "Nothing was saved" in body["detail"]
        assert body["current"]["scores"][0]["value"] == 2
        assert response["ETag"] == f'"{active.revision}"'
        stored = Score.objects.get(assignment=active, criterion=criteria[0])
        assert (stored.value, stored.comment) == (2, "Först")

        # The same refusal with the revision in the body is 409.
        response = client.put(
            assignment_url(active, "scores/"),
            {
                "scores": [{"criterion": criteria[0].pk, "value": 5}],
                "revision": active.revision - 1,
            },
            format="json",
        )
        assert response.status_code == 409
        assert Score.objects.get(assignment=active, criterion=criteria[0]).value == 2

    def test_a_malformed_if_match_is_refused(self, active, assessor, criteria):
        body = ok(
            api(assessor).put(
                assignment_url(active, "scores/"),
                {"scores": []},
                format="json",
                HTTP_IF_MATCH='"abc"',
            ),
            400,
        )
        assert "revision" in body

    def test_only_the_assessor_scores(self, active, officer, criteria):
        response = api(officer).put(
            assignment_url(active, "scores/"),
            {"scores": [{"criterion": criteria[0].pk, "value": 3}]},
            format="json",
        )
        assert response.status_code == 403
        assert not Score.objects.exists()


# The whole assessment --------------------------------------------------------------------


class AssessmentReadTests:
    def test_access(self, in_assessment, officer, no_role, outsider, assessor):
        result = assert_access(
            assessment_url(in_assessment),
            permitted=officer,
            no_role=no_role,
            other_region=outsider,
            api=True,
            expect=200,
        )
        body = result.response.json()
        assert body["application"] == in_assessment.pk
        assert body["currency"] == "SEK"
        assert body["can_change"] is True
        assert body["formal_check"] is None
        assert body["recommendation"] is None
        assert body["sustainability"]["revision"] is None
        assert "social" in body["sustainability"]["aspects"]
        # An assessor without a reading role does not read whole assessments.
        assert api(assessor).get(assessment_url(in_assessment)).status_code == 404

    def test_scores_are_shown_to_leads_and_hidden_from_an_assessor_still_scoring(
        self, active, assessor, second_assessor, officer, decision_maker, criteria
    ):
        score(active, assessor, criteria, 5, 10)
        # The second assessor is also a case officer: they read whole assessments,
        # but not the others' scores while their own are open.
        from samverka.accounts.tests.factories import RoleAssignmentFactory

        RoleAssignmentFactory(
            user=second_assessor, region=active.region, role="officer"
        )
        other = services.assignment_add(
            application=active.application, assessor=second_assessor, by=officer
        )
        services.declare(assignment=other, by=second_assessor, has_conflict=False)

        for reader in (officer, decision_maker):
            body = ok(api(reader).get(assessment_url(active.application)))
            assert body["can_see_scores"] is True
            assert body["combined"]["percent"] == 100.0
            assert body["combined"]["assessors"] == 1
            rows = {row["assessor"]: row for row in body["assignments"]}
            assert [s["value"] for s in rows[assessor.pk]["scores"]] == [5, 10]
            assert rows[assessor.pk]["combined_percent"] == 100.0
        assert (
            ok(api(decision_maker).get(assessment_url(active.application)))[
                "can_change"
            ]
            is False
        )

        body = ok(api(second_assessor).get(assessment_url(active.application)))
        assert body["can_see_scores"] is False
        assert body["combined"] is None
        rows = {row["assessor"]: row for row in body["assignments"]}
        assert rows[assessor.pk]["scores"] is None
        assert rows[second_assessor.pk]["scores"] == []


class AssignTests:
    def test_the_lead_assigns(
        self, in_assessment, officer, assessor, no_role, outsider
    ):
        result = assert_access(
            assessment_url(in_assessment, "assign/"),
            permitted=officer,
            no_role=no_role,
            other_region=outsider,
            method="post",
            api=True,
            data={"assessor": assessor.pk},
            expect=201,
            audit_action="assessments.assign",
        )
        body = result.response.json()
        assert body["assessor"] == assessor.pk
        assert body["status"] == AssignmentStatus.AWAITING_DECLARATION

    def test_someone_who_cannot_assess_is_refused_at_the_field(
        self, in_assessment, officer, region, assessor
    ):
        strategist = staff_user(region, "strategist")
        body = ok(
            api(officer).post(
                assessment_url(in_assessment, "assign/"),
                {"assessor": strategist.pk},
                format="json",
            ),
            400,
        )
        assert body["assessor"] == [
            "Choose an assessor or a case officer of the region."
        ]
        services.assignment_add(
            application=in_assessment, assessor=assessor, by=officer
        )
        body = ok(
            api(officer).post(
                assessment_url(in_assessment, "assign/"),
                {"assessor": assessor.pk},
                format="json",
            ),
            400,
        )
        assert "already assigned" in body["assessor"][0]

    def test_a_decision_maker_reads_but_does_not_lead(
        self, in_assessment, decision_maker, assessor
    ):
        response = api(decision_maker).post(
            assessment_url(in_assessment, "assign/"),
            {"assessor": assessor.pk},
            format="json",
        )
        assert response.status_code == 403
        assert not Assignment.objects.exists()


class FormalCheckTests:
    def test_all_met_passes_and_a_submitted_application_moves_on(
        self, submitted, officer
    ):
        body = ok(
            api(officer).post(
                assessment_url(submitted, "formal-check/"),
                {"items": all_passed(), "note": "Allt i ordning."},
                format="json",
            )
        )
        assert body["formal_check"]["outcome"] == CheckOutcome.PASSED
        assert body["formal_check"]["note"] == "Allt i ordning."
        assert len(body["formal_check"]["items"]) == len(CheckItem.values)
        assert body["status"] == ApplicationStatus.IN_ASSESSMENT

    def test_errors_are_keyed_at_the_question(self, in_assessment, officer):
        items = all_passed()
        del items["complete"]
        items["financing"] = {"passed": False, "reason": ""}
        body = ok(
            api(officer).post(
                assessment_url(in_assessment, "formal-check/"),
                {"items": items},
                format="json",
            ),
            400,
        )
        assert body == {
            "items": {
                "complete": {"passed": ["Answer this question."]},
                "financing": {"reason": ["Say why the requirement is not met."]},
            }
        }
        bad = ok(
            api(officer).post(
                assessment_url(in_assessment, "formal-check/"),
                {"items": {**all_passed(), "colour": {"passed": True}}},
                format="json",
            ),
            400,
        )
        assert "colour" in bad["items"]

    def test_a_stale_revision_is_refused(self, in_assessment, officer):
        client = api(officer)
        first = ok(
            client.post(
                assessment_url(in_assessment, "formal-check/"),
                {"items": all_passed()},
                format="json",
            )
        )
        revision = first["formal_check"]["revision"]
        ok(
            client.post(
                assessment_url(in_assessment, "formal-check/"),
                {"items": all_passed(), "note": "Andra", "revision": revision},
                format="json",
            )
        )
        response = client.post(
            assessment_url(in_assessment, "formal-check/"),
            {"items": all_passed(), "note": "Tredje"},
            format="json",
            HTTP_IF_MATCH=f'"{revision}"',
        )
        assert response.status_code == 412
        body = response.json()
        assert body["revision"] == revision + 1
        assert body["current"]["formal_check"]["note"] == "Andra"


class RecommendationTests:
    def test_write_and_stale(self, in_assessment, officer):
        client = api(officer)
        body = ok(
            client.post(
                assessment_url(in_assessment, "recommendation/"),
                {
                    "outcome": "grant",
                    "amount": 400_000_00,
                    "text": "Väl underbyggt.",
                },
                format="json",
            )
        )
        recommendation = body["recommendation"]
        assert recommendation["amount"] == 400_000_00
        assert recommendation["currency"] == "SEK"
        assert recommendation["written_by"] == officer.pk

        response = client.post(
            assessment_url(in_assessment, "recommendation/"),
            {
                "outcome": "reject",
                "text": "Nej.",
                "revision": recommendation["revision"] + 5,
            },
            format="json",
        )
        assert response.status_code == 409
        in_assessment.recommendation.refresh_from_db()
        assert in_assessment.recommendation.outcome == "grant"

    def test_more_than_applied_for_is_refused_at_amount(self, in_assessment, officer):
        body = ok(
            api(officer).post(
                assessment_url(in_assessment, "recommendation/"),
                {"outcome": "grant", "amount": 600_000_00, "text": "Ja."},
                format="json",
            ),
            400,
        )
        assert "recommend at most that" in body["amount"][0]


class SustainabilityTests:
    def test_save_with_sdg_targets_proposes_conflicts(self, in_assessment, officer):
        sdg_target("9.5")
        sdg_target("8.9")
        body = ok(
            api(officer).post(
                assessment_url(in_assessment, "sustainability/"),
                {
                    "summary": "Övervägande positiv.",
                    "ratings": {
                        "social": {"effect": "positive"},
                        "ecological": {
                            "effect": "negative",
                            "evidence": "Fler flygresor.",
                        },
                    },
                    "sdg_effects": [
                        {"target": "9.5", "direction": "helps"},
                        {
                            "target": "8.9",
                            "direction": "may_harm",
                            "note": "Turism ökar trycket.",
                        },
                    ],
                },
                format="json",
            )
        )
        profile = body["sustainability"]
        assert profile["summary"] == "Övervägande positiv."
        assert {(r["aspect"], r["effect"]) for r in profile["ratings"]} == {
            ("social", "positive"),
            ("ecological", "negative"),
        }
        assert {(e["target"], e["direction"]) for e in profile["sdg_effects"]} == {
            ("9.5", "helps"),
            ("8.9", "may_harm"),
        }
        sources = {c["source"] for c in body["goal_conflicts"]}
        assert sources == {ConflictSource.SUSTAINABILITY, ConflictSource.SDG}

    def test_errors_are_keyed_where_sent(self, in_assessment, officer):
        sdg_target("8.9")
        body = ok(
            api(officer).post(
                assessment_url(in_assessment, "sustainability/"),
                {
                    "ratings": {"social": {"effect": "negative"}},
                    "sdg_effects": [{"target": "8.9", "direction": "may_harm"}],
                    "complete": True,
                },
                format="json",
            ),
            400,
        )
        assert body["ratings"]["social"]["evidence"] == [
            "Describe the evidence for a negative or uncertain effect."
        ]
        assert body["ratings"]["economic"]["effect"] == ["Rate this aspect."]
        assert body["sdg_effects"]["0"]["note"] == [
            "Say how the project may harm the target."
        ]
        assert body["summary"] == ["Sum up the assessment."]
        assert not GoalConflict.objects.exists()

        unknown = ok(
            api(officer).post(
                assessment_url(in_assessment, "sustainability/"),
                {"sdg_effects": [{"target": "99.9", "direction": "helps"}]},
                format="json",
            ),
            400,
        )
        assert "does not exist" in unknown["sdg_effects"]["0"]["target"][0]

    def test_propose_conflicts(self, in_assessment, officer):
        services.sustainability_save(
            application=in_assessment,
            by=officer,
            summary="",
            ratings={"social": ("negative", "Färre jobb.")},
        )
        GoalConflict.objects.all().delete()
        body = ok(
            api(officer).post(assessment_url(in_assessment, "propose-conflicts/"))
        )
        assert [c["key"] for c in body["goal_conflicts"]] == ["aspect:social"]

    def test_add_a_conflict(self, in_assessment, officer):
        response = api(officer).post(
            assessment_url(in_assessment, "conflicts/"),
            {"subject": "Fler besökare mot lägre utsläpp"},
            format="json",
        )
        body = ok(response, 201)
        assert body["source"] == ConflictSource.MANUAL
        assert body["status"] == ConflictStatus.PROPOSED
        blank = ok(
            api(officer).post(
                assessment_url(in_assessment, "conflicts/"),
                {"subject": ""},
                format="json",
            ),
            400,
        )
        assert blank["subject"] == ["Say what conflicts with what."]


# Goal conflicts ---------------------------------------------------------------------------


@pytest.fixture
def conflict(in_assessment, officer):
    return services.goal_conflict_add(
        application=in_assessment, by=officer, subject="Fler besökare mot utsläpp"
    )


class ConflictWeighTests:
    def test_access_and_weigh(self, conflict, officer, no_role, outsider):
        read = assert_access(
            f"{CONFLICTS}{conflict.pk}/",
            permitted=officer,
            no_role=no_role,
            other_region=outsider,
            api=True,
            expect=200,
        ).response
        assert read.json()["subject"] == "Fler besökare mot utsläpp"
        body = ok(
            api(officer).post(
                f"{CONFLICTS}{conflict.pk}/weigh/",
                {
                    "status": "confirmed",
                    "description": "Flygresor.",
                    "handling": "condition",
                    "handling_text": "Resor med tåg.",
                },
                format="json",
                HTTP_IF_MATCH=read["ETag"],
            )
        )
        assert body["status"] == ConflictStatus.CONFIRMED
        assert body["handling"] == "condition"
        assert body["weighed_by"] == officer.pk

    def test_confirming_needs_the_handling(self, conflict, officer):
        body = ok(
            api(officer).post(
                f"{CONFLICTS}{conflict.pk}/weigh/",
                {"status": "confirmed", "description": "Ja."},
                format="json",
            ),
            400,
        )
        assert body == {"handling": ["Choose how the conflict is handled."]}

    def test_stale_if_match_is_refused_and_nothing_is_lost(self, conflict, officer):
        services.goal_conflict_weigh(
            conflict=conflict, by=officer, status="dismissed", description="Ingen."
        )
        response = api(officer).post(
            f"{CONFLICTS}{conflict.pk}/weigh/",
            {
                "status": "confirmed",
                "description": "Jo.",
                "handling": "trade_off",
                "handling_text": "Värt det.",
            },
            format="json",
            HTTP_IF_MATCH='"1"',
        )
        assert response.status_code == 412
        assert response.json()["current"]["status"] == ConflictStatus.DISMISSED
        conflict.refresh_from_db()
        assert (conflict.status, conflict.description) == ("dismissed", "Ingen.")


# Ranking ----------------------------------------------------------------------------------


class RankingTests:
    def test_ranking_with_a_moved_line(
        self,
        in_assessment,
        call,
        region,
        officer,
        assessor,
        criteria,
        no_role,
        outsider,
    ):
        assignment = services.assignment_add(
            application=in_assessment, assessor=assessor, by=officer
        )
        assignment = services.declare(
            assignment=assignment, by=assessor, has_conflict=False
        )
        score(assignment, assessor, criteria, 5, 10)
        runner_up = ApplicationFactory(
            call=call,
            region=region,
            status=ApplicationStatus.IN_ASSESSMENT,
            amount_requested=300_000_00,
            title="Andra projektet",
        )

        url = f"{CALLS}{call.pk}/ranking/"
        result = assert_access(
            url,
            permitted=officer,
            no_role=no_role,
            other_region=outsider,
            api=True,
            expect=200,
        )
        body = result.response.json()
        assert body["currency"] == "SEK"
        assert body["available"] == 5_000_000_00
        assert [r["application"] for r in body["rows"]] == [
            in_assessment.pk,
            runner_up.pk,
        ]
        first = body["rows"][0]
        assert first["score"] == 100.0
        assert first["assessors"] == 1
        assert first["amount"] == 500_000_00
        assert first["within_line"] is True
        assert "Combined score 100 of 100" in first["explanation"]
        assert body["funds"][0]["left"] == 5_000_000_00

        moved = ok(api(officer).get(url, {"line": 600_000_00}))
        assert moved["line"] == 600_000_00
        assert [r["within_line"] for r in moved["rows"]] == [True, False]
        assert moved["rows"][1]["cumulative"] == 800_000_00
        assert moved["total_within"] == 500_000_00

        assert api(officer).get(url, {"line": -1}).status_code == 400

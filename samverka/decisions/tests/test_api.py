"""The decisions API: deciding within the delegation and the appropriation, following
conditions, committee meetings, and the delegation order. Scope and refusals."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from samverka.accounts.tests.factories import UserFactory, staff_user
from samverka.applications.choices import ApplicationStatus
from samverka.assessments import services as assessment_services
from samverka.core.testing import assert_access
from samverka.decisions import services
from samverka.decisions.choices import ConditionStatus, MeetingStatus
from samverka.decisions.models import AgendaItem, Committee, Condition, Decision
from samverka.funding.choices import DecisionLevel
from samverka.funding.models import Appropriation, DelegationLimit

pytestmark = pytest.mark.django_db

DECISIONS = "/api/v1/decisions/"
CONDITIONS = "/api/v1/decisions/conditions/"
MEETINGS = "/api/v1/decisions/meetings/"
COMMITTEES = "/api/v1/decisions/committees/"
LIMITS = "/api/v1/decisions/delegation-limits/"


def api(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def ok(response, code: int = 200):
    assert response.status_code == code, response.content
    return response.json()


@pytest.fixture
def no_role():
    return UserFactory(full_name="Nora Nollroll")


def grant(application, amount=400_000_00, **extra) -> dict:
    return {
        "application": application.pk,
        "outcome": "grant",
        "amount": amount,
        "reasons": "Projektet stärker besöksnäringen.",
        **extra,
    }


@pytest.fixture
def decision(in_assessment, decision_maker):
    return services.decision_record(
        application=in_assessment,
        by=decision_maker,
        data={
            "outcome": "grant_with_conditions",
            "amount": 300_000_00,
            "reasons": "Väl underbyggt.",
            "conditions": [
                {"text": "Slutrapport i tid."},
                {
                    "kind": "cofunding",
                    "text": "Kommunen medfinansierar.",
                    "funder": "Sundsvalls kommun",
                    "deadline": datetime.date(2027, 3, 1),
                },
            ],
        },
    )


@pytest.fixture
def committee(region):
    return Committee.objects.create(region=region, name="Regionala utvecklingsnämnden")


@pytest.fixture
def recommended(in_assessment, officer):
    assessment_services.recommendation_save(
        application=in_assessment,
        by=officer,
        data={"outcome": "grant", "amount": 450_000_00, "text": "Bevilja."},
    )
    in_assessment.refresh_from_db()
    return in_assessment


# Decisions --------------------------------------------------------------------------------


class DecisionReadTests:
    def test_access_and_content(self, decision, decision_maker, no_role, outsider):
        body = assert_access(
            f"{DECISIONS}{decision.pk}/",
            permitted=decision_maker,
            no_role=no_role,
            other_region=outsider,
            api=True,
            expect=200,
        ).response.json()
        assert body["outcome"] == "grant_with_conditions"
        assert body["amount"] == 300_000_00
        assert body["currency"] == "SEK"
        assert body["level"] == DecisionLevel.DECISION_MAKER
        assert body["fund"] == decision.appropriation.fund_id
        assert body["appropriation_year"] == timezone.localdate().year
        assert [c["text"] for c in body["conditions"]] == [
            "Slutrapport i tid.",
            "Kommunen medfinansierar.",
        ]
        assert body["conditions"][1]["deadline"] == "2027-03-01"

    def test_list_is_scoped_and_filtered(self, decision, officer, outsider, call):
        assert [d["id"] for d in ok(api(officer).get(DECISIONS))["results"]] == [
            decision.pk
        ]
        assert ok(api(outsider).get(DECISIONS))["results"] == []
        assert ok(api(officer).get(DECISIONS, {"outcome": "reject"}))["results"] == []
        assert (
            len(
                ok(
                    api(officer).get(
                        DECISIONS,
                        {"outcome": "grant_with_conditions", "call": call.pk},
                    )
                )["results"]
            )
            == 1
        )
        assert ok(api(officer).get(DECISIONS, {"outcome": "maybe"}), 400)

    def test_list_query_counts_do_not_grow_with_rows(
        self, region, call, appropriation, decision_maker, django_assert_max_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from samverka.applications.tests.factories import ApplicationFactory

        def add(n):
            for _ in range(n):
                application = ApplicationFactory(
                    call=call, region=region, status=ApplicationStatus.IN_ASSESSMENT
                )
                services.decision_record(
                    application=application,
                    by=decision_maker,
                    data={
                        "outcome": "grant_with_conditions",
                        "amount": 100_000_00,
                        "reasons": "Ja.",
                        "conditions": [{"text": "Rapport."}, {"text": "Skyltning."}],
                    },
                )

        add(2)
        client = api(decision_maker)
        counts = {}
        for url in (DECISIONS, CONDITIONS):
            with CaptureQueriesContext(connection) as few:
                ok(client.get(url))
            counts[url] = len(few.captured_queries)
        add(4)
        for url, rows in ((DECISIONS, 6), (CONDITIONS, 12)):
            with django_assert_max_num_queries(counts[url]):
                assert len(ok(client.get(url))["results"]) == rows


class DecideTests:
    def test_a_grant_commits_the_appropriation(
        self, in_assessment, decision_maker, appropriation
    ):
        body = ok(
            api(decision_maker).post(
                DECISIONS,
                grant(
                    in_assessment,
                    outcome="grant_with_conditions",
                    conditions=[{"text": "Slutrapport senast 2028-01-31."}],
                ),
                format="json",
            ),
            201,
        )
        assert body["amount"] == 400_000_00
        assert body["decided_by"] == decision_maker.pk
        assert body["conditions"][0]["status"] == ConditionStatus.OPEN
        appropriation.refresh_from_db()
        assert appropriation.committed == 400_000_00
        in_assessment.refresh_from_db()
        assert in_assessment.status == ApplicationStatus.GRANTED

    def test_above_the_delegation_is_refused_with_the_rule(
        self, in_assessment, officer, region, appropriation
    ):
        body = ok(
            api(officer).post(DECISIONS, grant(in_assessment), format="json"), 400
        )
        assert body["amount"][0].startswith("Case officers do not decide on grants of")
        DelegationLimit.objects.create(
            region=region, level=DecisionLevel.OFFICER, max_amount=100_000_00
        )
        body = ok(
            api(officer).post(DECISIONS, grant(in_assessment), format="json"), 400
        )
        assert body["amount"] == [
            "Your delegation as case officer covers decisions up to SEK100,000.00; "
            "this one is SEK400,000.00. It goes to the head of unit."
        ]
        assert not Decision.objects.exists()
        appropriation.refresh_from_db()
        assert appropriation.committed == 0

    def test_more_than_is_left_of_the_appropriation_is_refused(
        self, in_assessment, decision_maker, appropriation
    ):
        Appropriation.objects.filter(pk=appropriation.pk).update(committed=4_800_000_00)
        body = ok(
            api(decision_maker).post(DECISIONS, grant(in_assessment), format="json"),
            400,
        )
        assert body["amount"][0].startswith("Only SEK200,000.00 is left of")
        assert "cannot be committed" in body["amount"][0]
        assert not Decision.objects.exists()
        in_assessment.refresh_from_db()
        assert in_assessment.status == ApplicationStatus.IN_ASSESSMENT

    def test_condition_errors_are_keyed_at_the_condition(
        self, in_assessment, decision_maker
    ):
        body = ok(
            api(decision_maker).post(
                DECISIONS,
                grant(
                    in_assessment,
                    outcome="grant_with_conditions",
                    conditions=[
                        {"text": "Slutrapport."},
                        {"kind": "cofunding", "text": "Kommunen."},
                    ],
                    reasons="",
                ),
                format="json",
            ),
            400,
        )
        assert body["reasons"] == ["Give the reasons for the decision."]
        assert body["conditions"] == {
            "1": {
                "funder": ["Name the other funder."],
                "deadline": [
                    "Give the date by which the other funder must have decided."
                ],
            }
        }

    def test_an_application_out_of_scope_does_not_exist(
        self, in_assessment, outsider, no_role
    ):
        body = ok(
            api(outsider).post(DECISIONS, grant(in_assessment), format="json"), 400
        )
        assert "does not exist" in body["application"][0]
        assert (
            api(no_role)
            .post(DECISIONS, grant(in_assessment), format="json")
            .status_code
            == 403
        )

    def test_deciding_twice_is_refused(self, decision, decision_maker):
        body = ok(
            api(decision_maker).post(
                DECISIONS, grant(decision.application), format="json"
            ),
            400,
        )
        assert body["non_field_errors"] == ["The application has already been decided."]


# Conditions ---------------------------------------------------------------------------------


class ConditionTests:
    def test_open_first_and_resolve(self, decision, officer, no_role, outsider):
        general, cofunding = decision.conditions.order_by("order")
        services.condition_resolve(condition=general, by=officer, status="met")
        rows = ok(api(officer).get(CONDITIONS))["results"]
        assert [r["id"] for r in rows] == [cofunding.pk, general.pk]
        assert rows[0]["case_number"] == decision.application.case_number

        result = assert_access(
            f"{CONDITIONS}{cofunding.pk}/resolve/",
            permitted=officer,
            no_role=no_role,
            other_region=outsider,
            method="post",
            api=True,
            data={"status": "met", "note": "Kommunen har beslutat."},
            expect=200,
            audit_action="decisions.condition_resolve",
        )
        body = result.response.json()
        assert body["status"] == ConditionStatus.MET
        assert body["note"] == "Kommunen har beslutat."
        assert body["resolved_by"] == officer.pk

        again = ok(
            api(officer).post(
                f"{CONDITIONS}{cofunding.pk}/resolve/",
                {"status": "lapsed"},
                format="json",
            ),
            400,
        )
        assert again["non_field_errors"] == ["The condition has already been resolved."]
        cofunding.refresh_from_db()
        assert cofunding.status == ConditionStatus.MET

    def test_status_must_be_met_or_lapsed(self, decision, officer):
        condition = decision.conditions.first()
        body = ok(
            api(officer).post(
                f"{CONDITIONS}{condition.pk}/resolve/",
                {"status": "open"},
                format="json",
            ),
            400,
        )
        assert body == {"status": ["Choose met or lapsed."]}


# Meetings ---------------------------------------------------------------------------------


class MeetingTests:
    def test_plan_put_on_the_agenda_decide_and_hold(
        self, committee, recommended, officer, decision_maker, no_role, outsider
    ):
        assert [c["id"] for c in ok(api(officer).get(COMMITTEES))["results"]] == [
            committee.pk
        ]
        starts = "2027-02-10T13:00:00+01:00"
        result = assert_access(
            MEETINGS,
            permitted=officer,
            no_role=no_role,
            other_region=None,
            method="post",
            api=True,
            data={"committee": committee.pk, "starts_at": starts, "place": "Härnösand"},
            expect=201,
            audit_action="decisions.meeting_create",
        )
        meeting = result.response.json()
        assert meeting["status"] == MeetingStatus.PLANNED
        assert meeting["place"] == "Härnösand"
        # A committee of another region reads as one that does not exist.
        body = ok(
            api(outsider).post(
                MEETINGS,
                {"committee": committee.pk, "starts_at": starts},
                format="json",
            ),
            400,
        )
        assert "does not exist" in body["committee"][0]

        url = f"{MEETINGS}{meeting['id']}/"
        item = ok(
            api(officer).post(
                f"{url}agenda/", {"application": recommended.pk}, format="json"
            ),
            201,
        )
        assert item["number"] == 1
        assert item["recommended_outcome"] == "grant"
        assert item["recommended_amount"] == 450_000_00
        assert item["decision"] is None
        again = ok(
            api(officer).post(
                f"{url}agenda/", {"application": recommended.pk}, format="json"
            ),
            400,
        )
        assert again["application"] == ["The application is already on the agenda."]

        refused = ok(api(decision_maker).post(f"{url}hold/"), 400)
        assert refused["non_field_errors"] == [
            "Record a decision on every item first; undecided: §1."
        ]

        decided = ok(
            api(decision_maker).post(
                DECISIONS,
                grant(recommended, amount=450_000_00, agenda_item=item["id"]),
                format="json",
            ),
            201,
        )
        assert decided["level"] == DecisionLevel.COMMITTEE
        assert decided["meeting"] == meeting["id"]

        held = ok(api(decision_maker).post(f"{url}hold/"))
        assert held["status"] == MeetingStatus.HELD
        assert held["items"][0]["decision"] == decided["id"]
        assert held["items"][0]["decided_outcome"] == "grant"

        assert api(outsider).get(url).status_code == 404
        assert api(no_role).get(url).status_code == 403
        assert (
            ok(api(officer).get(MEETINGS, {"status": "held"}))["results"][0]["id"]
            == meeting["id"]
        )

    def test_an_application_without_recommendation_stays_off_the_agenda(
        self, committee, in_assessment, officer
    ):
        meeting = services.meeting_create(
            committee=committee, by=officer, starts_at=timezone.now()
        )
        body = ok(
            api(officer).post(
                f"{MEETINGS}{meeting.pk}/agenda/",
                {"application": in_assessment.pk},
                format="json",
            ),
            400,
        )
        assert body["application"] == [
            "Write the recommendation before the application goes on an agenda."
        ]
        assert not AgendaItem.objects.exists()

    def test_list_query_count_does_not_grow_with_meetings(
        self, committee, officer, django_assert_max_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def add(n):
            for day in range(n):
                services.meeting_create(
                    committee=committee,
                    by=officer,
                    starts_at=timezone.now() + datetime.timedelta(days=day),
                )

        add(2)
        client = api(officer)
        with CaptureQueriesContext(connection) as few:
            assert len(ok(client.get(MEETINGS))["results"]) == 2
        add(4)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert len(ok(client.get(MEETINGS))["results"]) == 6


# Delegation limits ------------------------------------------------------------------------


class DelegationLimitTests:
    def test_set_change_and_delete(
        self, region, region_admin, officer, fund, no_role, outsider
    ):
        created = ok(
            api(region_admin).post(
                LIMITS,
                {
                    "region": region.slug,
                    "level": "officer",
                    "max_amount": 100_000_00,
                    "note": "Delegationsordning § 4",
                },
                format="json",
            ),
            201,
        )
        assert created["max_amount"] == 100_000_00
        assert created["currency"] == "SEK"
        assert created["fund"] is None

        again = ok(
            api(region_admin).post(
                LIMITS,
                {"region": region.slug, "level": "officer", "max_amount": 150_000_00},
                format="json",
            )
        )
        assert again["id"] == created["id"]
        assert again["max_amount"] == 150_000_00

        url = f"{LIMITS}{created['id']}/"
        result = assert_access(
            url,
            permitted=region_admin,
            no_role=no_role,
            other_region=outsider,
            method="patch",
            api=True,
            data={"max_amount": None},
            expect=200,
            audit_action="funding.delegation_set",
        )
        assert result.response.json()["max_amount"] is None

        # A case officer reads the delegation order but does not change it.
        assert [row["id"] for row in ok(api(officer).get(LIMITS))["results"]] == [
            created["id"]
        ]
        assert api(officer).patch(url, {"note": "x"}, format="json").status_code == 403
        assert api(officer).delete(url).status_code == 403
        assert ok(api(outsider).get(LIMITS))["results"] == []

        assert api(region_admin).delete(url).status_code == 204
        assert not DelegationLimit.objects.exists()

    def test_a_fund_limit_and_bad_input(self, region, region_admin, fund, other_region):
        body = ok(
            api(region_admin).post(
                LIMITS,
                {
                    "region": region.slug,
                    "fund": fund.pk,
                    "level": "decision_maker",
                    "max_amount": 1_000_000_00,
                },
                format="json",
            ),
            201,
        )
        assert body["fund"] == fund.pk
        assert body["fund_name"] == fund.name
        bad = ok(
            api(region_admin).post(
                LIMITS,
                {"region": other_region.slug, "level": "boss", "max_amount": -1},
                format="json",
            ),
            400,
        )
        assert set(bad) == {"region", "level", "max_amount"}
        assert DelegationLimit.objects.count() == 1

    def test_only_region_administrators_set_limits(self, region, officer):
        decider = staff_user(region, "decision_maker")
        for user in (officer, decider):
            response = api(user).post(
                LIMITS,
                {"region": region.slug, "level": "officer", "max_amount": 1},
                format="json",
            )
            assert response.status_code == 403
        assert not DelegationLimit.objects.exists()


def test_condition_model_is_region_scoped(decision, outsider):
    condition = Condition.objects.filter(decision=decision).first()
    assert api(outsider).get(f"{CONDITIONS}{condition.pk}/").status_code == 404

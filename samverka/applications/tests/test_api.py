"""The applications API: the applicant's journey, the officer's case work, scope and
bad input."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone
from rest_framework.test import APIClient

from samverka.accounts.tests.factories import UserFactory, staff_user
from samverka.actors.models import Membership
from samverka.actors.tests.factories import OrganisationFactory
from samverka.applications import services
from samverka.applications.choices import ApplicationStatus, Stage
from samverka.applications.models import Application, Submission
from samverka.applications.tests.conftest import complete
from samverka.applications.tests.factories import ApplicationFactory
from samverka.funding.models import Call
from samverka.geo.models import Country, Municipality
from samverka.records import services as records
from samverka.records.choices import CaseKind

pytestmark = pytest.mark.django_db

APPLICATIONS = "/api/v1/applications/"


def api(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def url(application, suffix: str = "") -> str:
    pk = application if isinstance(application, int) else application.pk
    return f"{APPLICATIONS}{pk}/{suffix}"


def ok(response, code: int = 200):
    assert response.status_code == code, response.content
    return response.json()


@pytest.fixture
def municipality(db):
    country, _ = Country.objects.get_or_create(code="SE", defaults={"name": "Sverige"})
    municipality, _ = Municipality.objects.get_or_create(
        code="2281", defaults={"name": "Sundsvall", "country": country}
    )
    return municipality


@pytest.fixture
def other_applicant(region):
    """Acts for another organisation of the same region."""
    user = UserFactory(full_name="Otto Annan")
    Membership.objects.create(
        user=user, organisation=OrganisationFactory(region=region, name="Annat AB")
    )
    return user


@pytest.fixture
def submitted(draft, applicant) -> Application:
    complete(draft, applicant)
    services.application_submit(application=draft, by=applicant, key="first")
    draft.refresh_from_db()
    return draft


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# The applicant's journey --------------------------------------------------------------


class ApplicantJourneyTests:
    def test_round_trip_from_start_to_one_submission(
        self, call, applicant_org, applicant, municipality
    ):
        client = api(applicant)
        body = ok(
            client.post(
                APPLICATIONS,
                {"call": call.pk, "organisation": applicant_org.pk, "title": "Besök"},
                format="json",
            ),
            201,
        )
        pk, revision = body["id"], body["revision"]
        assert body["status"] == "draft"
        assert body["case_number"] == ""
        assert body["currency"] == "SEK"
        assert {p["section"] for p in body["problems"]} >= {"project", "budget"}

        body = ok(
            client.patch(
                url(pk),
                {
                    "summary": "Sammanfattning.",
                    "background": "Bakgrund.",
                    "objectives": "Mål.",
                    "target_groups": "Målgrupper.",
                    "work_plan": "Arbetsplan.",
                    "start_date": "2027-01-01",
                    "end_date": "2027-12-31",
                    "municipalities": [municipality.pk],
                    "revision": revision,
                },
                format="json",
            )
        )
        assert body["summary"] == "Sammanfattning."
        assert body["municipalities"] == [municipality.pk]
        assert body["revision"] > revision

        body = ok(
            client.put(
                url(pk, "budget/"),
                {
                    "lines": [
                        {"category": "staff", "year": 2027, "amount": 800_000_00},
                        {
                            "category": "travel",
                            "year": 2027,
                            "amount": 200_000_00,
                            "description": "Resor till mässor",
                        },
                    ],
                    "revision": body["revision"],
                },
                format="json",
            )
        )
        assert body["total_cost"] == 1_000_000_00
        assert {(b["category"], b["amount"]) for b in body["budget_lines"]} == {
            ("staff", 800_000_00),
            ("travel", 200_000_00),
        }

        body = ok(
            client.put(
                url(pk, "financing/"),
                {
                    "amount_requested": 500_000_00,
                    "lines": [
                        {
                            "funder": "Sundsvalls kommun",
                            "amount": 500_000_00,
                            "status": "confirmed",
                        }
                    ],
                    "revision": body["revision"],
                },
                format="json",
            )
        )
        assert body["amount_requested"] == 500_000_00
        assert body["cofinancing_total"] == 500_000_00
        assert body["financing_lines"][0]["status"] == "confirmed"

        indicator = call.indicators.get()
        body = ok(
            client.put(
                url(pk, "effects/"),
                {
                    "items": {
                        level: [f"Text för {level}"]
                        for level in (
                            "need",
                            "activities",
                            "outputs",
                            "short_term",
                            "long_term",
                        )
                    },
                    "indicators": [
                        {"call_indicator": indicator.pk, "baseline": 0, "target": 12}
                    ],
                    "revision": body["revision"],
                },
                format="json",
            )
        )
        assert len(body["effect_items"]) == 5
        assert body["indicators"][0]["code"] == "P1"
        assert body["indicators"][0]["target"] == "12.00"

        body = ok(
            client.put(
                url(pk, "sustainability/"),
                {
                    "answers": [
                        {"aspect": aspect, "rating": "partly", "description": "Så här."}
                        for aspect in (
                            "social",
                            "ecological",
                            "economic",
                            "environment_climate",
                            "gender_equality",
                            "equal_opportunities",
                        )
                    ],
                    "revision": body["revision"],
                },
                format="json",
            )
        )
        assert body["problems"] == []

        first = ok(
            client.post(url(pk, "submit/"), {}, HTTP_IDEMPOTENCY_KEY="click-1"), 201
        )
        again = ok(client.post(url(pk, "submit/"), {}, HTTP_IDEMPOTENCY_KEY="click-1"))
        assert first == again
        assert first["number"] == 1
        assert first["case_number"].startswith("RVN ")
        assert Submission.objects.filter(application_id=pk).count() == 1

        body = ok(client.get(url(pk)))
        assert body["status"] == "submitted"
        assert body["case_number"] == first["case_number"]
        assert body["submissions"] == [
            {"number": 1, "stage": "full", "submitted_at": first["submitted_at"]}
        ]
        assert body["problems"] == []  # no longer the applicant's to change
        mine = ok(client.get(APPLICATIONS, {"mine": "true"}))["results"]
        assert [row["id"] for row in mine] == [pk]

    def test_submit_needs_a_key_and_takes_it_from_the_body(self, draft, applicant):
        complete(draft, applicant)
        client = api(applicant)
        response = client.post(url(draft, "submit/"), {}, format="json")
        assert response.status_code == 400
        assert "key" in response.json()
        assert ok(client.post(url(draft, "submit/"), {"key": "k"}), 201)["number"] == 1
        assert ok(client.post(url(draft, "submit/"), {"key": "k"}))["number"] == 1
        assert draft.submissions.count() == 1

    def test_incomplete_submit_lists_the_problems(self, draft, applicant):
        response = api(applicant).post(
            url(draft, "submit/"), {}, HTTP_IDEMPOTENCY_KEY="x"
        )
        assert response.status_code == 400
        problems = response.json()["problems"]
        assert {"section": "budget", "message": "Fill in the budget."} in problems
        assert draft.submissions.count() == 0

    def test_submit_after_the_deadline_shows_the_deadline(self, draft, applicant):
        complete(draft, applicant)
        closes = timezone.now() - datetime.timedelta(hours=2)
        Call.objects.filter(pk=draft.call_id).update(closes_at=closes)
        response = api(applicant).post(
            url(draft, "submit/"), {}, HTTP_IDEMPOTENCY_KEY="late"
        )
        assert response.status_code == 400
        message = " ".join(response.json()["non_field_errors"])
        local = timezone.localtime(closes, draft.region.tzinfo)
        assert "closed" in message
        assert f"{local:%H:%M}" in message
        assert draft.submissions.count() == 0

    def test_partners_and_attachments(self, draft, applicant, media):
        client = api(applicant)
        partner = ok(
            client.post(
                url(draft, "partners/"),
                {"name": "Mittuniversitetet", "role": "co_applicant"},
                format="json",
            ),
            201,
        )
        assert partner["role"] == "co_applicant"
        assert "token" not in partner
        upload = SimpleUploadedFile(
            "intyg.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf"
        )
        attachment = ok(
            client.post(
                url(draft, "attachments/"),
                {"file": upload, "title": "Intyg"},
                format="multipart",
            ),
            201,
        )
        assert attachment["content_type"] == "application/pdf"
        assert not any("url" in key or key == "file" for key in attachment)
        detail = ok(client.get(url(draft)))
        assert [a["title"] for a in detail["attachments"]] == ["Intyg"]
        assert [p["name"] for p in detail["partners"]] == ["Mittuniversitetet"]

        fake = SimpleUploadedFile("script.pdf", b"#!/bin/sh\nrm -rf /\n")
        response = client.post(
            url(draft, "attachments/"), {"file": fake}, format="multipart"
        )
        assert response.status_code == 400
        assert "file" in response.json()

        removed = client.delete(url(draft, f"attachments/{attachment['id']}/"))
        assert removed.status_code == 204
        removed = client.delete(url(draft, f"partners/{partner['id']}/"))
        assert removed.status_code == 204
        detail = ok(client.get(url(draft)))
        assert detail["attachments"] == []
        assert detail["partners"] == []

    def test_state_aid_and_withdraw(self, draft, applicant):
        client = api(applicant)
        body = ok(
            client.put(
                url(draft, "state-aid/"),
                {"de_minimis_received": 120_000_00, "de_minimis_declared": True},
                format="json",
            )
        )
        assert body["de_minimis_received"] == 120_000_00
        assert body["de_minimis_declared"] is True
        body = ok(client.post(url(draft, "withdraw/"), {"reason": "Ändrade planer"}))
        assert body["status"] == "withdrawn"


# Scope ------------------------------------------------------------------------------


class ScopeTests:
    def test_another_applicant_gets_404(self, draft, applicant, other_applicant):
        client = api(other_applicant)
        assert client.get(url(draft)).status_code == 404
        assert (
            client.patch(url(draft), {"title": "Kapad"}, format="json").status_code
            == 404
        )
        assert (
            client.post(url(draft, "submit/"), {}, HTTP_IDEMPOTENCY_KEY="x").status_code
            == 404
        )
        assert (
            client.put(url(draft, "budget/"), {"lines": []}, format="json").status_code
            == 404
        )
        assert ok(client.get(APPLICATIONS))["results"] == []
        draft.refresh_from_db()
        assert draft.title == "Digital besöksnäring"

    def test_anonymous_is_refused(self, draft):
        assert api().get(APPLICATIONS).status_code in (401, 403)
        assert api().get(url(draft)).status_code in (401, 403)

    def test_staff_see_submitted_applications_of_their_regions_only(
        self, call, applicant_org, applicant, submitted, officer, outsider
    ):
        other_draft = services.application_start(
            call=call, organisation=applicant_org, by=applicant, title="Utkast"
        )
        rows = ok(api(officer).get(APPLICATIONS))["results"]
        assert [row["id"] for row in rows] == [submitted.pk]
        assert rows[0]["case_number"] == submitted.case_number
        assert api(officer).get(url(other_draft)).status_code == 404
        assert ok(api(officer).get(url(submitted)))["problems"] == []
        assert ok(api(outsider).get(APPLICATIONS))["results"] == []
        assert api(outsider).get(url(submitted)).status_code == 404
        assert ok(api(officer).get(APPLICATIONS, {"mine": "true"}))["results"] == []

    def test_visible_but_not_permitted_is_403(self, submitted, applicant, officer):
        response = api(officer).patch(url(submitted), {"title": "X"}, format="json")
        assert response.status_code == 403
        response = api(applicant).post(
            url(submitted, "request-completion/"),
            {"message": "Mer", "deadline": "2099-01-01"},
            format="json",
        )
        assert response.status_code == 403
        response = api(applicant).patch(url(submitted), {"title": "X"}, format="json")
        assert response.status_code == 403  # submitted: no longer editable

    def test_list_filters(self, region, call, submitted, officer, other_region):
        client = api(officer)
        assert [
            r["id"] for r in ok(client.get(APPLICATIONS, {"call": call.pk}))["results"]
        ] == [submitted.pk]
        assert ok(client.get(APPLICATIONS, {"call": call.pk + 1000}))["results"] == []
        assert ok(client.get(APPLICATIONS, {"status": "granted"}))["results"] == []
        assert (
            len(ok(client.get(APPLICATIONS, {"region": region.slug}))["results"]) == 1
        )
        assert (
            ok(client.get(APPLICATIONS, {"region": other_region.slug}))["results"] == []
        )
        response = client.get(APPLICATIONS, {"status": "sleeping"})
        assert response.status_code == 400
        assert "status" in response.json()

    def test_list_query_count_does_not_grow(
        self, region, call, applicant_org, officer, django_assert_max_num_queries
    ):
        def make(count: int) -> None:
            for _n in range(count):
                case = records.case_open(
                    region=region, title="Projekt", by=None, kind=CaseKind.APPLICATION
                )
                ApplicationFactory(
                    call=call,
                    organisation=applicant_org,
                    status=ApplicationStatus.SUBMITTED,
                    officer=officer,
                    case=case,
                    last_submitted_at=timezone.now(),
                )

        client = api(officer)
        make(3)
        with CaptureQueriesContext(connection) as few:
            assert len(ok(client.get(APPLICATIONS))["results"]) == 3
        make(7)
        with django_assert_max_num_queries(len(few.captured_queries)):
            rows = ok(client.get(APPLICATIONS))["results"]
        assert len(rows) == 10
        assert all(row["officer_name"] == "Olle Officersson" for row in rows)

    def test_detail_query_count_does_not_grow_with_its_parts(
        self, submitted, officer, django_assert_max_num_queries
    ):
        from samverka.applications.models import Partner

        client = api(officer)
        with CaptureQueriesContext(connection) as few:
            ok(client.get(url(submitted)))
        for n in range(6):
            Partner.objects.create(application=submitted, name=f"Partner {n}")
        with django_assert_max_num_queries(len(few.captured_queries)):
            body = ok(client.get(url(submitted)))
        assert len(body["partners"]) == 6


# Bad input --------------------------------------------------------------------------


class BadInputTests:
    def test_stale_revision_is_409_with_the_current_application(self, draft, applicant):
        client = api(applicant)
        old = draft.revision
        ok(
            client.patch(
                url(draft), {"summary": "Först", "revision": old}, format="json"
            )
        )
        response = client.patch(
            url(draft), {"summary": "Sedan", "revision": old}, format="json"
        )
        assert response.status_code == 409
        body = response.json()
        assert body["code"] == "stale_edit"
        assert body["current"]["summary"] == "Först"
        assert body["current"]["revision"] == old + 1

        response = client.put(
            url(draft, "budget/"),
            {"lines": []},
            format="json",
            HTTP_IF_MATCH=f'"{old}"',
        )
        assert response.status_code == 409
        fresh = client.get(url(draft))
        assert fresh["ETag"] == f'"{old + 1}"'
        body = ok(
            client.patch(
                url(draft),
                {"summary": "Sedan"},
                format="json",
                HTTP_IF_MATCH=fresh["ETag"],
            )
        )
        assert body["summary"] == "Sedan"

    def test_negative_budget_is_refused_at_its_line(self, draft, applicant):
        client = api(applicant)
        services.application_update(
            application=draft,
            by=applicant,
            data={
                "start_date": datetime.date(2027, 1, 1),
                "end_date": datetime.date(2027, 12, 31),
            },
        )
        response = client.put(
            url(draft, "budget/"),
            {
                "lines": [
                    {"category": "staff", "year": 2027, "amount": 100},
                    {"category": "travel", "year": 2027, "amount": -5},
                ]
            },
            format="json",
        )
        assert response.status_code == 400
        assert response.json() == {
            "lines": {"1": {"amount": ["An amount cannot be negative."]}}
        }

        response = client.put(
            url(draft, "budget/"),
            {"lines": [{"category": "staff", "year": 2031, "amount": 100}]},
            format="json",
        )
        assert response.status_code == 400
        assert response.json() == {
            "lines": {"0": {"year": ["2031 is outside the project period."]}}
        }
        draft.refresh_from_db()
        assert draft.total_cost == 0
        assert draft.budget_lines.count() == 0

    def test_amount_above_aid_intensity_is_refused_at_the_amount(
        self, draft, applicant
    ):
        services.budget_set(
            application=draft, by=applicant, amounts={("staff", 2027): 1_000_000_00}
        )
        client = api(applicant)
        response = client.put(
            url(draft, "financing/"),
            {"amount_requested": 600_000_00, "lines": []},
            format="json",
        )
        assert response.status_code == 400
        errors = response.json()
        assert list(errors) == ["amount_requested"]
        assert "50 %" in errors["amount_requested"][0]
        response = client.put(
            url(draft, "financing/"),
            {
                "amount_requested": 500_000_00,
                "lines": [{"funder": "Kommunen", "amount": -1}],
            },
            format="json",
        )
        assert response.status_code == 400
        assert response.json() == {
            "lines": {"0": {"amount": ["An amount cannot be negative."]}}
        }
        draft.refresh_from_db()
        assert draft.amount_requested is None

    def test_indicator_of_another_call_is_refused(self, draft, applicant):
        from samverka.funding.tests.factories import CallIndicatorFactory

        foreign = CallIndicatorFactory(call__region=draft.region)
        response = api(applicant).put(
            url(draft, "effects/"),
            {
                "items": {"need": ["Behov"]},
                "indicators": [{"call_indicator": foreign.pk, "target": 1}],
            },
            format="json",
        )
        assert response.status_code == 400
        assert response.json()["indicators"]["0"]["call_indicator"] == [
            "Choose one of the call's indicators."
        ]
        response = api(applicant).put(
            url(draft, "effects/"), {"items": {"dreams": ["x"]}}, format="json"
        )
        assert response.status_code == 400
        assert "items" in response.json()

    def test_sustainability_errors_are_keyed_at_the_answer(self, draft, applicant):
        client = api(applicant)
        response = client.put(
            url(draft, "sustainability/"),
            {
                "answers": [
                    {"aspect": "social", "rating": "partly", "description": "Ja."},
                    {"aspect": "sami", "rating": "partly", "description": "Ja."},
                ]
            },
            format="json",
        )
        assert response.status_code == 400
        assert response.json() == {
            "answers": {"1": {"aspect": ["The call does not ask about this aspect."]}}
        }
        response = client.put(
            url(draft, "sustainability/"),
            {
                "answers": [
                    {"aspect": "social", "rating": "partly"},
                    {"aspect": "social", "rating": "integrated"},
                ]
            },
            format="json",
        )
        assert response.status_code == 400
        assert "1" in response.json()["answers"]
        assert draft.sustainability_answers.count() == 0

    def test_start_for_an_organisation_the_user_does_not_act_for(
        self, call, applicant, other_applicant
    ):
        foreign = Membership.objects.get(user=other_applicant).organisation
        response = api(applicant).post(
            APPLICATIONS,
            {"call": call.pk, "organisation": foreign.pk},
            format="json",
        )
        assert response.status_code == 400
        assert "organisation" in response.json()
        assert not Application.objects.filter(organisation=foreign).exists()


# Case work --------------------------------------------------------------------------


class CaseWorkTests:
    def test_completion_request_resubmit_and_compare(
        self, submitted, applicant, officer
    ):
        staff = api(officer)
        request = ok(
            staff.post(
                url(submitted, "request-completion/"),
                {"message": "Bifoga intyg.", "deadline": "2099-06-30"},
                format="json",
            ),
            201,
        )
        assert request["answered_at"] is None

        client = api(applicant)
        body = ok(client.get(url(submitted)))
        assert body["status"] == "completion_requested"
        assert body["completion_requests"][0]["message"] == "Bifoga intyg."
        ok(
            client.patch(
                url(submitted),
                {"summary": "Kompletterad sammanfattning."},
                format="json",
            )
        )
        second = ok(
            client.post(url(submitted, "submit/"), {}, HTTP_IDEMPOTENCY_KEY="svar"),
            201,
        )
        assert second["number"] == 2
        assert second["case_number"] == submitted.case_number

        comparison = ok(staff.get(url(submitted, "compare/"), {"from": 1, "to": 2}))
        assert comparison["from"] == 1
        assert comparison["to"] == 2
        summary = [c for c in comparison["changes"] if c["label"] == "summary"]
        assert summary == [
            {
                "section": "project",
                "label": "summary",
                "old": "Sammanfattning.",
                "new": "Kompletterad sammanfattning.",
            }
        ]
        assert ok(staff.get(url(submitted, "compare/"))) == comparison
        assert client.get(url(submitted, "compare/")).status_code == 403
        assert staff.get(url(submitted, "compare/"), {"from": 3}).status_code == 404

        detail = ok(staff.get(url(submitted)))
        assert detail["completion_requests"][0]["answer"] == 2
        snapshot = ok(client.get(url(submitted, "submissions/1/")))
        assert snapshot["snapshot"]["project"]["summary"] == "Sammanfattning."
        assert client.get(url(submitted, "submissions/9/")).status_code == 404

    def test_assign_officer(self, region, submitted, officer, region_admin):
        other = staff_user(region, "strategist", full_name="Inte Handläggare")
        staff = api(region_admin)
        body = ok(
            staff.post(
                url(submitted, "assign-officer/"),
                {"officer": officer.pk},
                format="json",
            )
        )
        assert body["officer"] == officer.pk
        assert body["officer_name"] == "Olle Officersson"
        response = staff.post(
            url(submitted, "assign-officer/"), {"officer": other.pk}, format="json"
        )
        assert response.status_code == 400
        assert "officer" in response.json()
        stranger = UserFactory()
        response = staff.post(
            url(submitted, "assign-officer/"), {"officer": stranger.pk}, format="json"
        )
        assert response.status_code == 400

    def test_invite_full_application(self, region, fund, applicant_org, applicant):
        from samverka.funding.tests.factories import CallFactory

        call = CallFactory(region=region, funds=[fund], two_stage=True)
        officer = staff_user(region, "officer")
        concept = services.application_start(
            call=call, organisation=applicant_org, by=applicant, title="Koncept"
        )
        assert concept.stage == Stage.CONCEPT
        services.application_update(
            application=concept,
            by=applicant,
            data={
                "summary": "Kort idé.",
                "start_date": datetime.date(2027, 1, 1),
                "end_date": datetime.date(2027, 12, 31),
            },
        )
        services.financing_set(
            application=concept, by=applicant, amount_requested=100_000_00, lines=[]
        )
        ok(
            api(applicant).post(url(concept, "submit/"), {}, HTTP_IDEMPOTENCY_KEY="c"),
            201,
        )
        assert api(applicant).post(url(concept, "invite-full/")).status_code == 403
        body = ok(api(officer).post(url(concept, "invite-full/")))
        assert body["stage"] == "full"
        assert body["status"] == "draft"


# Schema -----------------------------------------------------------------------------

#: What the lead adds to SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] for this API.
ENUM_OVERRIDES = {
    "ApplicationStatusEnum": "samverka.applications.choices.ApplicationStatus",
    "StageEnum": "samverka.applications.choices.Stage",
    "PartnerRoleEnum": "samverka.applications.choices.PartnerRole",
    "CostCategoryEnum": "samverka.applications.choices.CostCategory",
    "FinancingKindEnum": "samverka.applications.choices.FinancingKind",
    "FunderSectorEnum": "samverka.applications.choices.FunderSector",
    "FinancingStatusEnum": "samverka.applications.choices.FinancingStatus",
    "EffectLevelEnum": "samverka.applications.choices.EffectLevel",
    "SustainabilityAspectEnum": "samverka.applications.choices.SustainabilityAspect",
    "IntegrationRatingEnum": "samverka.applications.choices.IntegrationRating",
    "ScanResultEnum": "samverka.applications.choices.ScanResult",
    "FormSectionEnum": "samverka.funding.choices.FormSection",
}


def test_schema_of_the_applications_api_is_valid_without_warnings():
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.plumbing import _load_enum_name_overrides
    from drf_spectacular.settings import patched_settings
    from drf_spectacular.validation import validate_schema

    overrides = {
        **settings.SPECTACULAR_SETTINGS.get("ENUM_NAME_OVERRIDES", {}),
        **ENUM_OVERRIDES,
    }
    patterns = [path("api/v1/", include("samverka.applications.api.urls"))]
    with patched_settings({"ENUM_NAME_OVERRIDES": overrides}):
        _load_enum_name_overrides.cache_clear()
        GENERATOR_STATS.reset()
        try:
            schema = SchemaGenerator(patterns=patterns).get_schema(
                request=None, public=True
            )
            warnings = dict(GENERATOR_STATS._warn_cache)
            errors = dict(GENERATOR_STATS._error_cache)
        finally:
            GENERATOR_STATS.reset()
            _load_enum_name_overrides.cache_clear()
    validate_schema(schema)
    assert warnings == {}
    assert errors == {}
    components = schema["components"]["schemas"]
    for name in ENUM_OVERRIDES:
        assert name in components, name
    assert "/api/v1/applications/{id}/submit/" in schema["paths"]
    amount = components["BudgetLineInputRequest"]["properties"]["amount"]
    assert (amount["minimum"], amount["maximum"]) == (0, 10**15)

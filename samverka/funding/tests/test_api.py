"""The funds and calls API: public reads, staff drafts, writes through the services."""

import pytest
from django.test import Client

from samverka.accounts.tests.factories import staff_user
from samverka.core.testing import assert_access
from samverka.funding.choices import CallStatus
from samverka.funding.models import Appropriation, Call, Fund
from samverka.funding.tests.factories import (
    AppropriationFactory,
    CallFactory,
    CriterionFactory,
    FundFactory,
)

pytestmark = pytest.mark.django_db

CALLS = "/api/v1/calls/"
FUNDS = "/api/v1/funds/"


def api_client(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def rows(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def advisor(region):
    return staff_user(region, "funding_advisor")


@pytest.fixture
def fund(region):
    return FundFactory(region=region, name="Regionala projektmedel")


def test_public_reads_published_calls_only(region, other_region, fund):
    published = CallFactory(region=region, funds=[fund])
    CriterionFactory(call=published, name="Relevans", weight=2)
    CallFactory(region=region, draft=True)
    CallFactory(region=other_region)
    data = rows(api_client().get(CALLS, {"region": region.slug}))
    assert [row["id"] for row in data] == [published.pk]
    row = data[0]
    assert row["state"] == "open"
    assert row["currency"] == "SEK"
    assert row["time_zone"] == "Europe/Stockholm"
    assert row["funds"] == [fund.pk]
    assert row["criteria"][0]["name"] == "Relevans"


def test_staff_read_their_drafts_and_state_filter(region, officer, outsider):
    draft = CallFactory(region=region, draft=True)
    open_call = CallFactory(region=region)
    closed = CallFactory(region=region, closed=True)
    ids = {row["id"] for row in rows(api_client(officer).get(CALLS))}
    assert {draft.pk, open_call.pk, closed.pk} <= ids
    assert draft.pk not in {row["id"] for row in rows(api_client(outsider).get(CALLS))}
    assert api_client(outsider).get(f"{CALLS}{draft.pk}/").status_code == 404
    assert [row["id"] for row in rows(api_client().get(CALLS, {"state": "open"}))] == [
        open_call.pk
    ]
    assert [
        row["id"] for row in rows(api_client(officer).get(CALLS, {"state": "closed"}))
    ] == [closed.pk]
    assert api_client().get(CALLS, {"state": "nonsense"}).status_code == 400


def test_call_create_via_api(region, officer, no_role_user, outsider, fund):
    assert_access(
        CALLS,
        method="post",
        api=True,
        permitted=officer,
        no_role=no_role_user,
        no_role_status=403,
        other_region=None,
        data={
            "region": region.slug,
            "title": "API-utlysning",
            "opens_at": "2027-02-01T08:00:00+01:00",
            "closes_at": "2027-03-31T23:59:00+02:00",
            "budget": 100_000_000,
            "funds": [fund.pk],
            "eligible_applicant_types": ["company"],
            "required_sections": ["budget"],
        },
        expect=201,
        audit_action="funding.call_create",
    )
    call = Call.objects.get(title="API-utlysning")
    assert call.status == CallStatus.DRAFT
    assert list(call.funds.all()) == [fund]
    # Staff of another region cannot create a call in this one.
    response = post(
        api_client(outsider),
        CALLS,
        {
            "region": region.slug,
            "title": "X",
            "opens_at": "2027-02-01T08:00:00Z",
            "closes_at": "2027-03-01T08:00:00Z",
        },
    )
    assert response.status_code == 403


def test_call_bad_input_is_a_field_error(region, other_region, officer, fund):
    foreign = FundFactory(region=other_region)
    # A fund the officer cannot see is not a valid choice at all.
    response = post(
        api_client(officer),
        CALLS,
        {
            "region": region.slug,
            "title": "X",
            "opens_at": "2027-02-01T08:00:00Z",
            "closes_at": "2027-01-01T08:00:00Z",
            "funds": [foreign.pk],
        },
    )
    assert response.status_code == 400
    assert "funds" in response.json()
    response = post(
        api_client(officer),
        CALLS,
        {
            "region": region.slug,
            "title": "X",
            "opens_at": "2027-02-01T08:00:00Z",
            "closes_at": "2027-01-01T08:00:00Z",
            "budget": -5,
        },
    )
    assert response.status_code == 400
    assert "budget" in response.json()
    response = post(
        api_client(officer),
        CALLS,
        {
            "region": region.slug,
            "title": "X",
            "opens_at": "2027-02-01T08:00:00Z",
            "closes_at": "2027-01-01T08:00:00Z",
        },
    )
    assert response.status_code == 400
    assert "closes_at" in response.json()
    assert not Call.objects.exists()


def test_call_update_publish_archive_delete(region, officer, outsider, fund):
    call = CallFactory(region=region, draft=True, funds=[fund])
    client = api_client(officer)
    response = patch(client, f"{CALLS}{call.pk}/", {"title": "Nytt", "revision": 1})
    assert response.status_code == 200, response.content
    assert response.json()["revision"] == 2
    assert (
        patch(client, f"{CALLS}{call.pk}/", {"title": "X", "revision": 1}).status_code
        == 409
    )
    assert post(api_client(outsider), f"{CALLS}{call.pk}/publish/").status_code == 404
    response = post(client, f"{CALLS}{call.pk}/publish/")
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    assert client.delete(f"{CALLS}{call.pk}/").status_code == 400
    assert post(client, f"{CALLS}{call.pk}/archive/").json()["status"] == "archived"
    draft = CallFactory(region=region, draft=True)
    assert client.delete(f"{CALLS}{draft.pk}/").status_code == 204


def test_funds_visibility_and_appropriations(
    region, other_region, advisor, outsider, fund
):
    AppropriationFactory(fund=fund, year=2026, amount=1_000_00, committed=300_00)
    hidden = FundFactory(region=region, name="Oanvänd fond")
    CallFactory(region=region, funds=[fund])
    public = rows(api_client().get(FUNDS))
    assert [row["id"] for row in public] == [fund.pk]
    assert public[0]["appropriations"] == [
        {
            "year": 2026,
            "amount": 1_000_00,
            "committed": 300_00,
            "paid": 0,
            "left": 700_00,
        }
    ]
    staff_ids = {row["id"] for row in rows(api_client(advisor).get(FUNDS))}
    assert {fund.pk, hidden.pk} <= staff_ids
    assert api_client(outsider).get(f"{FUNDS}{hidden.pk}/").status_code == 404


def test_fund_writes(region, advisor, officer, no_role_user, fund):
    assert_access(
        FUNDS,
        method="post",
        api=True,
        permitted=advisor,
        no_role=no_role_user,
        other_region=None,
        data={"region": region.slug, "name": "Egen fond", "type": "own"},
        expect=201,
        audit_action="funding.fund_create",
    )
    assert Fund.objects.get(name="Egen fond").currency == "SEK"
    assert (
        post(
            api_client(officer),
            FUNDS,
            {"region": region.slug, "name": "X", "type": "own"},
        ).status_code
        == 403
    )
    client = api_client(advisor)
    response = post(
        client, f"{FUNDS}{fund.pk}/appropriations/", {"year": 2027, "amount": 5_000_00}
    )
    assert response.status_code == 200, response.content
    assert Appropriation.objects.get(fund=fund, year=2027).amount == 5_000_00
    AppropriationFactory(fund=fund, year=2026, amount=1_000_00, committed=900_00)
    response = post(
        client, f"{FUNDS}{fund.pk}/appropriations/", {"year": 2026, "amount": 800_00}
    )
    assert response.status_code == 400
    assert "amount" in response.json()
    response = patch(
        client, f"{FUNDS}{fund.pk}/", {"max_aid_intensity": 40, "revision": 1}
    )
    assert response.status_code == 200
    assert response.json()["max_aid_intensity"] == 40


def test_call_list_query_count(region, django_assert_max_num_queries):
    for _ in range(5):
        CriterionFactory(call=CallFactory(region=region))
    with django_assert_max_num_queries(12):
        rows(api_client().get(CALLS))

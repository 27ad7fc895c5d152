"""The staff screens of funds and calls: who may do what, bad input, time zones."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import staff_user
from samverka.core.testing import assert_access
from samverka.funding.choices import CallStatus
from samverka.funding.models import Appropriation, Call, CallIndicator, Criterion, Fund
from samverka.funding.tests.factories import (
    AppropriationFactory,
    CallFactory,
    CallIndicatorFactory,
    CriterionFactory,
    FundFactory,
    RequiredAttachmentFactory,
)
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory
from samverka.strategy.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(region):
    return staff_user(region, "funding_advisor")


@pytest.fixture
def fund(region):
    return FundFactory(region=region, name="Regionala projektmedel")


@pytest.fixture
def call(region, fund):
    return CallFactory(region=region, title="Projektmedel 2026", funds=[fund])


def url(name, region, *args):
    return reverse(f"funding:{name}", args=[region.slug, *args])


def call_post(fund, **extra):
    data = {
        "title": "Kompetensförsörjning",
        "summary": "Projekt om kompetens.",
        "text": "",
        "funds": [fund.pk],
        "intake": "deadline",
        "opens_at": "2027-02-01T08:00",
        "closes_at": "2027-03-31T23:59",
        "budget": "2 000 000",
        "min_amount": "",
        "max_amount": "",
        "eligible_applicant_types": ["company", "municipality"],
        "required_sections": ["budget", "financing"],
        "indirect_cost_rate": "15",
        "contact_name": "Olle",
        "contact_email": "olle@example.org",
    }
    data.update(extra)
    return data


# Reading ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["staff_fund_list", "staff_call_list", "staff_fund_create", "staff_call_create"],
)
def test_list_and_create_pages_access(
    name, region, region_admin, no_role_user, outsider
):
    assert_access(
        url(name, region),
        permitted=region_admin,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )


def test_detail_pages_access(region, officer, no_role_user, outsider, fund, call):
    for target in (
        url("staff_fund_detail", region, fund.pk),
        url("staff_call_detail", region, call.pk),
    ):
        assert_access(
            target,
            permitted=officer,
            no_role=no_role_user,
            other_region=outsider,
            expect=200,
        )


def test_funds_list_shows_balances(region, client_en, officer, fund):
    AppropriationFactory(
        fund=fund, year=2026, amount=5_000_000_00, committed=1_250_000_00
    )
    response = client_en(officer).get(url("staff_fund_list", region))
    html = response.content.decode()
    assert "Regionala projektmedel" in html
    assert "SEK 3,750,000" in html or "3,750,000" in html  # left
    assert "1,250,000" in html  # committed


def test_another_regions_objects_are_not_found(
    region, other_region, client_en, officer
):
    foreign_fund = FundFactory(region=other_region)
    foreign_call = CallFactory(region=other_region)
    client = client_en(officer)
    assert (
        client.get(url("staff_fund_detail", region, foreign_fund.pk)).status_code == 404
    )
    assert (
        client.get(url("staff_call_detail", region, foreign_call.pk)).status_code == 404
    )
    criterion = CriterionFactory(call=foreign_call)
    own_call = CallFactory(region=region)
    # A criterion of another call is not found under this call.
    assert (
        client.get(
            url("staff_criterion_update", region, own_call.pk, criterion.pk)
        ).status_code
        == 404
    )


def test_officer_cannot_edit_funds_and_advisor_cannot_edit_calls(
    region, client_en, officer, advisor, fund, call
):
    assert (
        client_en(officer).get(url("staff_fund_update", region, fund.pk)).status_code
        == 403
    )
    assert (
        client_en(advisor).get(url("staff_call_update", region, call.pk)).status_code
        == 403
    )
    assert (
        client_en(advisor).post(url("staff_call_publish", region, call.pk)).status_code
        == 403
    )


# Funds --------------------------------------------------------------------------------


def test_fund_create(region, advisor, no_role_user, outsider):
    result = assert_access(
        url("staff_fund_create", region),
        method="post",
        permitted=advisor,
        no_role=no_role_user,
        other_region=outsider,
        data={
            "name": "Regionala utvecklingsmedel",
            "type": "own",
            "currency": "SEK",
            "max_aid_intensity": "70",
            "appeal_allowed": "on",
            "is_active": "on",
            "name_en": "Regional development funds",
        },
        expect=302,
        audit_action="funding.fund_create",
    )
    fund = Fund.objects.get(name="Regionala utvecklingsmedel")
    assert fund.translations == {"en": {"name": "Regional development funds"}}
    assert result.response["Location"] == url("staff_fund_detail", region, fund.pk)


def test_appropriation_set_and_errors(region, client_en, advisor, fund):
    client = client_en(advisor)
    target = url("staff_appropriation_set", region, fund.pk)
    response = client.post(target, {"year": "2027", "amount": "12,500,000"})
    assert response.status_code == 302
    assert Appropriation.objects.get(fund=fund, year=2027).amount == 12_500_000_00

    response = client.post(target, {"year": "2027", "amount": "-5"})
    assert response.status_code == 200
    assert "The amount cannot be negative." in response.content.decode()

    AppropriationFactory(
        fund=fund, year=2026, amount=1_000_000_00, committed=900_000_00
    )
    response = client.post(target, {"year": "2026", "amount": "800,000"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "already committed" in html
    assert 'value="800,000"' in html  # what was typed is kept
    assert Appropriation.objects.get(fund=fund, year=2026).amount == 1_000_000_00


# Calls --------------------------------------------------------------------------------


def test_call_create(region, officer, no_role_user, outsider, fund):
    assert_access(
        url("staff_call_create", region),
        method="post",
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        data=call_post(fund),
        expect=302,
        audit_action="funding.call_create",
    )
    call = Call.objects.get(title="Kompetensförsörjning")
    assert call.status == CallStatus.DRAFT
    assert call.budget == 2_000_000_00
    assert call.eligible_applicant_types == ["company", "municipality"]
    assert call.required_sections == ["budget", "financing"]
    # 2027-03-31 23:59 in Stockholm (summer time) is 21:59 UTC.
    assert call.closes_at == datetime.datetime(2027, 3, 31, 21, 59, tzinfo=datetime.UTC)


def test_call_form_errors_keep_the_input(
    region, other_region, client_en, officer, fund
):
    foreign = FundFactory(region=other_region)
    client = client_en(officer)
    response = client.post(
        url("staff_call_create", region),
        call_post(
            fund,
            closes_at="2027-01-01T10:00",
            budget="-100",
            funds=[fund.pk, foreign.pk],
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert "The amount cannot be negative." in html
    assert "Select a valid choice" in html  # the other region's fund is not offered
    assert 'value="Kompetensförsörjning"' in html
    assert not Call.objects.exists()

    response = client.post(
        url("staff_call_create", region), call_post(fund, closes_at="2027-01-01T10:00")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The call must close after it opens." in html
    assert 'value="2027-01-01T10:00"' in html
    assert not Call.objects.exists()


def test_danish_call_times_are_copenhagen_time(other_region, client_en, outsider):
    fund = FundFactory(region=other_region)
    client = client_en(outsider)
    response = client.post(
        url("staff_call_create", other_region),
        call_post(
            fund,
            opens_at="2026-10-01T09:00",
            closes_at="2026-12-01T23:59",
            budget="1.000.000",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    call = Call.objects.get()
    assert call.closes_at == datetime.datetime(2026, 12, 1, 22, 59, tzinfo=datetime.UTC)
    assert call.budget == 1_000_000_00
    edit = client.get(url("staff_call_update", other_region, call.pk)).content.decode()
    assert 'value="2026-12-01T23:59"' in edit
    detail = client.get(
        url("staff_call_detail", other_region, call.pk)
    ).content.decode()
    assert "23:59" in detail
    assert "Europe/Copenhagen" in detail


def test_call_update_stale_keeps_input(region, client_en, officer, call):
    client = client_en(officer)
    target = url("staff_call_update", region, call.pk)
    fund = call.funds.get()
    data = call_post(fund, title="Min version", revision="1")
    Call.objects.filter(pk=call.pk).update(revision=2, title="Någon annans")
    response = client.post(target, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "changed by someone else" in html
    assert 'value="Min version"' in html
    assert "Någon annans" in html
    response = client.post(target, {**data, "revision": "2"})
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.title == "Min version"


def test_publish_archive_delete_buttons(region, officer, no_role_user, outsider, fund):
    draft = CallFactory(region=region, draft=True, funds=[fund])
    assert_access(
        url("staff_call_publish", region, draft.pk),
        method="post",
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=302,
        audit_action="funding.call_publish",
    )
    draft.refresh_from_db()
    assert draft.status == CallStatus.PUBLISHED
    assert_access(
        url("staff_call_archive", region, draft.pk),
        method="post",
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=302,
        audit_action="funding.call_archive",
    )
    other = CallFactory(region=region, draft=True)
    assert_access(
        url("staff_call_delete", region, other.pk),
        method="post",
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=302,
        audit_action="funding.call_delete",
    )
    assert not Call.objects.filter(pk=other.pk).exists()


def test_publish_without_fund_shows_why(region, client_en, officer):
    draft = CallFactory(region=region, draft=True, funds=[])
    response = client_en(officer).post(
        url("staff_call_publish", region, draft.pk), follow=True
    )
    assert "Choose at least one fund before publishing." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == CallStatus.DRAFT


def test_deleting_a_published_call_is_refused(region, client_en, officer, call):
    response = client_en(officer).post(
        url("staff_call_delete", region, call.pk), follow=True
    )
    assert "Only a draft call can be deleted" in response.content.decode()
    assert Call.objects.filter(pk=call.pk).exists()


# Parts --------------------------------------------------------------------------------


def test_criterion_screens(region, officer, no_role_user, outsider, client_en, call):
    assert_access(
        url("staff_criterion_create", region, call.pk),
        method="post",
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        data={
            "name": "Relevans",
            "weight": "3",
            "scale_min": "0",
            "scale_max": "5",
            "order": "",
        },
        expect=302,
        audit_action="funding.criterion_create",
    )
    criterion = Criterion.objects.get(call=call)
    client = client_en(officer)
    response = client.post(
        url("staff_criterion_update", region, call.pk, criterion.pk),
        {"name": "Relevans", "weight": "3", "scale_min": "5", "scale_max": "1"},
    )
    assert response.status_code == 200
    assert "The highest score must be above the lowest." in response.content.decode()
    assert (
        client.get(
            url("staff_criterion_delete", region, call.pk, criterion.pk)
        ).status_code
        == 200
    )
    response = client.post(url("staff_criterion_delete", region, call.pk, criterion.pk))
    assert response.status_code == 302
    assert not Criterion.objects.exists()


def test_indicator_and_attachment_screens(region, client_en, officer, call):
    client = client_en(officer)
    response = client.post(
        url("staff_indicator_create", region, call.pk),
        {
            "code": "P1",
            "name": "Nya företag",
            "unit": "st",
            "level": "outputs",
            "order": "",
        },
    )
    assert response.status_code == 302
    indicator = CallIndicator.objects.get(call=call)
    response = client.post(
        url("staff_indicator_update", region, call.pk, indicator.pk),
        {
            "code": "P1",
            "name": "Nya företag",
            "unit": "antal",
            "level": "outputs",
            "order": "0",
        },
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.unit == "antal"
    response = client.post(
        url("staff_attachment_create", region, call.pk),
        {"kind": "annual_report", "title": "Årsredovisning", "is_required": "on"},
    )
    assert response.status_code == 302
    attachment = call.required_attachments.get()
    client.post(url("staff_attachment_delete", region, call.pk, attachment.pk))
    client.post(url("staff_indicator_delete", region, call.pk, indicator.pk))
    assert not call.required_attachments.exists()
    assert not call.indicators.exists()


def test_call_detail_lists_parts(region, client_en, officer, call):
    CriterionFactory(call=call, name="Relevans för strategin")
    CallIndicatorFactory(call=call, name="Antal deltagare")
    RequiredAttachmentFactory(call=call, title="Intyg om medfinansiering")
    html = (
        client_en(officer)
        .get(url("staff_call_detail", region, call.pk))
        .content.decode()
    )
    for text in (
        "Relevans för strategin",
        "Antal deltagare",
        "Intyg om medfinansiering",
    ):
        assert text in html


def test_menu_and_dashboard_panel(region, client_en, region_admin, fund):
    CallFactory(region=region, funds=[fund])
    AppropriationFactory(
        fund=fund,
        year=timezone.localdate(timezone=region.tzinfo).year,
        amount=3_000_000_00,
        committed=1_000_000_00,
    )
    response = client_en(region_admin).get(
        reverse("accounts:region_dashboard", kwargs={"region_slug": region.slug})
    )
    html = response.content.decode()
    assert "Funds and calls" in html
    assert url("staff_fund_list", region) in html
    assert url("staff_call_list", region) in html
    assert "2,000,000" in html  # left of this year's appropriation


def test_staff_lists_query_counts_do_not_grow(region, client_en, officer):
    client = client_en(officer)
    client.get(url("staff_call_list", region))  # warm the session and caches

    def counts():
        result = []
        for name in ("staff_call_list", "staff_fund_list"):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url(name, region)).status_code == 200
            result.append(len(ctx.captured_queries))
        return result

    for _ in range(2):
        fund = FundFactory(region=region)
        AppropriationFactory(fund=fund)
        CallFactory(region=region, funds=[fund])
    few = counts()
    for _ in range(10):
        fund = FundFactory(region=region)
        AppropriationFactory(fund=fund, year=2025)
        AppropriationFactory(fund=fund, year=2026)
        CallFactory(region=region, funds=[fund, FundFactory(region=region)])
    assert counts() == few


def test_call_detail_query_count_is_fixed(region, client_en, officer, call):
    client = client_en(officer)
    target = url("staff_call_detail", region, call.pk)
    client.get(target)
    with CaptureQueriesContext(connection) as few:
        client.get(target)
    for _ in range(5):
        CriterionFactory(call=call)
        CallIndicatorFactory(call=call)
        RequiredAttachmentFactory(call=call)
    with CaptureQueriesContext(connection) as many:
        client.get(target)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_call_form_links_activities_and_goals(
    region, client_en, officer, fund, strategy
):
    plan = ActionPlanFactory(region=region, adopted=True, title="Kompetensplanen")
    activity = ActivityFactory(action_plan=plan, title="Kompetenslyft")
    goal = GoalFactory(strategy=strategy, code="3", title="Livslångt lärande")
    client = client_en(officer)
    form = client.get(url("staff_call_create", region)).content.decode()
    assert "Kompetensplanen: Kompetenslyft" in form
    assert "Livslångt lärande" in form
    response = client.post(
        url("staff_call_create", region),
        call_post(fund, activities=[activity.pk], goals=[goal.pk]),
    )
    assert response.status_code == 302
    call = Call.objects.get()
    assert list(call.activities.all()) == [activity]
    assert list(call.goals.all()) == [goal]

"""The public call pages: order of the list, the call in each language, drafts and other
regions, times in the region's zone, the Apply button and query counts."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from samverka.funding.tests.factories import (
    CallFactory,
    CallIndicatorFactory,
    CriterionFactory,
    FundFactory,
    RequiredAttachmentFactory,
)
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory
from samverka.strategy.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def client_in(language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def list_url(region):
    return reverse("funding:public_call_list", args=[region.slug])


def test_list_orders_open_upcoming_closed(region):
    now = timezone.now()
    CallFactory(region=region, title="Stängd utlysning", closed=True)
    CallFactory(
        region=region,
        title="Kommande utlysning",
        opens_at=now + datetime.timedelta(days=5),
        closes_at=now + datetime.timedelta(days=50),
    )
    CallFactory(region=region, title="Öppen utlysning")
    CallFactory(region=region, title="Utkastet", draft=True)
    html = client_in("en").get(list_url(region)).content.decode()
    assert "Utkastet" not in html
    assert (
        html.index("Öppen utlysning")
        < html.index("Kommande utlysning")
        < html.index("Stängd utlysning")
    )
    assert (
        html.index("Open calls")
        < html.index("Upcoming calls")
        < html.index("Closed calls")
    )
    # The feeds are announced.
    assert 'rel="alternate" type="application/feed+json"' in html
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_list_of_unknown_or_inactive_region_is_404(region, other_region):
    other_region.is_active = False
    other_region.save()
    client = client_in("en")
    assert client.get("/nowhere/calls/").status_code == 404
    assert client.get(list_url(other_region)).status_code == 404


def test_list_shows_deadline_in_the_regions_zone(other_region):
    fund = FundFactory(region=other_region, name="Regional udviklingsmidler")
    CallFactory(
        region=other_region,
        title="Kvalificeret arbejdskraft",
        opens_at=datetime.datetime(2026, 10, 1, 7, 0, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(2026, 12, 1, 22, 59, tzinfo=datetime.UTC),
        budget=5_000_000_00,
        funds=[fund],
    )
    html = client_in("en").get(list_url(other_region)).content.decode()
    assert "23:59" in html
    assert "22:59" not in html
    assert "Europe/Copenhagen" in html
    assert "Regional udviklingsmidler" in html
    assert "5,000,000" in html


def test_list_query_count_does_not_grow(region, django_assert_max_num_queries):
    client = client_in("en")
    for _ in range(3):
        CallFactory(region=region)
    with django_assert_max_num_queries(6):
        assert client.get(list_url(region)).status_code == 200
    for _ in range(12):
        CallFactory(
            region=region,
            funds=[FundFactory(region=region), FundFactory(region=region)],
        )
        CallFactory(region=region, closed=True)
    with django_assert_max_num_queries(6):
        assert client.get(list_url(region)).status_code == 200


@pytest.fixture
def full_call(region, strategy):
    plan = ActionPlanFactory(
        region=region, adopted=True, title="Handlingsplan kompetens"
    )
    activity = ActivityFactory(action_plan=plan, title="Kompetenslyft i industrin")
    goal = GoalFactory(strategy=strategy, code="2", title="Kompetensförsörjning")
    call = CallFactory(
        region=region,
        title="Kompetens i företag",
        summary="Sammanfattning på svenska.",
        text="Utlysningstexten på svenska.",
        translations={
            "en": {
                "title": "Skills in companies",
                "summary": "Summary in English.",
                "text": "The call text in English.",
            }
        },
        eligible_applicant_types=["company", "university"],
        contact_name="Olle Officersson",
        contact_email="olle@example.org",
    )
    call.activities.set([activity])
    call.goals.set([goal])
    CriterionFactory(
        call=call, name="Relevans", weight=3, translations={"en": {"name": "Relevance"}}
    )
    CriterionFactory(call=call, name="Genomförbarhet", weight=1)
    CallIndicatorFactory(call=call, name="Antal företag", unit="st")
    RequiredAttachmentFactory(call=call, title="Intyg om medfinansiering")
    return call


def test_detail_in_english_and_swedish(full_call, region):
    target = full_call.get_absolute_url()
    html = client_in("en").get(target).content.decode()
    for text in (
        "Skills in companies",
        "The call text in English.",
        "Relevance",
        "Genomförbarhet",
        "Antal företag",
        "Intyg om medfinansiering",
        "Company",
        "University or college",
        "Kompetenslyft i industrin",
        "Kompetensförsörjning",
        "olle@example.org",
    ):
        assert text in html, text
    assert (
        reverse(
            "plans:public_detail",
            args=[region.slug, full_call.activities.get().action_plan_id],
        )
        in html
    )
    assert "75 %" in html  # 3 of a total weight of 4
    sv = client_in("sv").get(target).content.decode()
    assert "Kompetens i företag" in sv
    assert "Utlysningstexten på svenska." in sv


def test_detail_query_count_is_fixed(full_call, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        assert client_in("en").get(full_call.get_absolute_url()).status_code == 200


def _apply_href(call):
    try:
        return reverse("applications:start", args=[call.pk])
    except NoReverseMatch:
        return None


def test_apply_button_only_when_open(region):
    open_call = CallFactory(region=region)
    closed = CallFactory(region=region, closed=True)
    client = client_in("en")
    html = client.get(open_call.get_absolute_url()).content.decode()
    href = _apply_href(open_call)
    if href is not None:
        assert f'href="{href}"' in html
        assert ">Apply<" in html
    closed_html = client.get(closed.get_absolute_url()).content.decode()
    assert ">Apply<" not in closed_html


def test_drafts_and_other_regions_calls_are_404(region, other_region):
    draft = CallFactory(region=region, draft=True)
    foreign = CallFactory(region=other_region)
    client = client_in("en")
    assert (
        client.get(
            reverse("funding:public_call_detail", args=[region.slug, draft.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("funding:public_call_detail", args=[region.slug, foreign.pk])
        ).status_code
        == 404
    )


def test_text_is_escaped(region):
    call = CallFactory(
        region=region, title="<script>alert(1)</script>", text="<b>fet</b>"
    )
    html = client_in("en").get(call.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>fet</b>" not in html


def test_untranslated_call_text_is_marked_with_its_language(client, region, settings):
    from samverka.funding.tests.factories import CallFactory

    call = CallFactory(
        region=region,
        title="Regionala projektmedel 2027",
        translations={"en": {"title": "Regional project funds 2027"}},
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/{region.slug}/calls/{call.pk}/").content.decode()
    assert "<h1>Regional project funds 2027</h1>" in page
    # The summary has no English version: it is shown in Swedish, marked as such.
    assert '<div class="lead" lang="sv">' in page

"""The officer's inbox: scope, filters, sorting, pages, saved filters, query count,
the menu item and the dashboard panel."""

import datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory, staff_user
from samverka.applications import navigation, services
from samverka.applications.choices import ApplicationStatus
from samverka.applications.models import CompletionRequest, SavedFilter
from samverka.applications.tests.factories import ApplicationFactory
from samverka.core.navigation import dashboard_panels, menu_items
from samverka.core.testing import assert_access
from samverka.funding.tests.factories import CallFactory, FundFactory
from samverka.geo.tests.factories import MunicipalityFactory
from samverka.records import services as records

pytestmark = pytest.mark.django_db


def make_submitted(call, *, status=ApplicationStatus.SUBMITTED, days_ago=1, **kwargs):
    """A submitted application with its case, as the submit service leaves it."""
    municipalities = kwargs.pop("municipalities", [])
    submitted_at = timezone.now() - datetime.timedelta(days=days_ago)
    app = ApplicationFactory(
        call=call,
        status=status,
        submitted_at=submitted_at,
        last_submitted_at=submitted_at,
        total_cost=2 * (kwargs.get("amount_requested") or 500_000_00),
        **kwargs,
    )
    app.case = records.case_open(
        region=call.region, title=app.title, by=None, kind="application"
    )
    app.save(update_fields=["case"])
    app.municipalities.set(municipalities)
    return app


def inbox_url(region, **params):
    url = reverse("applications:inbox", kwargs={"region_slug": region.slug})
    return f"{url}?{urlencode(params)}" if params else url


def titles(response):
    return [app.title for app in response.context["applications"]]


@pytest.fixture
def assessor(region):
    return staff_user(region, "assessor", full_name="Asta Bedömare")


@pytest.fixture
def decision_maker(region):
    return staff_user(region, "decision_maker", full_name="Dag Beslutare")


@pytest.fixture
def second_call(region):
    fund = FundFactory(region=region, name="Landsbygdsprogrammet")
    return CallFactory(region=region, title="Landsbygdsutlysning", funds=[fund])


@pytest.fixture
def sundsvall():
    return MunicipalityFactory(code="2281", name="Sundsvall")


@pytest.fixture
def harnosand():
    return MunicipalityFactory(code="2280", name="Härnösand")


@pytest.fixture
def apps(call, second_call, officer, sundsvall, harnosand):
    """Four applications that differ in every filtered field, and a draft."""
    return {
        "alpha": make_submitted(
            call,
            title="Alfa besöksnäring",
            amount_requested=100_000_00,
            officer=officer,
            municipalities=[sundsvall],
            days_ago=4,
        ),
        "beta": make_submitted(
            call,
            title="Beta innovation",
            amount_requested=900_000_00,
            status=ApplicationStatus.COMPLETION_REQUESTED,
            municipalities=[harnosand],
            days_ago=3,
        ),
        "gamma": make_submitted(
            second_call,
            title="Gamma landsbygd",
            amount_requested=400_000_00,
            fund=second_call.funds.first(),
            municipalities=[sundsvall, harnosand],
            days_ago=2,
        ),
        "delta": make_submitted(
            second_call,
            title="Delta kompetens",
            amount_requested=250_000_00,
            fund=second_call.funds.first(),
            status=ApplicationStatus.IN_ASSESSMENT,
            days_ago=1,
        ),
        "draft": ApplicationFactory(call=call, title="Utkast som ingen ser"),
    }


# Scope --------------------------------------------------------------------------------


def test_an_assessor_without_another_role_does_not_read_the_inbox(
    client, region, apps, assessor
):
    """An assessor reads only the applications assigned to them, after declaring."""
    client.force_login(assessor)
    assert client.get(inbox_url(region)).status_code == 403
    detail = reverse("applications:staff_detail", args=[region.slug, apps["alpha"].pk])
    assert client.get(detail).status_code == 403


@pytest.mark.parametrize("who", ["officer", "region_admin", "decision_maker"])
def test_staff_of_the_region_open_the_inbox(who, request, region, apps, outsider):
    user = request.getfixturevalue(who)
    result = assert_access(
        inbox_url(region),
        permitted=user,
        no_role=UserFactory(),
        other_region=outsider,
        expect=200,
    )
    shown = titles(result.response)
    assert sorted(shown) == sorted(
        ["Alfa besöksnäring", "Beta innovation", "Gamma landsbygd", "Delta kompetens"]
    )


def test_drafts_and_other_regions_are_not_listed(
    client_en, region, other_region, apps, officer
):
    foreign_call = CallFactory(region=other_region)
    make_submitted(foreign_call, title="Sjællandsk projekt")
    response = client_en(officer).get(inbox_url(region))
    content = response.content.decode()
    assert "Utkast som ingen ser" not in content
    assert "Sjællandsk projekt" not in content
    assert "Alfa besöksnäring" in content
    assert "4 applications" in content


def test_the_table_has_the_columns(client_en, region, apps, officer):
    content = client_en(officer).get(inbox_url(region)).content.decode()
    alpha = apps["alpha"]
    for text in (
        alpha.case_number,
        alpha.organisation.name,
        alpha.call.title,
        alpha.fund.name,
        "100,000",  # amount applied for
        "200,000",  # total cost
        "Sundsvall",
        "Submitted",
        "Olle Officersson",
        "<caption",
        'scope="col"',
    ):
        assert text in content, text


# Filters ------------------------------------------------------------------------------


def test_each_filter_narrows_the_list(
    client_en, region, apps, call, second_call, officer, harnosand
):
    client = client_en(officer)
    cases = [
        ({"call": call.pk}, {"Alfa besöksnäring", "Beta innovation"}),
        (
            {"fund": second_call.funds.first().pk},
            {"Gamma landsbygd", "Delta kompetens"},
        ),
        ({"status": "completion_requested"}, {"Beta innovation"}),
        ({"municipality": harnosand.pk}, {"Beta innovation", "Gamma landsbygd"}),
        ({"amount_min": "300 000"}, {"Beta innovation", "Gamma landsbygd"}),
        ({"amount_max": "250 000"}, {"Alfa besöksnäring", "Delta kompetens"}),
        (
            {"amount_min": "200000", "amount_max": "450000,00"},
            {"Gamma landsbygd", "Delta kompetens"},
        ),
        ({"officer": "mine"}, {"Alfa besöksnäring"}),
        ({"officer": str(officer.pk)}, {"Alfa besöksnäring"}),
        (
            {"officer": "unassigned"},
            {"Beta innovation", "Gamma landsbygd", "Delta kompetens"},
        ),
        ({"q": "INNOVATION"}, {"Beta innovation"}),
        ({"q": apps["gamma"].case_number}, {"Gamma landsbygd"}),
        ({"q": apps["delta"].organisation.name}, {"Delta kompetens"}),
        ({"call": call.pk, "officer": "unassigned"}, {"Beta innovation"}),
    ]
    for params, expected in cases:
        response = client.get(inbox_url(region, **params))
        assert response.status_code == 200
        assert set(titles(response)) == expected, params


def test_a_bad_amount_is_shown_at_the_field_and_kept(client_en, region, apps, officer):
    response = client_en(officer).get(inbox_url(region, amount_min="tusen"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter an amount in SEK" in content
    assert 'value="tusen"' in content
    # The other filters still apply; the bad one is left out.
    assert len(titles(response)) == 4


def test_the_drafts_status_cannot_be_chosen(client_en, region, apps, officer):
    response = client_en(officer).get(inbox_url(region, status="draft"))
    assert "Utkast som ingen ser" not in response.content.decode()
    assert len(titles(response)) == 4


# Sorting and pages --------------------------------------------------------------------


def test_sorting_by_each_column(client_en, region, apps, officer):
    client = client_en(officer)
    alpha, beta, gamma, delta = (
        "Alfa besöksnäring",
        "Beta innovation",
        "Gamma landsbygd",
        "Delta kompetens",
    )
    assert titles(client.get(inbox_url(region))) == [delta, gamma, beta, alpha]
    assert titles(client.get(inbox_url(region, sort="submitted"))) == [
        alpha,
        beta,
        gamma,
        delta,
    ]
    assert titles(client.get(inbox_url(region, sort="-amount"))) == [
        beta,
        gamma,
        delta,
        alpha,
    ]
    assert titles(client.get(inbox_url(region, sort="amount"))) == [
        alpha,
        delta,
        gamma,
        beta,
    ]
    assert titles(client.get(inbox_url(region, sort="case"))) == [
        alpha,
        beta,
        gamma,
        delta,
    ]
    # The workflow's order: submitted, completion requested, in assessment.
    assert titles(client.get(inbox_url(region, sort="status")))[-2:] == [beta, delta]
    assert titles(client.get(inbox_url(region, sort="-status")))[:2] == [delta, beta]


def test_the_sorted_column_says_so_and_links_the_reverse(
    client_en, region, apps, officer
):
    content = (
        client_en(officer).get(inbox_url(region, sort="amount", status="submitted"))
    ).content.decode()
    assert 'aria-sort="ascending"' in content
    assert "sort=-amount" in content
    assert "status=submitted" in content  # the filters stay when sorting
    assert content.count("aria-sort=") == 1


def test_an_unknown_sort_falls_back_to_newest(client_en, region, apps, officer):
    response = client_en(officer).get(inbox_url(region, sort="title;drop"))
    assert response.status_code == 200
    assert titles(response)[0] == "Delta kompetens"


def test_fifty_a_page(client_en, region, call, officer):
    for _ in range(51):
        make_submitted(call)
    client = client_en(officer)
    first = client.get(inbox_url(region, status="submitted"))
    assert len(titles(first)) == 50
    content = first.content.decode()
    assert "Page 1 of 2" in content
    assert "page=2&amp;status=submitted" in content
    second = client.get(inbox_url(region, status="submitted", page=2))
    assert len(titles(second)) == 1


# Saved filters ------------------------------------------------------------------------


def test_a_saved_filter_round_trip(client_en, region, apps, officer, call, outsider):
    query = urlencode({"call": call.pk, "officer": "unassigned", "page": 2})
    save_url = reverse(
        "applications:saved_filter_save", kwargs={"region_slug": region.slug}
    )
    result = assert_access(
        save_url,
        method="post",
        data={"name": "Mina obemannade", "query": query},
        permitted=officer,
        no_role=UserFactory(),
        other_region=outsider,
        expect=302,
        audit_action="applications.filter_save",
    )
    saved = SavedFilter.objects.get(user=officer, region=region)
    assert saved.name == "Mina obemannade"
    assert "page" not in saved.query
    assert result.response["Location"].endswith(f"?{saved.query}")
    client = client_en(officer)
    page = client.get(inbox_url(region)).content.decode()
    assert "Mina obemannade" in page
    assert f"?{saved.query}".replace("&", "&amp;") in page
    assert set(titles(client.get(result.response["Location"]))) == {"Beta innovation"}
    # Only the owner deletes it.
    delete_url = reverse(
        "applications:saved_filter_delete",
        kwargs={"region_slug": region.slug, "pk": saved.pk},
    )
    colleague = staff_user(region, "officer")
    assert client_en(colleague).post(delete_url).status_code == 404
    response = client.post(delete_url)
    assert response.status_code == 302
    assert not SavedFilter.objects.exists()


def test_a_saved_filter_needs_a_name_and_keeps_the_filters(
    client_en, region, apps, officer, call
):
    save_url = reverse(
        "applications:saved_filter_save", kwargs={"region_slug": region.slug}
    )
    response = client_en(officer).post(
        save_url, {"name": "", "query": f"call={call.pk}"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "This field is required." in content
    assert set(titles(response)) == {"Alfa besöksnäring", "Beta innovation"}
    assert not SavedFilter.objects.exists()


def test_saved_filters_are_personal(client_en, region, apps, officer):
    colleague = staff_user(region, "officer")
    services.saved_filter_save(
        user=colleague, region=region, name="Kollegans filter", query="status=submitted"
    )
    content = client_en(officer).get(inbox_url(region)).content.decode()
    assert "Kollegans filter" not in content


# Query count --------------------------------------------------------------------------


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_query_count_does_not_grow_with_the_rows(
    client_en,
    region,
    call,
    officer,
    sundsvall,
    harnosand,
    django_assert_max_num_queries,
):
    client = client_en(officer)
    for index in range(3):
        make_submitted(
            call, officer=officer if index % 2 else None, municipalities=[sundsvall]
        )
    few = _count_queries(client, inbox_url(region))
    for index in range(27):
        make_submitted(
            call,
            officer=officer if index % 2 else None,
            municipalities=[sundsvall, harnosand],
        )
    many = _count_queries(client, inbox_url(region))
    assert few == many
    with django_assert_max_num_queries(few):
        client.get(inbox_url(region, sort="-amount", officer="unassigned"))


# Menu and dashboard -------------------------------------------------------------------


def test_the_menu_item_and_the_dashboard_panel(
    client_en, region, apps, officer, no_role_user
):
    navigation.register()
    item = next(i for i in menu_items() if i.key == "applications.inbox")
    assert item.order == 320
    assert item.allowed(officer, region)
    assert not item.allowed(no_role_user, region)
    panel = next(p for p in dashboard_panels() if p.key == "applications.inbox")
    assert not panel.allowed(officer, None)
    beta = apps["beta"]
    CompletionRequest.objects.create(
        application=beta,
        message="Mer underlag.",
        deadline=timezone.localdate() - datetime.timedelta(days=3),
        requested_at=timezone.now() - datetime.timedelta(days=20),
    )
    response = client_en(officer).get(
        reverse("accounts:region_dashboard", kwargs={"region_slug": region.slug})
    )
    content = response.content.decode()
    assert inbox_url(region) in content  # menu and panel
    assert "4 submitted applications" in content
    assert "Completion requests past their deadline" in content
    assert beta.case_number in content
    assert "Delta kompetens" in content  # newest submitted
    assert "Utkast som ingen ser" not in content

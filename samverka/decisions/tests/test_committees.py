"""Committees, meetings, agendas, the committee's decisions and the minutes extract."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import staff_user
from samverka.core.navigation import menu_items
from samverka.core.testing import assert_access
from samverka.decisions import services
from samverka.decisions.choices import MeetingStatus
from samverka.decisions.models import AgendaItem, Committee, Decision, Meeting
from samverka.decisions.tests.assessed import recommend
from samverka.funding import services as funding_services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def committee(region):
    return services.committee_create(
        region=region, by=None, name="Regionala utvecklingsnämnden"
    )


@pytest.fixture
def meeting(committee, decision_maker, region):
    return services.meeting_create(
        committee=committee,
        by=None,
        starts_at=datetime.datetime(2027, 3, 10, 13, 0, tzinfo=region.tzinfo),
        place="Regionens hus, Härnösand",
        secretary=decision_maker,
    )


@pytest.fixture
def recommended(in_assessment, officer):
    recommend(in_assessment, officer=officer)
    in_assessment.refresh_from_db()
    return in_assessment


@pytest.fixture
def officer_limit(region):
    """Case officers decide on grants up to 100,000 SEK."""
    return funding_services.delegation_limit_set(
        region=region, by=None, data={"level": "officer", "max_amount": 100_000_00}
    )


def _url(name, region, pk=None):
    kwargs = {"region_slug": region.slug}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(name, kwargs=kwargs)


def _decision_data(**more):
    data = {
        "outcome": "grant_with_conditions",
        "amount": "400000",
        "start_date": "2027-01-01",
        "end_date": "2027-12-31",
        "reasons": "Nämnden delar handläggarens bedömning.",
        "conditions-TOTAL_FORMS": "3",
        "conditions-INITIAL_FORMS": "0",
        "conditions-MIN_NUM_FORMS": "0",
        "conditions-MAX_NUM_FORMS": "30",
        "conditions-0-kind": "cofunding",
        "conditions-0-text": "Sundsvalls kommun medfinansierar projektet.",
        "conditions-0-funder": "Sundsvalls kommun",
        "conditions-0-amount": "500000",
        "conditions-0-deadline": "2027-03-31",
    }
    for index in (1, 2):
        data[f"conditions-{index}-kind"] = "general"
    data.update(more)
    return data


# Committees ---------------------------------------------------------------------------


def test_committees_page_access(committee, meeting, officer, no_role_user, outsider):
    result = assert_access(
        _url("decisions:committees", committee.region),
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )
    html = result.response.content.decode()
    assert "Regionala utvecklingsnämnden" in html
    assert "Regionens hus, Härnösand" in html
    assert _url("decisions:meeting", committee.region, meeting.pk) in html


def test_committees_page_is_refused_to_an_assessor(region, client_en):
    assessor_only = staff_user(region, "assessor")
    response = client_en(assessor_only).get(_url("decisions:committees", region))
    assert response.status_code == 403


def test_add_a_committee(region, officer, no_role_user, outsider):
    result = assert_access(
        _url("decisions:committees", region),
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        method="post",
        data={"name": "Kulturnämnden"},
        expect=302,
        audit_action="decisions.committee_create",
    )
    assert result.response["Location"] == _url("decisions:committees", region)
    assert Committee.objects.get(region=region).name == "Kulturnämnden"


def test_a_committee_needs_a_name(region, officer, client_en):
    response = client_en(officer).post(
        _url("decisions:committees", region), {"name": "  "}
    )

    assert response.status_code == 200
    assert "Name the committee." in response.content.decode()
    assert not Committee.objects.exists()


def test_committees_page_queries_do_not_grow_with_meetings(
    committee, region, officer, client_en, django_assert_max_num_queries
):
    client = client_en(officer)
    for day in (1, 2):
        services.meeting_create(
            committee=committee,
            by=None,
            starts_at=datetime.datetime(2027, 4, day, 9, tzinfo=region.tzinfo),
        )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(_url("decisions:committees", region))
    for day in range(3, 9):
        services.meeting_create(
            committee=committee,
            by=None,
            starts_at=datetime.datetime(2027, 4, day, 9, tzinfo=region.tzinfo),
        )
    services.committee_create(region=region, by=None, name="Kulturnämnden")
    with django_assert_max_num_queries(len(few)):
        response = client.get(_url("decisions:committees", region))
    assert response.content.decode().count("Regionala utvecklingsnämnden") >= 1


# Meetings -----------------------------------------------------------------------------


def test_plan_a_meeting_in_the_regions_time(
    committee, region, officer, decision_maker, client_en
):
    response = client_en(officer).post(
        _url("decisions:meeting_create", region, committee.pk),
        {
            "date": "2027-03-10",
            "time": "13:00",
            "place": "Regionens hus",
            "secretary": decision_maker.pk,
        },
    )

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("decisions:meeting", region, meeting.pk)
    # 13:00 in Stockholm in March is 12:00 UTC.
    assert meeting.starts_at == datetime.datetime(2027, 3, 10, 12, tzinfo=datetime.UTC)
    assert meeting.secretary == decision_maker
    assert meeting.place == "Regionens hus"


def test_meeting_form_offers_decision_makers_as_secretaries(
    committee, region, officer, decision_maker, client_en
):
    response = client_en(officer).get(
        _url("decisions:meeting_create", region, committee.pk)
    )

    html = response.content.decode()
    assert "Dag Beslutare" in html
    assert (
        "Olle Officersson"
        not in html.split('name="secretary"')[1].split("</select>")[0]
    )


def test_meeting_without_a_date_keeps_what_was_typed(
    committee, region, officer, client_en
):
    response = client_en(officer).post(
        _url("decisions:meeting_create", region, committee.pk),
        {"date": "", "time": "13:00", "place": "Regionens hus"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_date_error"' in html
    assert 'value="Regionens hus"' in html
    assert not Meeting.objects.exists()


def test_meeting_of_another_region_is_not_found(
    other_region, officer, region, client_en
):
    other = services.committee_create(region=other_region, by=None, name="Udvalget")
    foreign = services.meeting_create(
        committee=other, by=None, starts_at=timezone.now()
    )
    client = client_en(officer)
    assert client.get(_url("decisions:meeting", region, foreign.pk)).status_code == 404
    assert (
        client.get(_url("decisions:meeting_create", region, other.pk)).status_code
        == 404
    )


# The agenda ---------------------------------------------------------------------------


def test_put_an_application_on_the_agenda(
    meeting, recommended, region, officer, no_role_user, outsider
):
    result = assert_access(
        _url("decisions:agenda_add", region, meeting.pk),
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        method="post",
        data={"application": recommended.pk},
        expect=302,
        audit_action="decisions.agenda_add",
    )

    assert result.response["Location"] == _url("decisions:meeting", region, meeting.pk)
    item = AgendaItem.objects.get(meeting=meeting)
    assert (item.application, item.number) == (recommended, 1)


def test_an_application_without_recommendation_is_refused(
    meeting, in_assessment, region, officer, client_en
):
    client = client_en(officer)
    page = client.get(_url("decisions:meeting", region, meeting.pk)).content.decode()
    assert "No application in assessment has a recommendation" in page

    response = client.post(
        _url("decisions:agenda_add", region, meeting.pk),
        {"application": in_assessment.pk},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Write the recommendation before the application goes on an agenda." in html
    assert 'id="id_application_error"' in html
    assert not AgendaItem.objects.exists()


def test_the_agenda_shows_the_matter(
    meeting, recommended, region, officer, assessor, criteria, client_en
):
    from samverka.decisions.tests.assessed import assess

    assess(recommended, officer=officer, assessor=assessor, criteria=criteria)
    services.agenda_item_add(meeting=meeting, application=recommended, by=officer)

    response = client_en(officer).get(_url("decisions:meeting", region, meeting.pk))

    html = response.content.decode()
    assert "§ 1" in html
    assert recommended.case_number in html
    assert "Digital besöksnäring" in html
    assert "Exempelbolaget Norrland AB" in html
    assert "Grant with conditions, SEK400,000.00" in html
    assert "79.3" in html
    assert "Not decided" in html
    # An officer prepares but does not record the committee's decision.
    assert "Record the decision on § 1" not in html


def test_take_an_item_off_the_agenda(meeting, recommended, region, officer, client_en):
    item = services.agenda_item_add(
        meeting=meeting, application=recommended, by=officer
    )

    response = client_en(officer).post(_url("decisions:agenda_remove", region, item.pk))

    assert response.status_code == 302
    assert not AgendaItem.objects.exists()


# The committee's decision -------------------------------------------------------------


@pytest.fixture
def item(meeting, recommended, officer):
    return services.agenda_item_add(
        meeting=meeting, application=recommended, by=officer
    )


def test_record_the_committees_decision_above_the_officers_limit(
    item, region, officer_limit, decision_maker, officer, client_en
):
    url = _url("decisions:item_decide", region, item.pk)
    # An officer is refused: only a decision maker records the committee's decision.
    assert client_en(officer).get(url).status_code == 403
    client = client_en(decision_maker)
    agenda = client.get(_url("decisions:meeting", region, item.meeting_id))
    assert url in agenda.content.decode()
    page = client.get(url).content.decode()
    assert "Kommunen medfinansierar." in page  # the proposed condition, ready

    response = client.post(url, _decision_data())

    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == _url("decisions:meeting", region, item.meeting_id)
    decision = Decision.objects.get()
    assert decision.agenda_item == item
    assert decision.level == "committee"
    assert decision.amount == 400_000_00 > officer_limit.max_amount
    assert decision.decided_by == decision_maker
    assert [c.funder for c in decision.conditions.all()] == ["Sundsvalls kommun"]
    meeting_page = client.get(_url("decisions:meeting", region, item.meeting_id))
    assert (
        "Grant with conditions</strong>, SEK400,000.00" in meeting_page.content.decode()
    )
    # Decided: the form is gone, the extract opens instead.
    again = client.get(url)
    assert again["Location"] == _url("decisions:minutes_extract", region, item.pk)


def test_a_committee_decision_without_reasons_keeps_what_was_typed(
    item, region, decision_maker, client_en
):
    response = client_en(decision_maker).post(
        _url("decisions:item_decide", region, item.pk), _decision_data(reasons="")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Give the reasons for the decision." in html
    assert "Sundsvalls kommun medfinansierar projektet." in html
    assert not Decision.objects.exists()


def test_item_of_another_region_is_not_found(
    item, region, outsider, other_region, client_en
):
    """Through the other region's address, by its decision maker: not found."""
    foreign = staff_user(other_region, "decision_maker")
    response = client_en(foreign).get(
        _url("decisions:item_decide", other_region, item.pk)
    )
    assert response.status_code == 404
    response = client_en(outsider).get(
        _url("decisions:minutes_extract", other_region, item.pk)
    )
    assert response.status_code == 404


# Holding the meeting ------------------------------------------------------------------


def test_meeting_hold_is_refused_while_items_are_undecided(
    item, region, decision_maker, client_en
):
    client = client_en(decision_maker)
    response = client.post(
        _url("decisions:meeting_hold", region, item.meeting_id), follow=True
    )

    assert "Record a decision on every item first; undecided: §1." in (
        response.content.decode()
    )
    assert Meeting.objects.get().status == MeetingStatus.PLANNED

    services.decision_record(
        application=item.application,
        by=decision_maker,
        data={"outcome": "reject", "reasons": "Andra projekt prioriteras."},
        agenda_item=item,
    )
    response = client.post(_url("decisions:meeting_hold", region, item.meeting_id))

    assert response.status_code == 302
    assert Meeting.objects.get().status == MeetingStatus.HELD


def test_only_a_decision_maker_holds_the_meeting(item, region, officer, client_en):
    response = client_en(officer).post(
        _url("decisions:meeting_hold", region, item.meeting_id)
    )
    assert response.status_code == 403


# The minutes extract ------------------------------------------------------------------


@pytest.fixture
def decided_item(item, decision_maker):
    services.decision_record(
        application=item.application,
        by=decision_maker,
        data={
            "outcome": "grant_with_conditions",
            "amount": 400_000_00,
            "reasons": "Nämnden delar handläggarens bedömning.",
            "conditions": [
                {
                    "kind": "cofunding",
                    "text": "Sundsvalls kommun medfinansierar projektet.",
                    "funder": "Sundsvalls kommun",
                    "deadline": datetime.date(2027, 3, 31),
                }
            ],
        },
        agenda_item=item,
    )
    return item


def test_minutes_extract(decided_item, region, officer, no_role_user, outsider):
    result = assert_access(
        _url("decisions:minutes_extract", region, decided_item.pk),
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )

    html = result.response.content.decode()
    assert "Extract from the minutes" in html
    assert "Regionala utvecklingsnämnden" in html
    assert "Regionens hus, Härnösand" in html
    assert "§ 1" in html
    assert decided_item.application.case_number in html
    assert "Exempelbolaget Norrland AB" in html
    assert "Projektet stärker besöksnäringen." in html  # the recommendation
    assert "Grant with conditions" in html
    assert "Nämnden delar handläggarens bedömning." in html
    assert "Sundsvalls kommun medfinansierar projektet." in html


def test_minutes_extract_pdf(decided_item, region, officer, client_en):
    response = client_en(officer).get(
        _url("decisions:minutes_extract_pdf", region, decided_item.pk)
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    stem = decided_item.application.case_number.replace(" ", "-")
    assert f"{stem}-minutes-1.pdf" in response["Content-Disposition"]


# The menu -----------------------------------------------------------------------------


def test_menu_items(region, officer, decision_maker):
    items = {i.key: i for i in menu_items()}
    committees = items["decisions.committees"]
    assert committees.url_name == "decisions:committees"
    assert committees.order == 335
    assert committees.allowed(officer, region)
    assert committees.allowed(decision_maker, region)
    assert not committees.allowed(staff_user(region, "assessor"), region)
    assert items["decisions.conditions"].order == 336
    assert items["decisions.delegation"].order == 337
    assert items["decisions.delegation"].allowed(staff_user(region, "assessor"), region)


def test_the_menu_shows_committees(region, officer, client_en):
    response = client_en(officer).get(_url("decisions:committees", region))
    assert f'href="{_url("decisions:committees", region)}"' in response.content.decode()

"""The assessment pages: my assignments, the assessor's page (declare, score, read
the others' scores), the lead's overview, assigning and spreading, the formal check
and the recommendation."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import staff_user
from samverka.applications.choices import ApplicationStatus
from samverka.applications.tests.factories import ApplicationFactory
from samverka.assessments import navigation, services
from samverka.assessments.choices import (
    AssignmentStatus,
    CheckItem,
    CheckOutcome,
    RecommendedOutcome,
)
from samverka.assessments.models import Assignment, FormalCheck, Recommendation, Score
from samverka.core.navigation import dashboard_panels, menu_items
from samverka.core.testing import assert_access

pytestmark = pytest.mark.django_db

SUMMARY = "Sammanfattning."


def url(name, *args):
    return reverse(f"assessments:{name}", args=list(args))


def assign(application, assessor, by):
    return services.assignment_add(application=application, assessor=assessor, by=by)


def declared(application, assessor, by):
    assignment = assign(application, assessor, by)
    return services.declare(assignment=assignment, by=assessor, has_conflict=False)


def scored(application, assessor, by, criteria, values=(4, 7), submit=True):
    assignment = declared(application, assessor, by)
    assignment = services.scores_save(
        assignment=assignment,
        by=assessor,
        values={
            c.pk: (v, f"Om {c.name}") for c, v in zip(criteria, values, strict=True)
        },
        comment="Sammantaget bra.",
    )
    if submit:
        assignment = services.scores_submit(assignment=assignment, by=assessor)
    return assignment


def submitted_in(call, n, **kwargs):
    moment = timezone.now() - datetime.timedelta(days=1)
    return [
        ApplicationFactory(
            call=call,
            status=kwargs.get("status", ApplicationStatus.SUBMITTED),
            submitted_at=moment,
            last_submitted_at=moment,
        )
        for _ in range(n)
    ]


def field_value(html, name):
    """The value of the input called `name` in `html`."""
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, f"no input {name}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else None


def textarea(html, name):
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, f"no textarea {name}"
    return match.group(1).strip()


def error_at(html, field_id):
    """The error shown at the field whose id is `field_id`, and that the field is
    described by it."""
    match = re.search(
        rf'<p class="error-message" id="{field_id}_error">(.*?)</p>', html
    )
    assert match, f"no error at {field_id}"
    return match.group(1)


# My assignments ------------------------------------------------------------------------


def test_my_assignments_list_open_and_finished(
    in_assessment, officer, assessor, applicant, outsider, criteria
):
    assignment = assign(in_assessment, assessor, officer)
    result = assert_access(
        url("mine", in_assessment.region.slug),
        permitted=assessor,
        no_role=applicant,
        other_region=outsider,
        expect=200,
    )
    html = result.response.content.decode()
    assert in_assessment.title in html
    assert url("assignment", in_assessment.region.slug, assignment.pk) in html
    assert "Declare whether you have a conflict of interest" in html
    assert "Your finished assignments" not in html
    # An assessor who only assesses does not see the region's list.
    assert "The region's applications in assessment" not in html


def test_finished_assignments_move_down(
    client_en, in_assessment, officer, assessor, criteria
):
    scored(in_assessment, assessor, officer, criteria)
    html = client_en(assessor).get(url("mine", in_assessment.region.slug)).content
    html = html.decode()
    finished = html.split("Your finished assignments", 1)[1]
    assert in_assessment.title in finished
    assert "Scores submitted" in finished
    assert "You have nothing to assess in this region right now." in html


def test_leads_see_the_applications_in_assessment_with_their_progress(
    client_en, in_assessment, officer, assessor, second_assessor, criteria
):
    scored(in_assessment, assessor, officer, criteria)
    assign(in_assessment, second_assessor, officer)
    html = client_en(officer).get(url("mine", in_assessment.region.slug)).content
    html = html.decode()
    region = in_assessment.region
    assert "The region's applications in assessment" in html
    assert url("overview", region.slug, in_assessment.pk) in html
    assert "1 submitted, 1 open" in html
    assert url("spread", region.slug, in_assessment.call_id) in html
    assert "Not written" in html


def test_the_lead_list_takes_the_same_queries_for_more_rows(
    client_en, in_assessment, call, officer, assessor, second_assessor, criteria
):
    client = client_en(officer)
    page = url("mine", in_assessment.region.slug)
    scored(in_assessment, assessor, officer, criteria)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page)
        assert response.status_code == 200
        return len(captured)

    few = count()
    for app in submitted_in(call, 4):
        assign(app, assessor, officer)
        assign(app, second_assessor, officer)
        services.recommendation_save(
            application=app,
            by=officer,
            data={"outcome": RecommendedOutcome.REJECT, "text": "Nej."},
        )
    assert count() == few


def test_someone_without_assessment_work_is_refused(client_en, region, in_assessment):
    strategist = staff_user(region, "strategist")
    response = client_en(strategist).get(url("mine", region.slug))
    assert response.status_code == 403


# The assessor's page: declaring --------------------------------------------------------


def test_the_content_is_hidden_until_the_declaration(
    client_en, in_assessment, officer, assessor, applicant, outsider, criteria
):
    assignment = assign(in_assessment, assessor, officer)
    page = url("assignment", in_assessment.region.slug, assignment.pk)
    result = assert_access(
        page, permitted=assessor, no_role=applicant, other_region=outsider, expect=200
    )
    html = result.response.content.decode()
    assert in_assessment.title in html
    assert in_assessment.organisation.name in html
    assert SUMMARY not in html
    assert "Bakgrund." not in html
    assert 'name="declaration"' in html
    assert 'name="score_' not in html

    response = client_en(assessor).post(page, {"declaration": "no_conflict"})
    assert response.status_code == 302
    html = client_en(assessor).get(page).content.decode()
    assert SUMMARY in html
    assert "Bakgrund." in html
    assert f'name="score_{criteria[0].pk}"' in html


def test_another_persons_assignment_is_not_found(
    client_en, in_assessment, officer, assessor, second_assessor
):
    assignment = assign(in_assessment, assessor, officer)
    page = url("assignment", in_assessment.region.slug, assignment.pk)
    assert client_en(second_assessor).get(page).status_code == 404
    # Not even for the lead: this page is the assessor's own.
    assert client_en(officer).get(page).status_code == 404


def test_a_conflict_without_a_description_keeps_the_choice(
    client_en, in_assessment, officer, assessor
):
    assignment = assign(in_assessment, assessor, officer)
    page = url("assignment", in_assessment.region.slug, assignment.pk)
    response = client_en(assessor).post(
        page, {"declaration": "conflict", "description": "   "}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say what the conflict of interest is" in error_at(html, "id_description")
    assert re.search(r'<input[^>]*value="conflict"[^>]*checked', html)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.AWAITING_DECLARATION


def test_a_declared_conflict_is_shown_on_record(
    client_en, in_assessment, officer, assessor, django_capture_on_commit_callbacks
):
    assignment = assign(in_assessment, assessor, officer)
    page = url("assignment", in_assessment.region.slug, assignment.pk)
    client = client_en(assessor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page, {"declaration": "conflict", "description": "Styrelseledamot där."}
        )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CONFLICT
    html = client.get(page).content.decode()
    assert "Styrelseledamot där." in html
    assert SUMMARY not in html
    # The officer sees it on the overview.
    overview = client_en(officer).get(
        url("overview", in_assessment.region.slug, in_assessment.pk)
    )
    assert "Styrelseledamot där." in overview.content.decode()


# The assessor's page: scoring ----------------------------------------------------------


def test_saving_and_submitting_scores(
    client_en, in_assessment, officer, assessor, criteria
):
    relevance, feasibility = criteria
    assignment = declared(in_assessment, assessor, officer)
    page = url("assignment", in_assessment.region.slug, assignment.pk)
    client = client_en(assessor)
    html = client.get(page).content.decode()
    assert "Relevans: score from 0 to 5" in html
    assert re.search(rf'name="score_{relevance.pk}"[^>]*min="0"', html) or re.search(
        rf'min="0"[^>]*name="score_{relevance.pk}"', html
    )
    data = {
        f"score_{relevance.pk}": "4",
        f"score_comment_{relevance.pk}": "Tydlig koppling.",
        "comment": "Bra ansökan.",
        "revision": str(assignment.revision),
        "action": "save",
    }
    assert client.post(page, data).status_code == 302
    score = Score.objects.get(assignment=assignment, criterion=relevance)
    assert (score.value, score.comment) == (4, "Tydlig koppling.")
    html = client.get(page).content.decode()
    assert field_value(html, f"score_{relevance.pk}") == "4"

    # Submitting with one criterion missing: saved, not submitted, error at the field.
    assignment.refresh_from_db()
    data["revision"] = str(assignment.revision)
    data["action"] = "submit"
    response = client.post(page, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Score this criterion" in error_at(html, f"id_score_{feasibility.pk}")
    assert textarea(html, "comment") == "Bra ansökan."
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACTIVE
    # The form carries the new revision, so the next save goes through.
    assert field_value(html, "revision") == str(assignment.revision)

    data[f"score_{feasibility.pk}"] = "8"
    data["revision"] = field_value(html, "revision")
    response = client.post(page, data)
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED
    html = client.get(page).content.decode()
    assert 'name="score_' not in html
    assert "Tydlig koppling." in html


def test_a_score_outside_the_scale_is_shown_at_its_field(
    client_en, in_assessment, officer, assessor, criteria
):
    relevance, feasibility = criteria
    assignment = declared(in_assessment, assessor, officer)
    page = url("assignment", in_assessment.region.slug, assignment.pk)
    response = client_en(assessor).post(
        page,
        {
            f"score_{relevance.pk}": "7",
            f"score_comment_{relevance.pk}": "Väldigt relevant.",
            f"score_{feasibility.pk}": "abc",
            "comment": "Mitt omdöme.",
            "revision": str(assignment.revision),
            "action": "save",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert error_at(html, f"id_score_{relevance.pk}") == "Give a score from 0 to 5."
    assert error_at(html, f"id_score_{feasibility.pk}") == "Give a whole number."
    assert field_value(html, f"score_{relevance.pk}") == "7"
    assert textarea(html, f"score_comment_{relevance.pk}") == "Väldigt relevant."
    assert textarea(html, "comment") == "Mitt omdöme."
    assert re.search(
        rf'name="score_{relevance.pk}"[^>]*aria-describedby="[^"]*id_score_{relevance.pk}_error',
        html,
    ) or re.search(
        rf'aria-describedby="[^"]*id_score_{relevance.pk}_error[^"]*"[^>]*name="score_{relevance.pk}"',
        html,
    )
    assert not Score.objects.exists()


def test_a_stale_save_keeps_what_was_typed(
    client_en, in_assessment, officer, assessor, criteria
):
    relevance, _feasibility = criteria
    assignment = declared(in_assessment, assessor, officer)
    read = assignment.revision
    services.scores_save(
        assignment=assignment,
        by=assessor,
        values={relevance.pk: (2, "I en annan flik")},
        revision=read,
    )
    page = url("assignment", in_assessment.region.slug, assignment.pk)
    response = client_en(assessor).post(
        page,
        {
            f"score_{relevance.pk}": "5",
            f"score_comment_{relevance.pk}": "Det jag skrev nu.",
            "revision": str(read),
            "action": "save",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "was changed by someone else" in html
    assert field_value(html, f"score_{relevance.pk}") == "5"
    assert textarea(html, f"score_comment_{relevance.pk}") == "Det jag skrev nu."
    score = Score.objects.get(assignment=assignment, criterion=relevance)
    assert (score.value, score.comment) == (2, "I en annan flik")
    # Saving again, knowingly, goes through.
    assignment.refresh_from_db()
    assert field_value(html, "revision") == str(assignment.revision)


def test_others_scores_show_only_after_submitting(
    client_en, in_assessment, officer, assessor, second_assessor, criteria
):
    scored(in_assessment, second_assessor, officer, criteria, values=(2, 3))
    mine = scored(in_assessment, assessor, officer, criteria, submit=False)
    page = url("assignment", in_assessment.region.slug, mine.pk)
    client = client_en(assessor)
    html = client.get(page).content.decode()
    assert second_assessor.full_name not in html
    assert "Submitted scores by criterion" not in html

    mine.refresh_from_db()
    services.scores_submit(assignment=mine, by=assessor)
    html = client.get(page).content.decode()
    assert "Submitted scores by criterion" in html
    assert second_assessor.full_name in html
    assert "One other assessor has submitted so far." in html
    # The combined score of both: (4/5*2 + 6/9)/3 = 75.6 and (2/5*2 + 2/9)/3 =
    # 34.1, averaged.
    assert "Combined score (0–100, weighted)" in html
    assert "75.6" in html
    assert "34.1" in html
    assert "54.9" in html


def test_an_attachment_opens_only_after_the_declaration(
    client_en, in_assessment, officer, assessor
):
    from django.core.files.base import ContentFile

    from samverka.applications.models import Attachment

    attachment = Attachment.objects.create(
        application=in_assessment,
        title="Budgetbilaga",
        file=ContentFile(b"%PDF-1.4\n", name="budget.pdf"),
        file_name="budget.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    assignment = assign(in_assessment, assessor, officer)
    link = url(
        "assignment_attachment",
        in_assessment.region.slug,
        assignment.pk,
        attachment.pk,
    )
    client = client_en(assessor)
    assert client.get(link).status_code == 404
    services.declare(assignment=assignment, by=assessor, has_conflict=False)
    response = client.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"


# The overview ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer", "decision_maker"])
def test_leads_and_decision_makers_read_the_overview(
    who, request, in_assessment, officer, assessor, applicant, outsider, criteria
):
    scored(in_assessment, assessor, officer, criteria)
    user = request.getfixturevalue(who)
    result = assert_access(
        url("overview", in_assessment.region.slug, in_assessment.pk),
        permitted=user,
        no_role=applicant,
        other_region=outsider,
        expect=200,
    )
    html = result.response.content.decode()
    assert assessor.full_name in html
    assert "Scores submitted" in html
    assert "Submitted scores by criterion" in html
    assert "Om Relevans" in html
    assert url("formal_check", in_assessment.region.slug, in_assessment.pk) in html
    # Only those who lead get the assign form.
    shows_assign = url("assign", in_assessment.region.slug, in_assessment.pk) in html
    assert shows_assign is (who == "officer")


def test_the_overview_is_closed_to_others_in_the_region(
    client_en, region, in_assessment, officer, assessor
):
    page = url("overview", region.slug, in_assessment.pk)
    # An assessor reads applications only through their assignments.
    assert client_en(assessor).get(page).status_code == 404
    registrar = staff_user(region, "registrar")
    assert client_en(registrar).get(page).status_code == 403


def test_a_lead_who_assesses_too_sees_no_scores_before_submitting(
    client_en, in_assessment, officer, assessor, criteria
):
    scored(in_assessment, assessor, officer, criteria)
    declared(in_assessment, officer, officer)
    html = client_en(officer).get(
        url("overview", in_assessment.region.slug, in_assessment.pk)
    )
    html = html.content.decode()
    assert "Submitted scores by criterion" not in html
    assert "Om Relevans" not in html
    assert "the others' scores are shown once you have submitted yours" in html


def test_assigning_from_the_overview(
    in_assessment, officer, assessor, applicant, outsider
):
    result = assert_access(
        url("assign", in_assessment.region.slug, in_assessment.pk),
        method="post",
        data={"assessor": assessor.pk},
        permitted=officer,
        no_role=applicant,
        other_region=outsider,
        expect=302,
        audit_action="assessments.assign",
    )
    assert result.response["Location"] == url(
        "overview", in_assessment.region.slug, in_assessment.pk
    )
    assert Assignment.objects.get().assessor == assessor


def test_assigning_someone_not_offered_shows_the_error(
    client_en, in_assessment, officer, assessor, decision_maker
):
    assign(in_assessment, assessor, officer)
    page = url("assign", in_assessment.region.slug, in_assessment.pk)
    client = client_en(officer)
    for person in (assessor, decision_maker):
        response = client.post(page, {"assessor": person.pk})
        assert response.status_code == 200
        html = response.content.decode()
        assert "who is not assigned yet" in error_at(html, "id_assessor")
    assert Assignment.objects.count() == 1
    # Those who may not lead may not assign.
    response = client_en(decision_maker).post(page, {"assessor": assessor.pk})
    assert response.status_code == 403


def test_the_assign_form_offers_the_regions_assessors_not_yet_assigned(
    client_en, in_assessment, officer, assessor, second_assessor, decision_maker
):
    assign(in_assessment, assessor, officer)
    html = client_en(officer).get(
        url("overview", in_assessment.region.slug, in_assessment.pk)
    )
    select = re.search(
        r'<select name="assessor".*?</select>', html.content.decode(), re.S
    )
    assert select
    options = select.group(0)
    assert second_assessor.full_name in options
    assert officer.full_name in options
    assert assessor.full_name not in options
    assert decision_maker.full_name not in options


def test_removing_an_assessor(
    client_en, in_assessment, officer, assessor, second_assessor, outsider
):
    assignment = assign(in_assessment, assessor, officer)
    page = url("unassign", in_assessment.region.slug, assignment.pk)
    assert client_en(outsider).post(page).status_code == 404
    # The assessor may not remove themselves.
    assert client_en(assessor).post(page).status_code == 403
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.AWAITING_DECLARATION
    response = client_en(officer).post(page)
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REMOVED


def test_submitted_scores_stay(client_en, in_assessment, officer, assessor, criteria):
    assignment = scored(in_assessment, assessor, officer, criteria)
    client = client_en(officer)
    response = client.post(
        url("unassign", in_assessment.region.slug, assignment.pk), follow=True
    )
    assert "they stay in the assessment" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED


# Spreading ---------------------------------------------------------------------------------


def test_spreading_a_calls_applications(
    client_en, submitted, call, officer, assessor, second_assessor, applicant, outsider
):
    others = submitted_in(call, 2)
    apps = [submitted, *others]
    page = url("spread", submitted.region.slug, call.pk)
    result = assert_access(
        page, permitted=officer, no_role=applicant, other_region=outsider, expect=200
    )
    html = result.response.content.decode()
    for app in apps:
        assert app.title in html
    assert second_assessor.full_name in html

    response = client_en(officer).post(
        page,
        {
            "applications": [a.pk for a in apps],
            "pool": [assessor.pk, second_assessor.pk],
            "per_application": "1",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "3 assignments were made." in html
    loads = sorted(
        Assignment.objects.filter(assessor__in=[assessor, second_assessor]).values_list(
            "assessor_id", flat=True
        )
    )
    assert sorted([loads.count(assessor.pk), loads.count(second_assessor.pk)]) == [1, 2]


def test_spreading_with_bad_input_keeps_the_choices(
    client_en, submitted, call, officer, assessor, decision_maker
):
    page = url("spread", submitted.region.slug, call.pk)
    client = client_en(officer)
    response = client.post(
        page, {"applications": [submitted.pk], "pool": [], "per_application": "3"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose the assessors to spread over." in error_at(html, "id_pool")
    assert field_value(html, "per_application") == "3"
    assert re.search(rf'value="{submitted.pk}"[^>]*checked', html)
    response = client.post(
        page,
        {"applications": [submitted.pk], "pool": [assessor.pk], "per_application": "0"},
    )
    assert response.status_code == 200
    assert error_at(response.content.decode(), "id_per_application")
    assert not Assignment.objects.exists()
    assert client_en(decision_maker).get(page).status_code == 403


def test_a_call_of_another_region_is_not_found(
    client_en, region, other_region, officer
):
    from samverka.funding.tests.factories import CallFactory

    foreign = CallFactory(region=other_region)
    response = client_en(officer).get(url("spread", region.slug, foreign.pk))
    assert response.status_code == 404


# The formal check ----------------------------------------------------------------------------


def check_data(**overrides):
    data = {"note": "Kontrollerad.", "revision": "1"}
    for code in CheckItem.values:
        data[f"item_{code}"] = "met"
        data[f"reason_{code}"] = ""
    data.update(overrides)
    return data


def test_the_formal_check_starts_from_a_proposal(
    submitted, officer, applicant, outsider
):
    page = url("formal_check", submitted.region.slug, submitted.pk)
    result = assert_access(
        page, permitted=officer, no_role=applicant, other_region=outsider, expect=200
    )
    html = result.response.content.decode()
    assert "proposed from the application" in html
    # The period is fine in the data: "met" is proposed.
    assert re.search(
        rf'<input[^>]*name="item_{CheckItem.WITHIN_PERIOD}"[^>]*value="met"[^>]*checked',
        html,
    )
    assert not FormalCheck.objects.exists()


def test_a_passed_formal_check_moves_the_application_to_assessment(
    client_en, submitted, officer
):
    page = url("formal_check", submitted.region.slug, submitted.pk)
    response = client_en(officer).post(page, check_data())
    assert response.status_code == 302
    assert response["Location"] == url("overview", submitted.region.slug, submitted.pk)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.IN_ASSESSMENT
    assert FormalCheck.objects.get().outcome == CheckOutcome.PASSED


def test_not_met_without_a_reason_is_shown_at_the_field(client_en, submitted, officer):
    page = url("formal_check", submitted.region.slug, submitted.pk)
    code = CheckItem.STATE_AID
    response = client_en(officer).post(
        page, check_data(**{f"item_{code}": "not_met", "note": "Min anteckning."})
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say why the requirement is not met." in error_at(html, f"id_reason_{code}")
    assert textarea(html, "note") == "Min anteckning."
    assert re.search(rf'name="item_{code}"[^>]*value="not_met"[^>]*checked', html)
    assert not FormalCheck.objects.filter(outcome__gt="").exists()


def test_a_failed_formal_check_says_the_application_can_be_dismissed(
    client_en, submitted, officer
):
    page = url("formal_check", submitted.region.slug, submitted.pk)
    code = CheckItem.ELIGIBLE_AREA
    client = client_en(officer)
    response = client.post(
        page,
        check_data(
            **{f"item_{code}": "not_met", f"reason_{code}": "Projektet sker i Norge."}
        ),
        follow=True,
    )
    html = response.content.decode()
    assert "can be dismissed" in html
    assert "Projektet sker i Norge." in html
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.SUBMITTED


def test_a_stale_formal_check_keeps_the_form(client_en, submitted, officer):
    services.formal_check_record(
        application=submitted,
        by=officer,
        items=dict.fromkeys(CheckItem.values, (True, "")),
        revision=1,
    )
    page = url("formal_check", submitted.region.slug, submitted.pk)
    response = client_en(officer).post(page, check_data(note="Min version."))
    assert response.status_code == 200
    html = response.content.decode()
    assert "was changed by someone else" in html
    assert "The version saved by someone else" in html
    assert textarea(html, "note") == "Min version."


def test_a_decision_maker_reads_but_may_not_record_the_check(
    client_en, submitted, decision_maker
):
    page = url("formal_check", submitted.region.slug, submitted.pk)
    client = client_en(decision_maker)
    html = client.get(page).content.decode()
    assert 'name="item_' not in html
    assert client.post(page, check_data()).status_code == 403
    assert not FormalCheck.objects.exists()


# The recommendation ----------------------------------------------------------------------------


def test_writing_the_recommendation(
    client_en, in_assessment, officer, assessor, applicant, outsider, criteria
):
    scored(in_assessment, assessor, officer, criteria, values=(5, 10))
    page = url("recommendation", in_assessment.region.slug, in_assessment.pk)
    result = assert_access(
        page, permitted=officer, no_role=applicant, other_region=outsider, expect=200
    )
    html = result.response.content.decode()
    assert "100 of 100, from 1 assessor" in html
    response = client_en(officer).post(
        page,
        {
            "outcome": RecommendedOutcome.GRANT,
            "amount": "400000",
            "text": "Ett starkt projekt.",
            "conditions": "",
            "revision": "1",
        },
    )
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert (recommendation.outcome, recommendation.amount) == (
        RecommendedOutcome.GRANT,
        400_000_00,
    )
    html = client_en(officer).get(page).content.decode()
    assert field_value(html, "amount") == "400,000"


def test_a_grant_above_the_amount_applied_for_is_shown_at_the_field(
    client_en, in_assessment, officer
):
    page = url("recommendation", in_assessment.region.slug, in_assessment.pk)
    response = client_en(officer).post(
        page,
        {
            "outcome": RecommendedOutcome.GRANT,
            "amount": "600000",
            "text": "Min motivering.",
            "revision": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "recommend at most that" in error_at(html, "id_amount")
    assert field_value(html, "amount") == "600000"
    assert textarea(html, "text") == "Min motivering."
    assert not Recommendation.objects.exists()


def test_a_stale_recommendation_keeps_the_text(client_en, in_assessment, officer):
    services.recommendation_save(
        application=in_assessment,
        by=officer,
        data={"outcome": RecommendedOutcome.REJECT, "text": "Den andras text."},
    )
    page = url("recommendation", in_assessment.region.slug, in_assessment.pk)
    response = client_en(officer).post(
        page,
        {"outcome": RecommendedOutcome.REJECT, "text": "Min text.", "revision": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "was changed by someone else" in html
    assert "Den andras text." in html
    assert textarea(html, "text") == "Min text."
    assert Recommendation.objects.get().text == "Den andras text."


def test_a_decision_maker_reads_the_recommendation_only(
    client_en, in_assessment, officer, decision_maker
):
    services.recommendation_save(
        application=in_assessment,
        by=officer,
        data={"outcome": RecommendedOutcome.REJECT, "text": "Svag koppling."},
    )
    page = url("recommendation", in_assessment.region.slug, in_assessment.pk)
    client = client_en(decision_maker)
    html = client.get(page).content.decode()
    assert "Svag koppling." in html
    assert 'name="text"' not in html
    response = client.post(
        page, {"outcome": RecommendedOutcome.REJECT, "text": "Ändrat.", "revision": "2"}
    )
    assert response.status_code == 403


# The menu, the dashboard and the application page ---------------------------------------------


def test_the_menu_item_and_the_dashboard_panel(
    client_en, region, in_assessment, officer, assessor
):
    navigation.register()
    item = next(i for i in menu_items() if i.key == "assessments.mine")
    assert item.allowed(assessor, region)
    assert item.allowed(officer, region)
    assert not item.allowed(staff_user(region, "strategist"), region)
    assign(in_assessment, assessor, officer)
    panel = next(p for p in dashboard_panels() if p.key == "assessments.to_assess")
    assert panel.allowed(assessor, region)
    assert not panel.allowed(assessor, None)
    html = client_en(assessor).get(
        reverse("accounts:region_dashboard", kwargs={"region_slug": region.slug})
    )
    html = html.content.decode()
    assert "1 application waits for you" in html
    assert in_assessment.title in html
    assert url("mine", region.slug) in html


def test_the_application_page_links_to_its_assessment(
    client_en, in_assessment, officer
):
    html = client_en(officer).get(
        reverse(
            "applications:staff_detail",
            kwargs={"region_slug": in_assessment.region.slug, "pk": in_assessment.pk},
        )
    )
    assert url("overview", in_assessment.region.slug, in_assessment.pk) in (
        html.content.decode()
    )


def test_a_decided_application_is_read_only(
    client_en, in_assessment, officer, assessor, criteria
):
    from samverka.applications.models import Application

    assignment = declared(in_assessment, assessor, officer)
    Application.objects.filter(pk=in_assessment.pk).update(
        status=ApplicationStatus.REJECTED
    )
    region = in_assessment.region
    client = client_en(officer)
    html = client.get(url("overview", region.slug, in_assessment.pk)).content.decode()
    assert url("assign", region.slug, in_assessment.pk) not in html
    assert "Remove" not in html
    page = url("recommendation", region.slug, in_assessment.pk)
    response = client.post(
        page,
        {"outcome": RecommendedOutcome.REJECT, "text": "Sent.", "revision": "1"},
        follow=True,
    )
    assert "its assessment can no longer change" in response.content.decode()
    assert not Recommendation.objects.exists()
    # The assessor still reads the application, but scores no more.
    html = (
        client_en(assessor)
        .get(url("assignment", region.slug, assignment.pk))
        .content.decode()
    )
    assert SUMMARY in html
    assert 'name="score_' not in html
    assert "its assessment can no longer change" in html


def _queries(client, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(page)
    assert response.status_code == 200
    return len(captured)


def test_the_spread_page_and_the_overview_take_the_same_queries_for_more_rows(
    client_en, region, in_assessment, call, officer, assessor, criteria
):
    client = client_en(officer)
    spread = url("spread", region.slug, call.pk)
    overview = url("overview", region.slug, in_assessment.pk)
    scored(in_assessment, assessor, officer, criteria)
    few = (_queries(client, spread), _queries(client, overview))
    for index in range(4):
        person = staff_user(region, "assessor", full_name=f"Extra {index}")
        scored(in_assessment, person, officer, criteria)
    submitted_in(call, 4)
    assert (_queries(client, spread), _queries(client, overview)) == few


def test_the_lead_list_is_paged(client_en, in_assessment, call, officer, monkeypatch):
    from samverka.assessments.views import assignments as views

    monkeypatch.setattr(views, "LEAD_PAGE_SIZE", 2)
    submitted_in(call, 2)
    client = client_en(officer)
    page = url("mine", in_assessment.region.slug)
    first = client.get(page)
    assert len(first.context["page_obj"].object_list) == 2
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(page + "?page=2")
    assert len(second.context["page_obj"].object_list) == 1

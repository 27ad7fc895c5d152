import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.applications import completeness, services
from samverka.applications.choices import ApplicationStatus
from samverka.applications.models import CompletionRequest
from samverka.applications.tests.conftest import complete
from samverka.core.models import AuditEntry
from samverka.funding.tests.factories import CallFactory, RequiredAttachmentFactory
from samverka.records.models import Case

pytestmark = pytest.mark.django_db


def test_a_complete_application_submits_once_and_gets_a_case_number(draft, applicant):
    complete(draft, applicant)
    assert completeness.problems(draft) == []
    first = services.application_submit(application=draft, by=applicant, key="k1")
    again = services.application_submit(application=draft, by=applicant, key="k1")
    assert first.pk == again.pk
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert draft.case.case_number.startswith("RVN ")
    assert draft.case.case_number.endswith("-00001")
    assert Case.objects.count() == 1
    assert first.snapshot["total_cost"] == 1_000_000_00


def test_an_incomplete_application_is_refused_with_the_list(draft, applicant):
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application=draft, by=applicant, key="k")
    assert "Fill in the budget." in caught.value.messages
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert draft.case_id is None


def test_negative_budget_cell_is_an_error_at_the_cell(draft, applicant):
    draft.start_date = None
    with pytest.raises(ValidationError) as caught:
        services.budget_set(
            application=draft, by=applicant, amounts={("travel", 2027): -5}
        )
    assert "travel_2027" in caught.value.message_dict


def test_aid_intensity_is_checked_at_the_amount(draft, applicant):
    complete(draft, applicant)
    with pytest.raises(ValidationError) as caught:
        services.financing_set(
            application=draft, by=applicant, amount_requested=600_000_00, lines=[]
        )
    assert "50" in caught.value.message_dict["amount_requested"][0]


def test_someone_else_cannot_edit(draft, no_role_user):
    with pytest.raises(PermissionDenied):
        services.application_update(
            application=draft, by=no_role_user, data={"title": "x"}
        )


# --- More of the flow ------------------------------------------------------------------


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _submitted(draft, applicant, key="k1"):
    complete(draft, applicant)
    services.application_submit(application=draft, by=applicant, key=key)
    draft.refresh_from_db()
    return draft


def test_completion_request_reopens_and_resubmit_answers_it(draft, applicant, officer):
    app = _submitted(draft, applicant)
    request = services.completion_request(
        application=app,
        by=officer,
        message="Bifoga intyg om medfinansiering.",
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
    app.refresh_from_db()
    assert app.status == ApplicationStatus.COMPLETION_REQUESTED
    assert app.case.documents.filter(kind="completion_request").count() == 1
    # The call may have closed meanwhile: an answer to a completion request still goes in.
    app.call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    app.call.opens_at = timezone.now() - datetime.timedelta(days=30)
    app.call.save()
    services.budget_set(
        application=app, by=applicant, amounts={("staff", 2027): 1_200_000_00}
    )
    services.financing_set(
        application=app,
        by=applicant,
        amount_requested=600_000_00,
        lines=[{"funder": "Sundsvalls kommun", "amount": 600_000_00}],
    )
    second = services.application_submit(application=app, by=applicant, key="k2")
    request.refresh_from_db()
    assert second.number == 2
    assert request.answer == second
    app.refresh_from_db()
    assert app.status == ApplicationStatus.SUBMITTED
    assert Case.objects.count() == 1


def test_completion_needs_a_message_and_a_future_deadline(draft, applicant, officer):
    app = _submitted(draft, applicant)
    with pytest.raises(ValidationError) as caught:
        services.completion_request(
            application=app,
            by=officer,
            message=" ",
            deadline=datetime.date(2000, 1, 1),
        )
    assert set(caught.value.message_dict) == {"message", "deadline"}
    assert not CompletionRequest.objects.exists()


def test_only_case_officers_of_the_region_request_completion(
    draft, applicant, outsider
):
    app = _submitted(draft, applicant)
    with pytest.raises(PermissionDenied):
        services.completion_request(
            application=app,
            by=outsider,
            message="x",
            deadline=timezone.localdate(),
        )


def test_submit_after_the_deadline_names_the_deadline(draft, applicant):
    complete(draft, applicant)
    call = draft.call
    call.opens_at = timezone.now() - datetime.timedelta(days=30)
    call.closes_at = timezone.now() - datetime.timedelta(hours=1)
    call.save()
    with pytest.raises(ValidationError) as caught:
        services.application_submit(application=draft, by=applicant, key="late")
    assert caught.value.code == "deadline"
    local = timezone.localtime(call.closes_at, call.region.tzinfo)
    assert f"{local:%H:%M}" in caught.value.messages[0]


def test_starting_needs_an_open_call_and_membership(call, applicant_org, applicant):
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        services.application_start(call=call, organisation=applicant_org, by=stranger)
    closed = CallFactory(region=call.region, closed=True)
    with pytest.raises(ValidationError):
        services.application_start(
            call=closed, organisation=applicant_org, by=applicant
        )


def test_eligible_applicant_types_are_enforced(call, applicant_org, applicant):
    call.eligible_applicant_types = ["municipality"]
    call.save()
    with pytest.raises(ValidationError) as caught:
        services.application_start(call=call, organisation=applicant_org, by=applicant)
    assert "organisation" in caught.value.message_dict


def test_flat_rate_indirect_costs_follow_staff_costs(draft, applicant):
    draft.call.indirect_cost_rate = 15
    draft.call.save()
    services.application_update(
        application=draft,
        by=applicant,
        data={
            "start_date": datetime.date(2027, 1, 1),
            "end_date": datetime.date(2028, 6, 30),
        },
    )
    services.budget_set(
        application=draft,
        by=applicant,
        amounts={
            ("staff", 2027): 400_000_00,
            ("staff", 2028): 200_000_00,
            ("travel", 2028): 10_000_00,
        },
    )
    lines = {(b.category, b.year): b.amount for b in draft.budget_lines.all()}
    assert lines[("indirect", 2027)] == 60_000_00
    assert lines[("indirect", 2028)] == 30_000_00
    draft.refresh_from_db()
    assert draft.total_cost == 700_000_00
    with pytest.raises(ValidationError) as caught:
        services.budget_set(
            application=draft, by=applicant, amounts={("staff", 2031): 1}
        )
    assert "staff_2031" in caught.value.message_dict


def test_stale_revision_is_refused(draft, applicant):
    old = draft.revision
    services.application_update(application=draft, by=applicant, data={"title": "A"})
    with pytest.raises(ValidationError) as caught:
        services.application_update(
            application=draft, by=applicant, data={"title": "B"}, revision=old
        )
    assert caught.value.code == "stale_edit"
    draft.refresh_from_db()
    assert draft.title == "A"


def test_attachments_are_judged_by_content_and_name(draft, applicant, settings):
    fake = SimpleUploadedFile(
        "budget.pdf", b"just text", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(application=draft, by=applicant, upload=fake)
    assert "file" in caught.value.message_dict
    evil = SimpleUploadedFile("budget.pdf.exe", PDF, content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        services.attachment_add(application=draft, by=applicant, upload=evil)
    assert caught.value.error_dict["file"][0].code == "dangerous_name"
    settings.SAMVERKA_ATTACHMENT_MAX_BYTES = 10
    big = SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.attachment_add(application=draft, by=applicant, upload=big)
    settings.SAMVERKA_ATTACHMENT_MAX_BYTES = 1000
    good = SimpleUploadedFile("Budget 2027.pdf", PDF, content_type="text/plain")
    attachment = services.attachment_add(application=draft, by=applicant, upload=good)
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert attachment.file.read() == PDF


def test_a_virus_scanner_can_refuse_a_file(draft, applicant, settings):
    settings.SAMVERKA_VIRUS_SCANNER = (
        "samverka.applications.tests.test_services.refuse_everything"
    )
    upload = SimpleUploadedFile("a.pdf", PDF)
    with pytest.raises(ValidationError):
        services.attachment_add(application=draft, by=applicant, upload=upload)
    assert not draft.attachments.exists()


def refuse_everything(data: bytes, name: str) -> None:
    raise ValidationError("Threat found.")


def test_required_attachments_are_part_of_completeness(draft, applicant):
    required = RequiredAttachmentFactory(call=draft.call)
    complete(draft, applicant)
    assert [p.section for p in completeness.problems(draft)] == ["attachments"]
    services.attachment_add(
        application=draft,
        by=applicant,
        upload=SimpleUploadedFile("intyg.pdf", PDF),
        required=required,
    )
    assert completeness.problems(draft) == []


def test_unbalanced_financing_is_a_problem(draft, applicant):
    complete(draft, applicant)
    services.financing_set(
        application=draft,
        by=applicant,
        amount_requested=400_000_00,
        lines=[{"funder": "Kommunen", "amount": 500_000_00}],
    )
    draft.refresh_from_db()
    messages = [p.message for p in completeness.problems(draft)]
    assert any("does not balance" in m for m in messages)


def test_co_applicant_invited_and_accepted_may_edit(draft, applicant):
    partner = services.partner_add(
        application=draft,
        by=applicant,
        data={
            "name": "Mittuniversitetet",
            "role": "co_applicant",
            "email": "kim@example.org",
        },
    )
    assert partner.invited_at is not None
    kim = UserFactory(email="kim@example.org")
    with pytest.raises(PermissionDenied):
        services.application_update(application=draft, by=kim, data={"title": "K"})
    services.partner_accept(token=partner.token, by=kim)
    services.application_update(application=draft, by=kim, data={"title": "K"})
    draft.refresh_from_db()
    assert draft.title == "K"
    other = UserFactory()
    with pytest.raises(ValidationError):
        services.partner_accept(token=partner.token, by=other)


def test_officer_assignment_needs_an_officer_of_the_region(
    draft, applicant, officer, region_admin, outsider
):
    app = _submitted(draft, applicant)
    services.officer_assign(application=app, by=region_admin, officer=officer)
    app.case.refresh_from_db()
    assert app.case.officer == officer
    with pytest.raises(ValidationError):
        services.officer_assign(application=app, by=region_admin, officer=outsider)


def test_two_stage_concept_then_full(region, fund, applicant_org, applicant, officer):
    call = CallFactory(region=region, funds=[fund], two_stage=True)
    app = services.application_start(
        call=call, organisation=applicant_org, by=applicant, title="Idé"
    )
    assert app.stage == "concept"
    services.application_update(
        application=app,
        by=applicant,
        data={
            "summary": "Kort idé.",
            "start_date": datetime.date(2027, 1, 1),
            "end_date": datetime.date(2027, 12, 31),
        },
    )
    services.financing_set(
        application=app, by=applicant, amount_requested=100_000_00, lines=[]
    )
    app.refresh_from_db()
    assert completeness.problems(app) == []
    services.application_submit(application=app, by=applicant, key="c")
    app.refresh_from_db()
    services.invite_full_application(application=app, by=officer)
    app.refresh_from_db()
    assert (app.stage, app.status) == ("full", "draft")
    assert completeness.problems(app)  # the full application asks for more


def test_withdraw_registers_the_withdrawal(draft, applicant):
    app = _submitted(draft, applicant)
    services.application_withdraw(
        application=app, by=applicant, reason="Ändrade planer"
    )
    app.refresh_from_db()
    assert app.status == ApplicationStatus.WITHDRAWN
    assert app.case.documents.filter(kind="withdrawal").exists()
    with pytest.raises(PermissionDenied):
        services.application_update(application=app, by=applicant, data={"title": "x"})


def test_every_write_leaves_an_audit_entry(draft, applicant):
    complete(draft, applicant)
    actions = set(AuditEntry.objects.for_object(draft).values_list("action", flat=True))
    assert {"applications.start", "applications.draft_save"} <= actions


def test_sami_question_only_where_the_call_asks(draft, applicant):
    with pytest.raises(ValidationError):
        services.sustainability_set(
            application=draft, by=applicant, answers={"sami": ("partly", "x")}
        )
    draft.call.asks_sami_perspective = True
    draft.call.save()
    services.sustainability_set(
        application=draft, by=applicant, answers={"sami": ("integrated", "Samråd.")}
    )
    assert draft.sustainability_answers.get(aspect="sami").rating == "integrated"


def test_staff_see_submitted_applications_of_their_region_only(
    draft, applicant, officer, outsider
):
    from samverka.applications import policies

    assert draft not in policies.applications_visible_to(officer)
    app = _submitted(draft, applicant)
    assert app in policies.applications_visible_to(officer)
    assert app not in policies.applications_visible_to(outsider)
    assert app in policies.applications_visible_to(applicant)


def test_an_officer_accepts_a_submitted_application_for_assessment(
    draft, applicant, officer
):
    app = _submitted(draft, applicant)
    services.application_accept(application=app, by=officer)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.IN_ASSESSMENT
    with pytest.raises(ValidationError):
        services.application_accept(application=app, by=officer)
    with pytest.raises(PermissionDenied):
        services.application_update(application=app, by=applicant, data={"title": "x"})


def test_municipalities_are_asked_only_when_the_register_has_them(draft, applicant):
    from samverka.geo.models import Municipality

    complete(draft, applicant)
    draft.municipalities.clear()
    assert [p.section for p in completeness.problems(draft)] == ["project"]
    Municipality.objects.all().delete()
    assert completeness.problems(draft) == []


def test_the_comparison_names_labels_and_formats_money(draft, applicant, officer):
    from samverka.applications.snapshot import build_snapshot, diff_snapshots

    complete(draft, applicant)
    before = build_snapshot(draft)
    services.financing_set(
        application=draft,
        by=applicant,
        amount_requested=500_000_00,
        lines=[
            {
                "funder": "Sundsvalls kommun",
                "amount": 500_000_00,
                "kind": "in_kind",
                "status": "confirmed",
            }
        ],
    )
    draft.refresh_from_db()
    changes = diff_snapshots(before, build_snapshot(draft))
    financing = [c for c in changes if c.section == "financing"]
    assert len(financing) == 1
    (after,) = financing[0].new
    assert "In kind" in after
    assert "Confirmed" in after
    assert "500,000.00" in after
    assert "50000000" not in after

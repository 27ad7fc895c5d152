"""The applicant's form in steps: each section saves, bad input keeps what was typed."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory, staff_user
from samverka.actors.models import Membership
from samverka.actors.tests.factories import OrganisationFactory
from samverka.applications import services
from samverka.applications.choices import ApplicationStatus, PartnerRole
from samverka.applications.models import Application, Attachment
from samverka.applications.tests.conftest import complete
from samverka.funding.tests.factories import RequiredAttachmentFactory
from samverka.geo.models import Country, Municipality
from samverka.plans.tests.factories import ActionPlanFactory, ActivityFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def step(application, section):
    return reverse("applications:step", args=[application.pk, section])


def with_period(application, by, start=2027, end=2028):
    services.application_update(
        application=application,
        by=by,
        data={
            "start_date": datetime.date(start, 1, 1),
            "end_date": datetime.date(end, 12, 31),
        },
    )
    application.refresh_from_db()
    return application


def project_data(application, **overrides):
    data = {
        "revision": application.revision,
        "title": "Digital besöksnäring i Höga kusten",
        "summary": "Vi bygger en gemensam bokningsplattform.",
        "background": "Små företag saknar digital närvaro.",
        "objectives": "Fler bokningar året runt.",
        "target_groups": "Besöksnäringens småföretag.",
        "work_plan": "Kartläggning, utveckling, utbildning.",
        "start_date": "2027-01-01",
        "end_date": "2028-12-31",
        "contact_name": "Sara Sökande",
        "contact_email": "sara@example.org",
        "contact_phone": "070-123 45 67",
        "language": "sv",
    }
    data.update(overrides)
    return data


@pytest.fixture
def municipality(db):
    country, _ = Country.objects.get_or_create(code="SE", defaults={"name": "Sverige"})
    municipality, _ = Municipality.objects.get_or_create(
        code="2281",
        defaults={"name": "Sundsvall", "country": country, "lau_code": "2281"},
    )
    return municipality


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# The project ---------------------------------------------------------------------------


def test_project_step_shows_navigation_and_form(client_en, draft, applicant):
    response = client_en(applicant).get(step(draft, "project"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-current="step"' in html
    # Only the sections the call asks for: the default call has no partners step.
    assert step(draft, "budget") in html
    assert step(draft, "partners") not in html
    assert f'name="revision" value="{draft.revision}"' in html
    assert "things missing" in html
    assert reverse("applications:autosave", args=[draft.pk, "project"]) in html


def test_project_step_saves_and_continues(client_en, draft, applicant, municipality):
    client = client_en(applicant)
    data = project_data(draft, municipalities=[municipality.pk], **{"continue": ""})
    response = client.post(step(draft, "project"), data)
    assert response.status_code == 302
    assert response["Location"] == step(draft, "budget")
    draft.refresh_from_db()
    assert draft.title == "Digital besöksnäring i Höga kusten"
    assert draft.end_date == datetime.date(2028, 12, 31)
    assert list(draft.municipalities.all()) == [municipality]


def test_project_bad_input_keeps_typed_text(client_en, draft, applicant):
    data = project_data(draft, contact_email="not an address", end_date="2026-01-01")
    response = client_en(applicant).post(step(draft, "project"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "Kartläggning, utveckling, utbildning." in html
    assert "Digital besöksnäring i Höga kusten" in html
    draft.refresh_from_db()
    assert draft.work_plan == ""


def test_project_end_before_start_is_an_error_at_the_field(client_en, draft, applicant):
    data = project_data(draft, end_date="2026-01-01")
    response = client_en(applicant).post(step(draft, "project"), data)
    assert response.status_code == 200
    assert "The project cannot end before it starts." in response.content.decode()
    assert "Kartläggning, utveckling, utbildning." in response.content.decode()
    draft.refresh_from_db()
    assert draft.work_plan == ""


def test_stale_revision_keeps_text(client_en, draft, applicant):
    old = draft.revision
    services.application_update(
        application=draft, by=applicant, data={"summary": "Någon annans text."}
    )
    draft.refresh_from_db()
    data = project_data(draft, revision=old, work_plan="Min egen arbetsplan.")
    response = client_en(applicant).post(step(draft, "project"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "was changed by someone else" in html
    assert "Min egen arbetsplan." in html
    # The next save knowingly overwrites: the form now carries the stored revision.
    assert f'name="revision" value="{draft.revision}"' in html
    draft.refresh_from_db()
    assert draft.summary == "Någon annans text."


def test_autosave_saves_what_validates_and_returns_revision(
    client_en, draft, applicant
):
    data = project_data(draft, contact_email="halfway@")
    response = client_en(applicant).post(
        reverse("applications:autosave", args=[draft.pk, "project"]),
        data,
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saved" in html
    draft.refresh_from_db()
    assert draft.work_plan == "Kartläggning, utveckling, utbildning."
    assert draft.contact_email == "sara@example.org"  # the half-typed one is not saved
    assert f'value="{draft.revision}"' in html
    assert 'hx-swap-oob="true"' in html


def test_autosave_with_stale_revision_saves_nothing(client_en, draft, applicant):
    data = project_data(draft, revision=draft.revision + 5)
    response = client_en(applicant).post(
        reverse("applications:autosave", args=[draft.pk, "project"]), data
    )
    assert "changed by someone else" in response.content.decode()
    draft.refresh_from_db()
    assert draft.work_plan == ""


def test_unknown_or_not_applicable_section_is_404(client_en, draft, applicant):
    client = client_en(applicant)
    for section in ("nonsense", "partners", "state_aid", "strategy", "attachments"):
        assert client.get(step(draft, section)).status_code == 404, section


def test_concept_offers_project_and_amount_only(client_en, call, draft, applicant):
    Application.objects.filter(pk=draft.pk).update(stage="concept")
    client = client_en(applicant)
    assert client.get(step(draft, "budget")).status_code == 404
    response = client.get(step(draft, "financing"))
    assert response.status_code == 200
    assert "lines-TOTAL_FORMS" not in response.content.decode()
    response = client.post(
        step(draft, "financing"),
        {"revision": draft.revision, "amount_requested": "250 000"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.amount_requested == 250_000_00


# Partners -----------------------------------------------------------------------------


@pytest.fixture
def partner_call(call):
    call.required_sections = [*call.required_sections, "partners"]
    call.save()
    return call


def test_partner_add_invites_co_applicant_and_remove(
    client_en, partner_call, draft, applicant, django_capture_on_commit_callbacks
):
    client = client_en(applicant)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            step(draft, "partners"),
            {
                "revision": draft.revision,
                "name": "Mittuniversitetet",
                "national_id": "",
                "role": PartnerRole.CO_APPLICANT,
                "contribution": "Forskning och utvärdering.",
                "email": "forskare@example.org",
            },
            follow=True,
        )
    html = response.content.decode()
    assert "an invitation goes to forskare@example.org" in html
    partner = draft.partners.get()
    assert partner.invited_at is not None
    response = client.post(
        reverse("applications:partner_remove", args=[draft.pk, partner.pk])
    )
    assert response.status_code == 302
    assert not draft.partners.exists()


def test_partner_without_name_is_an_error_and_keeps_text(
    client_en, partner_call, draft, applicant
):
    response = client_en(applicant).post(
        step(draft, "partners"),
        {
            "revision": draft.revision,
            "name": "",
            "role": PartnerRole.PARTNER,
            "contribution": "Lokaler och personal.",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose the organisation, or give its name." in html
    assert "Lokaler och personal." in html
    assert not draft.partners.exists()


def test_partners_continue_with_empty_form_moves_on(
    client_en, partner_call, draft, applicant
):
    response = client_en(applicant).post(
        step(draft, "partners"),
        {"revision": draft.revision, "role": "partner", "continue": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == step(draft, "budget")


# Budget -------------------------------------------------------------------------------


def budget_data(application, **cells):
    data = {"revision": application.revision}
    data.update(cells)
    return data


def test_budget_without_period_points_to_project(client_en, draft, applicant):
    response = client_en(applicant).get(step(draft, "budget"))
    html = response.content.decode()
    assert "start and end dates" in html
    assert step(draft, "project") in html


def test_budget_grid_saves(client_en, call, draft, applicant):
    call.indirect_cost_rate = 15
    call.save()
    with_period(draft, applicant)
    response = client_en(applicant).post(
        step(draft, "budget"),
        budget_data(
            draft,
            staff_2027="400,000",
            staff_2028="400 000.50",
            travel_2027="20000",
            description_staff="Projektledare 50 %",
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    lines = {(b.category, b.year): b.amount for b in draft.budget_lines.all()}
    assert lines[("staff", 2027)] == 400_000_00
    assert lines[("staff", 2028)] == 400_000_50
    assert lines[("indirect", 2027)] == 60_000_00
    assert draft.total_cost == sum(lines.values())
    html = client_en(applicant).get(step(draft, "budget")).content.decode()
    assert "<caption>" in html
    assert 'scope="row"' in html
    assert "15 % of staff costs" in html
    assert '<th scope="col" class="num">2027</th>' in html
    assert 'inputmode="decimal"' in html
    assert "Projektledare 50 %" in html


def test_budget_bad_cell_keeps_other_cells(client_en, draft, applicant):
    with_period(draft, applicant)
    response = client_en(applicant).post(
        step(draft, "budget"),
        budget_data(draft, staff_2027="12x", travel_2027="31 415", other_2028="-5"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "staff_2027" in form.errors
    assert "other_2028" in form.errors
    assert "negative" in str(form.errors["other_2028"])
    html = response.content.decode()
    assert 'value="31 415"' in html
    assert 'value="12x"' in html
    assert not draft.budget_lines.exists()


def test_budget_query_count_does_not_grow_with_lines(
    client_en, draft, applicant, django_assert_max_num_queries
):
    with_period(draft, applicant, 2027, 2031)
    client = client_en(applicant)
    with django_assert_max_num_queries(30):
        assert client.get(step(draft, "budget")).status_code == 200
    services.budget_set(
        application=draft,
        by=applicant,
        amounts={
            (category, year): 10_000_00
            for category in ("staff", "travel", "equipment", "other", "investments")
            for year in range(2027, 2032)
        },
    )
    with django_assert_max_num_queries(30):
        assert client.get(step(draft, "budget")).status_code == 200


# Financing ----------------------------------------------------------------------------


def financing_data(application, amount, lines):
    data = {
        "revision": application.revision,
        "amount_requested": amount,
        "lines-TOTAL_FORMS": str(len(lines) + 1),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "50",
    }
    for index, line in enumerate(lines):
        for key, value in line.items():
            data[f"lines-{index}-{key}"] = value
    index = len(lines)
    data.update(
        {
            f"lines-{index}-kind": "cash",
            f"lines-{index}-sector": "public",
            f"lines-{index}-status": "pending",
        }
    )
    return data


def line(funder, amount, **kw):
    return {
        "funder": funder,
        "kind": "cash",
        "sector": "public",
        "status": "confirmed",
        "amount": amount,
        "note": kw.get("note", ""),
        "evidence": kw.get("evidence", ""),
    }


def test_financing_saves_and_shows_balance(client_en, draft, applicant):
    with_period(draft, applicant)
    services.budget_set(
        application=draft, by=applicant, amounts={("staff", 2027): 1_000_000_00}
    )
    draft.refresh_from_db()
    client = client_en(applicant)
    response = client.post(
        step(draft, "financing"),
        financing_data(draft, "500 000", [line("Sundsvalls kommun", "400 000")]),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.amount_requested == 500_000_00
    assert draft.cofinancing_total == 400_000_00
    html = client.get(step(draft, "financing")).content.decode()
    assert "is not yet financed" in html
    assert "Sundsvalls kommun" in html
    assert "at most 50 %" in html


def test_financing_above_aid_intensity_is_an_error_and_keeps_lines(
    client_en, draft, applicant
):
    with_period(draft, applicant)
    services.budget_set(
        application=draft, by=applicant, amounts={("staff", 2027): 1_000_000_00}
    )
    draft.refresh_from_db()
    response = client_en(applicant).post(
        step(draft, "financing"),
        financing_data(
            draft,
            "900 000",
            [line("Sundsvalls kommun", "100 000", note="Beslut i maj")],
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "50 %" in str(form.errors["amount_requested"])
    html = response.content.decode()
    assert "Beslut i maj" in html
    assert 'value="900 000"' in html
    draft.refresh_from_db()
    assert draft.amount_requested is None


def test_financing_negative_amount_is_an_error_at_the_line(client_en, draft, applicant):
    response = client_en(applicant).post(
        step(draft, "financing"),
        financing_data(draft, "-100", [line("Kommunen", "-5", note="Kvar")]),
    )
    assert response.status_code == 200
    assert "amount_requested" in response.context["form"].errors
    formset = response.context["formset"]
    assert "amount" in formset.forms[0].errors
    assert "Kvar" in response.content.decode()


# Effects, strategy, sustainability, state aid -----------------------------------------


def test_effects_save_items_and_indicators(client_en, call, draft, applicant):
    indicator = call.indicators.get()
    prefix = f"indicator_{indicator.pk}"
    response = client_en(applicant).post(
        step(draft, "effects"),
        {
            "revision": draft.revision,
            "effect_need": "Låg digital mognad\nFå bokningar vintertid",
            "effect_activities": "Utbildningar",
            "effect_outputs": "",
            "effect_short_term": "",
            "effect_long_term": "",
            f"{prefix}_use": "on",
            f"{prefix}_baseline": "0",
            f"{prefix}_target": "25",
            f"{prefix}_note": "Minst hälften kvinnor",
        },
    )
    assert response.status_code == 302
    assert list(
        draft.effect_items.filter(level="need").values_list("text", flat=True)
    ) == ["Låg digital mognad", "Få bokningar vintertid"]
    chosen = draft.indicators.get()
    assert chosen.target == 25
    assert chosen.note == "Minst hälften kvinnor"


def test_effects_indicator_without_target_keeps_text(client_en, call, draft, applicant):
    indicator = call.indicators.get()
    response = client_en(applicant).post(
        step(draft, "effects"),
        {
            "revision": draft.revision,
            "effect_need": "Behovet beskrivs här",
            f"indicator_{indicator.pk}_use": "on",
            f"indicator_{indicator.pk}_target": "",
        },
    )
    assert response.status_code == 200
    assert f"indicator_{indicator.pk}_target" in response.context["form"].errors
    assert "Behovet beskrivs här" in response.content.decode()


def test_strategy_step_saves_activities_goals_and_text(
    client_en, region, call, draft, applicant, goal
):
    call.required_sections = [*call.required_sections, "strategy"]
    call.save()
    plan = ActionPlanFactory(region=region, title="Handlingsplan besöksnäring")
    activity = ActivityFactory(
        action_plan=plan, title="Digitalisering av besöksnäringen"
    )
    client = client_en(applicant)
    html = client.get(step(draft, "strategy")).content.decode()
    assert "Handlingsplan besöksnäring" in html
    assert "Hållbar besöksnäring" in html
    response = client.post(
        step(draft, "strategy"),
        {
            "revision": draft.revision,
            "activities": [activity.pk],
            "goals": [goal.pk],
            "strategy_fit": "Projektet genomför aktivitet 1.",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert list(draft.activities.all()) == [activity]
    assert list(draft.goals.all()) == [goal]
    assert draft.strategy_fit == "Projektet genomför aktivitet 1."


def test_sustainability_saves(client_en, draft, applicant):
    client = client_en(applicant)
    html = client.get(step(draft, "sustainability")).content.decode()
    assert "<legend>" in html
    assert 'type="radio"' in html
    assert "Sami" not in html
    response = client.post(
        step(draft, "sustainability"),
        {
            "revision": draft.revision,
            "social_rating": "integrated",
            "social_description": "Alla kan delta.",
            "gender_equality_rating": "partly",
            "gender_equality_description": "",
        },
    )
    assert response.status_code == 302
    answers = {a.aspect: a for a in draft.sustainability_answers.all()}
    assert answers["social"].rating == "integrated"
    assert answers["social"].description == "Alla kan delta."
    assert answers["gender_equality"].rating == "partly"


def test_sustainability_description_without_rating_keeps_text(
    client_en, call, draft, applicant
):
    call.asks_sami_perspective = True
    call.save()
    response = client_en(applicant).post(
        step(draft, "sustainability"),
        {"revision": draft.revision, "sami_description": "Renskötseln berörs."},
    )
    assert response.status_code == 200
    assert "sami_rating" in response.context["form"].errors
    assert "Renskötseln berörs." in response.content.decode()


def test_state_aid_step(client_en, fund, draft, applicant):
    fund.state_aid_applies = True
    fund.save()
    client = client_en(applicant)
    assert client.get(step(draft, "state_aid")).status_code == 200
    response = client.post(
        step(draft, "state_aid"),
        {"revision": draft.revision, "de_minimis_received": "-1"},
    )
    assert response.status_code == 200
    assert "de_minimis_received" in response.context["form"].errors
    response = client.post(
        step(draft, "state_aid"),
        {
            "revision": draft.revision,
            "de_minimis_received": "125 000",
            "de_minimis_declared": "on",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.de_minimis_received == 125_000_00
    assert draft.de_minimis_declared


# Attachments --------------------------------------------------------------------------


@pytest.fixture
def required(call):
    return RequiredAttachmentFactory(call=call, title="Intyg om medfinansiering")


def upload(name, content):
    f = io.BytesIO(content)
    f.name = name
    return f


def test_attachment_upload_download_remove(client_en, required, draft, applicant):
    client = client_en(applicant)
    html = client.get(step(draft, "attachments")).content.decode()
    assert "Intyg om medfinansiering" in html
    assert "Missing" in html
    response = client.post(
        step(draft, "attachments"),
        {
            "revision": draft.revision,
            "file": upload("intyg.pdf", PDF),
            "required": required.pk,
            "title": "",
        },
    )
    assert response.status_code == 302
    attachment = draft.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.required == required
    response = client.get(
        reverse("applications:attachment_download", args=[draft.pk, attachment.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    response = client.post(
        reverse("applications:attachment_remove", args=[draft.pk, attachment.pk])
    )
    assert response.status_code == 302
    assert not Attachment.objects.filter(pk=attachment.pk).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("budget.pdf", b"just some text, not a PDF", "whatever its name says"),
        ("x.pdf.exe", PDF, "is not allowed"),
    ],
)
def test_bad_file_is_an_error_at_the_file_and_keeps_title(
    client_en, required, draft, applicant, name, content, message
):
    response = client_en(applicant).post(
        step(draft, "attachments"),
        {
            "revision": draft.revision,
            "file": upload(name, content),
            "required": required.pk,
            "title": "Mitt eget namn",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in str(errors["file"])
    assert 'value="Mitt eget namn"' in response.content.decode()
    assert not draft.attachments.exists()


def test_too_large_file_is_refused(client_en, settings, required, draft, applicant):
    settings.SAMVERKA_ATTACHMENT_MAX_BYTES = 20
    response = client_en(applicant).post(
        step(draft, "attachments"),
        {"revision": draft.revision, "file": upload("stor.pdf", PDF), "title": "Stor"},
    )
    assert response.status_code == 200
    assert "larger than" in str(response.context["form"].errors["file"])
    assert not draft.attachments.exists()


def test_word_file_is_accepted(client_en, required, draft, applicant):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    response = client_en(applicant).post(
        step(draft, "attachments"),
        {"revision": draft.revision, "file": upload("plan.docx", buffer.getvalue())},
    )
    assert response.status_code == 302
    assert draft.attachments.get().file_name == "plan.docx"


# Who may -------------------------------------------------------------------------------


def all_urls(application, partner_pk=1, attachment_pk=1):
    return [
        ("get", step(application, "project")),
        ("post", step(application, "project")),
        ("get", step(application, "budget")),
        ("post", reverse("applications:autosave", args=[application.pk, "project"])),
        (
            "post",
            reverse("applications:partner_remove", args=[application.pk, partner_pk]),
        ),
        (
            "post",
            reverse(
                "applications:attachment_remove", args=[application.pk, attachment_pk]
            ),
        ),
        (
            "get",
            reverse(
                "applications:attachment_download",
                args=[application.pk, attachment_pk],
            ),
        ),
    ]


def test_others_get_404_everywhere(client_en, region, required, draft, applicant):
    partner = services.partner_add(
        application=draft, by=applicant, data={"name": "Kommunen", "role": "partner"}
    )
    attachment = services.attachment_add(
        application=draft,
        by=applicant,
        upload=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
    )
    other = UserFactory()
    Membership.objects.create(
        user=other, organisation=OrganisationFactory(region=region)
    )
    staff = staff_user(region, "officer", "region_admin")
    for user in (other, staff):
        client = client_en(user)
        for method, url in all_urls(draft, partner.pk, attachment.pk):
            response = getattr(client, method)(
                url, project_data(draft) if method == "post" else None
            )
            assert response.status_code == 404, (user, method, url)
    draft.refresh_from_db()
    assert draft.work_plan == ""
    assert draft.partners.exists()
    assert draft.attachments.exists()


def test_anonymous_is_sent_to_login(draft):
    from django.test import Client

    response = Client().get(step(draft, "project"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_submitted_application_is_read_only(client_en, draft, applicant):
    complete(draft, applicant)
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.SUBMITTED)
    draft.refresh_from_db()
    client = client_en(applicant)
    response = client.get(step(draft, "project"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "can no longer be changed" in html
    assert "disabled" in html
    assert "Save and continue" not in html
    response = client.post(
        step(draft, "project"), project_data(draft, work_plan="Ändrad"), follow=True
    )
    assert "can no longer be changed" in response.content.decode()
    draft.refresh_from_db()
    assert draft.work_plan == "Arbetsplan."
    response = client.post(
        reverse("applications:autosave", args=[draft.pk, "project"]),
        project_data(draft, work_plan="Ändrad"),
    )
    assert "can no longer be changed" in response.content.decode()
    draft.refresh_from_db()
    assert draft.work_plan == "Arbetsplan."


def test_last_step_continues_to_review(client_en, draft, applicant):
    response = client_en(applicant).post(
        step(draft, "sustainability"),
        {"revision": draft.revision, "continue": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:review", args=[draft.pk])


def test_save_right_after_own_autosave_is_not_stale(client_en, draft, applicant):
    client = client_en(applicant)
    read_at = draft.revision
    client.post(
        reverse("applications:autosave", args=[draft.pk, "project"]),
        project_data(draft, work_plan="Utkast."),
    )
    draft.refresh_from_db()
    assert draft.revision > read_at
    # The page still holds the revision it was read at (the autosave raced the click).
    response = client.post(
        step(draft, "project"), project_data(draft, revision=read_at, work_plan="Klar.")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.work_plan == "Klar."
    # Someone else saving in between is still caught.
    services.application_update(
        application=draft, by=applicant, data={"summary": "Annan."}
    )
    response = client.post(
        step(draft, "project"),
        project_data(draft, revision=read_at, work_plan="Igen."),
    )
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()


def test_fund_is_chosen_only_when_the_call_has_several(
    client_en, region, call, fund, draft, applicant
):
    from samverka.funding.tests.factories import FundFactory

    client = client_en(applicant)
    assert 'name="fund"' not in client.get(step(draft, "project")).content.decode()
    other = FundFactory(region=region, name="Landsbygdsprogrammet")
    call.funds.add(other)
    html = client.get(step(draft, "project")).content.decode()
    assert 'name="fund"' in html
    assert "Landsbygdsprogrammet" in html
    response = client.post(step(draft, "project"), project_data(draft, fund=other.pk))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.fund == other


def test_municipalities_are_the_calls_when_it_names_some(
    client_en, call, draft, applicant, municipality
):
    other = Municipality.objects.create(
        code="2262", name="Timrå", country=municipality.country, lau_code="2262"
    )
    client = client_en(applicant)
    html = client.get(step(draft, "project")).content.decode()
    assert "Sundsvall" in html
    assert "Timrå" in html
    call.municipalities.set([other])
    html = client.get(step(draft, "project")).content.decode()
    assert "Sundsvall" not in html
    assert "Timrå" in html


def test_amount_is_asked_in_the_project_step_without_a_financing_step(
    client_en, call, draft, applicant
):
    call.required_sections = ["budget"]
    call.save()
    client = client_en(applicant)
    assert client.get(step(draft, "financing")).status_code == 404
    response = client.post(
        step(draft, "project"), project_data(draft, **{"amount-amount_requested": "-3"})
    )
    assert response.status_code == 200
    assert "cannot be negative" in response.content.decode()
    assert "Kartläggning, utveckling, utbildning." in response.content.decode()
    response = client.post(
        step(draft, "project"),
        project_data(draft, **{"amount-amount_requested": "150 000"}),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.amount_requested == 150_000_00

"""The decision memo, the decision letter and their registration in the case."""

from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import staff_user
from samverka.applications import receipts
from samverka.core.models import AuditEntry
from samverka.core.testing import assert_access
from samverka.decisions import documents
from samverka.decisions.models import Decision
from samverka.decisions.tests.assessed import TRADE_OFF_WHY, assess, decide, recommend
from samverka.records.choices import Direction
from samverka.records.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def assessed(in_assessment, officer, assessor, criteria):
    assess(in_assessment, officer=officer, assessor=assessor, criteria=criteria)
    recommend(in_assessment, officer=officer)
    in_assessment.refresh_from_db()
    return in_assessment


@pytest.fixture
def decided(assessed, decision_maker):
    return decide(assessed, by=decision_maker)


def _url(name, application, region=None):
    region = region or application.call.region
    return reverse(name, kwargs={"region_slug": region.slug, "pk": application.pk})


def _no_weasyprint(monkeypatch):
    def missing():
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(receipts, "load_weasyprint", missing)


# The memo's content -------------------------------------------------------------------


def test_memo_context_has_the_assessment_and_the_recommendation(assessed, criteria):
    context = documents.memo_context(assessed)

    assert context["summary"]["title"] == "Digital besöksnäring"
    assert context["summary"]["organisation"] == "Exempelbolaget Norrland AB"
    assert context["summary"]["amount_requested"] == 500_000_00
    assert context["case_number"] == assessed.case_number != ""
    assert context["budget"].total == "SEK1,000,000"
    assert [line["funder"] for line in context["financing"]["lines"]] == [
        "Sundsvalls kommun"
    ]
    scores = context["scores"]
    assert scores["percent"] == Decimal("79.3")
    assert scores["assessors"] == 1
    assert [(c["name"], c["mean"]) for c in scores["criteria"]] == [
        ("Relevans", Decimal("4.0")),
        ("Genomförbarhet", Decimal("8.0")),
    ]
    profile = context["profile"]
    assert [r.aspect for r in profile.negative] == ["ecological"]
    [confirmed] = context["conflicts"]["confirmed"]
    assert confirmed.handling == "trade_off"
    assert confirmed.handling_text == TRADE_OFF_WHY
    assert confirmed.weighed_by is not None
    assert confirmed.weighed_at is not None
    assert [c.subject for c in context["conflicts"]["dismissed"]] == [
        "Buller mot boende"
    ]
    assert [c.subject for c in context["conflicts"]["proposed"]] == [
        "Markanvändning mot rennäring"
    ]
    assert context["formal_check"].outcome == "passed"
    assert context["recommendation"].outcome == "grant_with_conditions"
    assert context["recommendation"].amount == 400_000_00
    assert context["decision"] is None


def test_memo_context_has_the_decision_once_taken(decided, decision_maker):
    context = documents.memo_context(decided.application)

    assert context["decision"] == decided
    assert context["decision"].level == "decision_maker"
    assert [c.funder for c in context["conditions"]] == ["Sundsvalls kommun"]
    assert "Dag Beslutare" in context["decided_by"]


def test_memo_page_shows_the_weighed_conflict_and_why(assessed, officer, client_en):
    response = client_en(officer).get(_url("decisions:memo", assessed))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Trade-off accepted" in html
    assert TRADE_OFF_WHY in html
    assert "Olle Officersson" in html  # who weighed it
    assert "Anläggningen ligger långt från bostäder." in html  # dismissed, with reason
    assert "Markanvändning mot rennäring" in html
    assert "Not yet weighed" in html
    assert "Combined score 79.3 of 100, from 1 assessor." in html
    assert "Projektet stärker besöksnäringen." in html
    assert "No decision has been taken yet." in html
    # No single assessor's scores on the memo.
    assert "Asta Bedömare" not in html


def test_memo_page_shows_the_decision(decided, decision_maker, client_en):
    response = client_en(decision_maker).get(
        _url("decisions:memo", decided.application)
    )

    html = response.content.decode()
    assert "Grant with conditions" in html
    assert "Projektet ligger i linje med strategin." in html
    assert "Sundsvalls kommun medfinansierar projektet." in html
    assert (
        reverse(
            "decisions:letter_pdf",
            kwargs={
                "region_slug": decided.application.call.region.slug,
                "pk": decided.application.pk,
            },
        )
        in html
    )


def test_memo_access(assessed, officer, no_role_user, outsider, other_region):
    result = assert_access(
        _url("decisions:memo", assessed),
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )
    assert "Digital besöksnäring" in result.response.content.decode()


def test_memo_is_refused_to_a_mere_assessor_and_hidden_in_another_region(
    assessed, region, other_region, outsider, client_en
):
    only_assessor = staff_user(region, "assessor", full_name="Enbart Bedömare")
    assert (
        client_en(only_assessor).get(_url("decisions:memo", assessed)).status_code
        == 403
    )
    # The application through the other region's address: not found.
    response = client_en(outsider).get(
        _url("decisions:memo", assessed, region=other_region)
    )
    assert response.status_code == 404


def test_memo_of_an_application_outside_the_assessment_is_not_found(
    draft, officer, client_en
):
    """A draft never submitted is no staff member's to read."""
    response = client_en(officer).get(_url("decisions:memo", draft))
    assert response.status_code == 404


# The PDFs -----------------------------------------------------------------------------


def test_memo_pdf(assessed, officer, client_en):
    response = client_en(officer).get(_url("decisions:memo_pdf", assessed))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    stem = assessed.case_number.replace(" ", "-")
    assert response["Content-Disposition"] == f'inline; filename="{stem}-memo.pdf"'


def test_memo_pdf_without_weasyprint_says_so(assessed, officer, client_en, monkeypatch):
    _no_weasyprint(monkeypatch)

    response = client_en(officer).get(_url("decisions:memo_pdf", assessed))

    assert response.status_code == 503
    html = response.content.decode()
    assert "The PDF cannot be made right now" in html
    assert _url("decisions:memo", assessed) in html


def test_letter_pdf_is_not_found_before_the_decision(assessed, officer, client_en):
    response = client_en(officer).get(_url("decisions:letter_pdf", assessed))
    assert response.status_code == 404


def test_letter_pdf(decided, officer, no_role_user, outsider):
    result = assert_access(
        _url("decisions:letter_pdf", decided.application),
        permitted=officer,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )
    assert result.response["Content-Type"] == "application/pdf"
    assert result.response.content.startswith(b"%PDF")
    assert "-decision.pdf" in result.response["Content-Disposition"]


# The letter ---------------------------------------------------------------------------


def test_letter_says_the_decision_in_plain_words(decided):
    application = decided.application
    application.language = "en"
    application.save(update_fields=["language"])

    html = documents.render_letter_html(decided)

    assert '<html lang="en">' in html
    assert "Region Västernorrland grants Exempelbolaget Norrland AB" in html
    assert "SEK400,000.00" in html or "SEK 400,000.00" in html
    assert "for the project period 1 January 2027 to 31 December 2027" in html
    assert "Sundsvalls kommun medfinansierar projektet." in html
    assert "this must be shown by 31 March 2027" in html
    assert "taken by Dag Beslutare, head of unit (decision maker)." in html
    assert "Projektet ligger i linje med strategin." in html
    assert application.case_number in html
    assert "Exempelbolaget Norrland AB" in html
    assert "Olle Officersson" in html  # the officer to contact


def test_letter_is_written_in_the_applicants_language(decided):
    application = decided.application
    application.language = "sv"
    application.save(update_fields=["language"])

    html = documents.render_letter_html(decided)

    assert '<html lang="sv">' in html
    # Dates in Swedish, whatever the translations say.
    assert "31 mars 2027" in html


def test_letter_falls_back_on_the_regions_language(decided):
    application = decided.application
    application.language = ""
    application.save(update_fields=["language"])

    assert '<html lang="sv">' in documents.render_letter_html(decided)


def test_appeal_paragraph_when_the_decision_can_be_appealed(decided):
    decided.application.language = "en"
    decided.application.save(update_fields=["language"])
    assert decided.appeal_allowed

    html = documents.render_letter_html(decided)

    assert "How to appeal" in html
    assert "within three weeks" in html
    assert "cannot be appealed" not in html


def test_no_appeal_paragraph_when_it_cannot_be_appealed(assessed, fund, decision_maker):
    fund.appeal_allowed = False
    fund.save(update_fields=["appeal_allowed"])
    assessed.language = "en"
    assessed.save(update_fields=["language"])
    decision = decide(assessed, by=decision_maker, outcome="reject")
    assert not decision.appeal_allowed

    html = documents.render_letter_html(decision)

    assert "How to appeal" not in html
    assert "within three weeks" not in html
    assert "This decision cannot be appealed." in html
    assert "rejects the application" in html


# Registration in the case -------------------------------------------------------------


def test_register_decision_documents(decided):
    application = decided.application
    before = Document.objects.filter(case=application.case).count()

    assert documents.register_decision_documents(decided.pk) == 2

    decided.refresh_from_db()
    memo, letter = decided.memo, decided.letter
    assert memo.case_id == letter.case_id == application.case_id
    assert memo.direction == Direction.INTERNAL
    assert letter.direction == Direction.OUTGOING
    assert letter.counterpart == "Exempelbolaget Norrland AB"
    assert Document.objects.filter(case=application.case).count() == before + 2
    for document in (memo, letter):
        assert document.content_type == "application/pdf"
        with document.file.open("rb") as handle:
            assert handle.read().startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="decisions.document_register").count() == 1


def test_register_decision_documents_is_idempotent(decided):
    assert documents.register_decision_documents(decided.pk) == 2
    count = Document.objects.count()

    assert documents.register_decision_documents(decided.pk) == 0

    assert Document.objects.count() == count
    assert AuditEntry.objects.filter(action="decisions.document_register").count() == 1


def test_register_without_weasyprint_registers_nothing(decided, monkeypatch):
    _no_weasyprint(monkeypatch)

    assert documents.register_decision_documents(decided.pk) == 0

    decided.refresh_from_db()
    assert decided.memo is None
    assert decided.letter is None
    assert (
        not Document.objects.filter(case=decided.application.case)
        .filter(title__startswith="Decision")
        .exists()
    )


def test_register_of_an_unknown_decision_does_nothing(db):
    assert documents.register_decision_documents(999_999) == 0


def test_the_decision_task_registers_the_documents(
    assessed, decision_maker, django_capture_on_commit_callbacks, mailoutbox
):
    """After the decision commits, the task registers the memo and the letter, and
    the applicant gets the letter as registered."""
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide(assessed, by=decision_maker)

    decision = Decision.objects.get(pk=decision.pk)
    assert decision.memo is not None
    assert decision.letter is not None
    stem = assessed.case_number.replace(" ", "-")
    [to_applicant] = [m for m in mailoutbox if "sara@example.org" in m.to]
    [(name, content, kind)] = to_applicant.attachments
    assert (name, kind) == (f"{stem}-decision.pdf", "application/pdf")
    assert content.startswith(b"%PDF")

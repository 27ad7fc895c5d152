"""The printout, the registration of a submission in its case, and the receipt."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from samverka.accounts.tests.factories import staff_user
from samverka.applications import receipts, services
from samverka.applications.models import Submission
from samverka.applications.tests.conftest import complete
from samverka.core.formatting import format_date, format_money
from samverka.records.choices import Direction, DocumentKind

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _submit(application, by, key, capture):
    with capture(execute=True):
        return services.application_submit(application=application, by=by, key=key)


def _attach(application, by, data=PDF, name="Intyg.pdf"):
    return services.attachment_add(
        application=application,
        by=by,
        upload=SimpleUploadedFile(name, data, content_type="application/pdf"),
        title="Intyg om medfinansiering",
    )


def test_submit_registers_printout_attachment_and_receipt_and_mails_it(
    draft, applicant, django_capture_on_commit_callbacks
):
    complete(draft, applicant)
    _attach(draft, applicant)
    submission = _submit(draft, applicant, "k1", django_capture_on_commit_callbacks)
    draft.refresh_from_db()
    case = draft.case
    documents = list(case.documents.order_by("number"))
    kinds = [(d.direction, d.kind) for d in documents]
    assert kinds == [
        (Direction.INCOMING, DocumentKind.APPLICATION),
        (Direction.INCOMING, DocumentKind.ATTACHMENT),
        (Direction.OUTGOING, DocumentKind.RECEIPT),
    ]
    printout, attachment, receipt = documents
    submission.refresh_from_db()
    assert submission.document == printout
    assert printout.content_type == "application/pdf"
    assert printout.file.read().startswith(b"%PDF")
    assert printout.size > 1000
    assert printout.counterpart == "Exempelbolaget Norrland AB"
    assert printout.reference == f"{case.case_number}-1"
    assert attachment.file.read() == PDF
    assert attachment.sha256 == draft.attachments.get().sha256
    assert attachment.file_name == "Intyg.pdf"
    receipt_text = receipt.file.read().decode()
    assert case.case_number in receipt_text

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert case.case_number in message.subject
    assert message.to == ["sara@example.org"]
    assert case.case_number in message.body
    assert "Regionala projektmedel 2027" in message.body
    [(name, content, mimetype)] = message.attachments
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF")
    assert name.endswith(".pdf")
    assert message.body.strip() in receipt_text


def test_the_receipt_goes_to_the_submitter_too_when_not_the_contact(
    draft, applicant, django_capture_on_commit_callbacks
):
    complete(draft, applicant)
    services.application_update(
        application=draft, by=applicant, data={"contact_email": "Projekt@Example.org"}
    )
    _submit(draft, applicant, "k1", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Projekt@Example.org", "sara@example.org"]


def test_the_receipt_is_in_the_applicants_language(
    draft, applicant, django_capture_on_commit_callbacks
):
    complete(draft, applicant)
    services.application_update(
        application=draft, by=applicant, data={"language": "sv"}
    )
    submission = _submit(draft, applicant, "k1", django_capture_on_commit_callbacks)
    draft.refresh_from_db()
    body = mail.outbox[0].body
    local = timezone.localtime(submission.submitted_at, draft.region.tzinfo)
    # Dates and money are formatted for Swedish whatever the message catalogue holds.
    assert format_date(local.date(), language="sv", style="long") in body
    assert format_money(500_000_00, "SEK", language="sv") in body
    assert format_money(500_000_00, "SEK", language="en") not in body
    assert draft.case.case_number in mail.outbox[0].subject


def test_the_same_attachment_is_registered_once_over_two_submissions(
    draft, applicant, officer, django_capture_on_commit_callbacks
):
    complete(draft, applicant)
    _attach(draft, applicant)
    _submit(draft, applicant, "k1", django_capture_on_commit_callbacks)
    draft.refresh_from_db()
    services.completion_request(
        application=draft,
        by=officer,
        message="Komplettera budgeten.",
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )
    draft.refresh_from_db()
    _attach(draft, applicant, data=PDF + b"% another\n", name="Budget.pdf")
    mail.outbox.clear()
    second = _submit(draft, applicant, "k2", django_capture_on_commit_callbacks)
    case = draft.case
    kinds = list(case.documents.order_by("number").values_list("kind", flat=True))
    assert kinds == [
        DocumentKind.APPLICATION,
        DocumentKind.ATTACHMENT,
        DocumentKind.RECEIPT,
        DocumentKind.COMPLETION_REQUEST,
        DocumentKind.COMPLETION,
        DocumentKind.ATTACHMENT,
        DocumentKind.RECEIPT,
    ]
    assert case.documents.filter(kind=DocumentKind.ATTACHMENT).count() == 2
    second.refresh_from_db()
    assert second.document.kind == DocumentKind.COMPLETION
    assert len(mail.outbox) == 1
    assert case.case_number in mail.outbox[0].subject


def test_registering_twice_registers_and_sends_nothing_more(
    draft, applicant, django_capture_on_commit_callbacks
):
    complete(draft, applicant)
    submission = _submit(draft, applicant, "k1", django_capture_on_commit_callbacks)
    draft.refresh_from_db()
    count = draft.case.documents.count()
    assert count == 2
    fresh = Submission.objects.get(pk=submission.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert receipts.register_submission(fresh) == []
    # A stale object (loaded before the first run) is caught by the locked re-read.
    stale = Submission.objects.get(pk=submission.pk)
    stale.document_id = None
    with django_capture_on_commit_callbacks(execute=True):
        assert receipts.register_submission(stale) == []
    assert draft.case.documents.count() == count
    assert len(mail.outbox) == 1


def test_without_weasyprint_the_printout_is_registered_without_content(
    draft, applicant, django_capture_on_commit_callbacks, monkeypatch
):
    def missing():
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(receipts, "load_weasyprint", missing)
    complete(draft, applicant)
    submission = _submit(draft, applicant, "k1", django_capture_on_commit_callbacks)
    submission.refresh_from_db()
    assert submission.document is not None
    assert submission.document.kind == DocumentKind.APPLICATION
    assert not submission.document.file
    assert submission.document.size == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments == []


def test_the_printout_shows_the_snapshot_not_the_live_application(
    draft, applicant, django_capture_on_commit_callbacks
):
    complete(draft, applicant)
    submission = _submit(draft, applicant, "k1", django_capture_on_commit_callbacks)
    # The live application changes afterwards; the printout reads the snapshot.
    type(draft).objects.filter(pk=draft.pk).update(title="Ändrad titel")
    submission = Submission.objects.select_related("application__call__region").get(
        pk=submission.pk
    )
    context = receipts.printout_context(submission)
    assert context["project"]["title"] == "Digital besöksnäring"
    table = context["budget"]
    assert table.years == [2027]
    assert [row["label"] for row in table.rows] == ["Staff"]
    assert context["financing_total"] == format_money(1_000_000_00, "SEK")
    assert next(e["label"] for e in context["effects"]) == "Need"
    html = receipts.render_to_string(receipts.PDF_TEMPLATE, context)
    assert "Digital besöksnäring" in html
    assert "Sundsvalls kommun" in html
    assert "Ändrad titel" not in html


def test_the_register_shows_the_submission_and_links_to_the_application(
    draft, applicant, region, client_en, django_capture_on_commit_callbacks
):
    complete(draft, applicant)
    _submit(draft, applicant, "k1", django_capture_on_commit_callbacks)
    draft.refresh_from_db()
    case = draft.case
    registrar = staff_user(region, "registrar")
    page = (
        client_en(registrar)
        .get(
            reverse(
                "records:case_detail",
                kwargs={"region_slug": region.slug, "pk": case.pk},
            )
        )
        .content.decode()
    )
    assert f"{case.case_number}-1" in page
    assert f"{case.case_number}-2" in page
    printout = case.documents.get(number=1)
    assert (
        reverse(
            "records:document_download",
            kwargs={"region_slug": region.slug, "pk": printout.pk},
        )
        in page
    )
    try:
        url = reverse("applications:staff_detail", args=[region.slug, draft.pk])
    except NoReverseMatch:
        url = None
    if url is None:
        assert "Open the application" not in page
    else:
        assert f'href="{url}"' in page


def test_registered_files_have_no_public_address(
    draft, applicant, settings, django_capture_on_commit_callbacks
):
    """The case's documents are read through the register's views only."""
    from django.urls import Resolver404, resolve

    from samverka.records.models import Document

    complete(draft, applicant)
    _attach(draft, applicant)
    _submit(draft, applicant, "no-media", django_capture_on_commit_callbacks)
    files = [d.file.name for d in Document.objects.exclude(file="")]
    assert len(files) >= 2
    # Not even with DEBUG on, as in the demo.
    import importlib

    from django.urls import clear_url_caches

    import config.urls

    settings.DEBUG = True
    try:
        urls = importlib.reload(config.urls)
        clear_url_caches()
        for name in files:
            with pytest.raises(Resolver404):
                resolve(settings.MEDIA_URL + name, urlconf=urls)
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
        clear_url_caches()

"""The applications demo: every loader run in order, as `manage.py load_demo` does."""

import io
from collections import defaultdict

import pytest
from django.utils import translation
from django.utils.module_loading import autodiscover_modules

from samverka.actors.demo import DEMO as ACTORS
from samverka.applications import completeness
from samverka.applications.choices import ApplicationStatus, Stage
from samverka.applications.demo import DEMO, NEARLY, tiny_pdf
from samverka.applications.models import Application, Attachment, Submission
from samverka.core.demo import loaders
from samverka.core.files import sniff
from samverka.core.models import AuditEntry
from samverka.funding.demo import DEMO as FUNDING
from samverka.funding.models import Call
from samverka.geo.models import Country, Municipality
from samverka.records.models import Case, Document

pytestmark = pytest.mark.django_db


def load_demo(output: io.StringIO) -> dict:
    autodiscover_modules("demo")
    context: dict = {}
    with translation.override("en"):
        for loader in loaders():
            if loader.order > 80:
                continue  # assessments and decisions move applications on
            loader.function(context=context, stdout=output)
    return context


def counts():
    return [
        model.objects.count()
        for model in (Application, Submission, Attachment, Case, Document, AuditEntry)
    ]


@pytest.fixture
def geography():
    """The municipalities of the demo regions, as `load_geo` would have them."""
    for spec in ACTORS.values():
        country, _ = Country.objects.get_or_create(
            code=spec.country, defaults={"name": spec.country}
        )
        for name, code in spec.municipalities:
            Municipality.objects.get_or_create(
                country=country, code=code, defaults={"name": name, "lau_code": code}
            )


@pytest.fixture
def quick_printouts(monkeypatch, settings, tmp_path):
    """Files in a temporary folder, and no WeasyPrint rendering (it is slow)."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(
        "samverka.applications.receipts.render_pdf",
        lambda template, context: tiny_pdf(["Printout"]),
    )


def test_the_demo_has_applications_in_every_status_once(geography, quick_printouts):
    output = io.StringIO()
    load_demo(output)
    first = counts()

    demo_titles = {spec.title for specs in DEMO.values() for spec in specs}
    applications = Application.objects.filter(title__in=demo_titles)
    assert applications.count() == len(demo_titles) >= 25
    statuses = set(applications.values_list("status", flat=True))
    assert statuses == {
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.COMPLETION_REQUESTED,
        ApplicationStatus.IN_ASSESSMENT,
        ApplicationStatus.WITHDRAWN,
    }
    assert "Demo applications: 31" in output.getvalue()
    for region_id in set(applications.values_list("region", flat=True)):
        assert applications.filter(region=region_id).count() >= 8

    # Every application that was sent has a case; numbers are gapless per region and year.
    sent = applications.exclude(submitted_at=None)
    assert not sent.filter(case=None).exists()
    assert not applications.filter(submitted_at=None).exclude(case=None).exists()
    numbers = defaultdict(list)
    for case in Case.objects.all():
        numbers[(case.region_id, case.year)].append(case.number)
    assert numbers
    for found in numbers.values():
        assert sorted(found) == list(range(1, len(found) + 1))
    assert Case.objects.count() == sent.count()

    # Each submission balanced when it was sent; its documents are in the case.
    for submission in Submission.objects.select_related("application"):
        snap = submission.snapshot
        assert snap["total_cost"] > 0
        assert snap["total_cost"] == (
            snap["project"]["amount_requested"] + snap["cofinancing_total"]
        )
        assert submission.document_id is not None
    # Completion answered: two snapshots, and the budget changed between them.
    twice = [a for a in sent if a.submissions.count() == 2]
    assert len(twice) >= 2
    for application in twice:
        first_snap, second_snap = (s.snapshot for s in application.submissions.all())
        assert first_snap["budget"] != second_snap["budget"]
        assert application.status == ApplicationStatus.SUBMITTED
        assert application.completion_requests.get().answered_at is not None

    # Full applications in progress are complete as sent; the nearly complete draft
    # lacks only its attachment.
    for application in applications.filter(
        status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.IN_ASSESSMENT],
        stage=Stage.FULL,
    ):
        assert completeness.problems(application) == []
        assert application.municipalities.exists()
        assert application.activities.exists()
    nearly = [s.title for specs in DEMO.values() for s in specs if s.flow == NEARLY]
    for title in nearly:
        problems = completeness.problems(applications.get(title=title))
        assert [p.section for p in problems] == ["attachments"]
    assert applications.filter(stage=Stage.CONCEPT, status="submitted").exists()
    assert applications.exclude(officer=None).count() >= 8
    for attachment in Attachment.objects.all():
        with attachment.file.open("rb") as handle:
            assert sniff(handle) == "pdf"
    # The applicants write (and are written to) in the region's language.
    for application in applications.select_related("call__region"):
        assert application.language == application.call.region.default_language

    # The closed calls are closed, after their applications came in.
    closed = [c.title for specs in FUNDING.values() for c in specs[1] if not c.open]
    for call in Call.objects.filter(title__in=closed):
        assert call.state == "closed"
        assert call.applications.exclude(submitted_at=None).count() >= 3

    # A second run changes nothing.
    load_demo(io.StringIO())
    assert counts() == first


def test_a_call_closed_before_its_applications_is_opened_for_them_and_closed_again(
    quick_printouts,
):
    """When the calendar (or an older run) closed a demo call before the applications
    demo ran, the loader opens it for its applications and closes it afterwards."""
    import datetime

    from django.utils import timezone

    from samverka.applications.demo import load_applications
    from samverka.funding.services import call_update

    autodiscover_modules("demo")
    context: dict = {}
    with translation.override("en"):
        for loader in loaders():
            if loader.order >= 80:
                continue
            loader.function(context=context, stdout=io.StringIO())
            if "regions" in context and len(context["regions"]) > 1:
                # One region is enough here.
                context["regions"] = {
                    "jamtland-harjedalen": context["regions"]["jamtland-harjedalen"]
                }
        call = Call.objects.get(
            title="Projektmedel för hållbar regional utveckling 2026"
        )
        call_update(
            call=call,
            by=None,
            data={"closes_at": timezone.now() - datetime.timedelta(days=2)},
        )
        assert call.state == "closed"
        load_applications(context=context, stdout=io.StringIO())
    call.refresh_from_db()
    assert call.state == "closed"
    assert call.applications.exclude(submitted_at=None).count() == 4
    assert call.closes_at is not None
    assert call.closes_at < timezone.now() - datetime.timedelta(days=100)

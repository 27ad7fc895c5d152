"""The case register's staff pages: who reads them, what they show, what they cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.accounts.tests.factories import staff_user
from samverka.core.navigation import menu_items
from samverka.core.testing import assert_access
from samverka.records import policies, services
from samverka.records.choices import CaseKind, CaseStatus, Direction, DocumentKind
from samverka.records.models import Case

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% test\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def registrar(region):
    return staff_user(region, "registrar", full_name="Rut Registrator")


@pytest.fixture
def assessor(region):
    return staff_user(region, "assessor", full_name="Bo Bedömare")


def _case(region, title="Digital besöksnäring", party="Exempelbolaget AB", **kw):
    return services.case_open(region=region, title=title, by=None, party=party, **kw)


def _document(case, content=PDF, **kw):
    values = {
        "direction": Direction.INCOMING,
        "kind": DocumentKind.APPLICATION,
        "title": "Ansökan",
        "file_name": "ansokan.pdf",
        "content_type": "application/pdf",
        "counterpart": case.party,
        **kw,
    }
    return services.document_register(case=case, by=None, content=content, **values)


@pytest.fixture
def case(region):
    case = _case(region, kind=CaseKind.APPLICATION)
    _document(case)
    _document(
        case,
        content=b"Tack for din ansokan.",
        direction=Direction.OUTGOING,
        kind=DocumentKind.RECEIPT,
        title="Mottagningsbevis",
        file_name="kvitto.txt",
        content_type="text/plain",
    )
    _document(case, content=None, kind=DocumentKind.OTHER, title="Brev på papper")
    return case


def _list_url(region):
    return reverse("records:case_list", kwargs={"region_slug": region.slug})


def _detail_url(case):
    return reverse(
        "records:case_detail", kwargs={"region_slug": case.region.slug, "pk": case.pk}
    )


def _download_url(document):
    return reverse(
        "records:document_download",
        kwargs={"region_slug": document.case.region.slug, "pk": document.pk},
    )


# Who reads the register ----------------------------------------------------------------


def test_case_list_access(region, case, registrar, no_role_user, outsider):
    result = assert_access(
        _list_url(region),
        permitted=registrar,
        no_role=no_role_user,
        other_region=outsider,
    )
    assert case.case_number in result.response.content.decode()


def test_case_detail_access(case, registrar, no_role_user, outsider):
    result = assert_access(
        _detail_url(case),
        permitted=registrar,
        no_role=no_role_user,
        other_region=outsider,
    )
    assert result.response.status_code == 200


def test_document_download_access(case, registrar, no_role_user, outsider):
    document = case.documents.get(number=1)
    result = assert_access(
        _download_url(document),
        permitted=registrar,
        no_role=no_role_user,
        other_region=outsider,
        expect=200,
    )
    assert b"".join(result.response.streaming_content) == PDF


@pytest.mark.parametrize("role", ["officer", "decision_maker", "region_admin"])
def test_other_register_readers_open_the_pages(role, region, case, client_en):
    user = staff_user(region, role)
    client = client_en(user)
    assert client.get(_list_url(region)).status_code == 200
    assert client.get(_detail_url(case)).status_code == 200
    assert client.get(_download_url(case.documents.get(number=1))).status_code == 200


@pytest.mark.parametrize("role", ["assessor", "strategist", "funding_advisor"])
def test_staff_outside_the_register_are_refused(role, region, case, client_en):
    client = client_en(staff_user(region, role))
    assert client.get(_list_url(region)).status_code == 403
    assert client.get(_detail_url(case)).status_code == 403
    assert client.get(_download_url(case.documents.get(number=1))).status_code == 403


def test_another_regions_case_and_document_are_not_found_under_mine(
    region, other_region, registrar, client_en
):
    theirs = _case(other_region, title="Sag i Sjælland")
    document = _document(theirs)
    client = client_en(registrar)
    detail = reverse(
        "records:case_detail", kwargs={"region_slug": region.slug, "pk": theirs.pk}
    )
    download = reverse(
        "records:document_download",
        kwargs={"region_slug": region.slug, "pk": document.pk},
    )
    assert client.get(detail).status_code == 404
    assert client.get(download).status_code == 404
    assert client.get(_detail_url(theirs)).status_code == 404
    response = client.get(_list_url(region))
    assert "Sag i Sjælland" not in response.content.decode()


def test_policies_name_the_readers(region, registrar, assessor, outsider):
    assert policies.can_view_register(registrar, region)
    assert not policies.can_view_register(assessor, region)
    assert not policies.can_view_register(outsider, region)
    assert policies.cases_visible_to(assessor).count() == 0


def test_the_menu_offers_the_register_to_its_readers(region, registrar, assessor):
    [item] = [i for i in menu_items() if i.key == "records.cases"]
    assert item.url_name == "records:case_list"
    assert item.order == 330
    assert item.allowed(registrar, region)
    assert not item.allowed(assessor, region)


# What the pages show -------------------------------------------------------------------


def test_the_case_shows_its_documents_with_references(case, registrar, client_en):
    response = client_en(registrar).get(_detail_url(case))
    page = response.content.decode()
    assert f"{case.case_number}-1" in page
    assert f"{case.case_number}-2" in page
    assert f"{case.case_number}-3" in page
    assert "Mottagningsbevis" in page
    assert "Outgoing" in page
    assert "Incoming" in page
    assert _download_url(case.documents.get(number=1)) in page
    assert _download_url(case.documents.get(number=2)) in page
    # A document without a file has no download link.
    assert _download_url(case.documents.get(number=3)) not in page
    assert "No file" in page


def test_download_headers(case, registrar, client_en):
    receipt = case.documents.get(number=2)
    response = client_en(registrar).get(_download_url(receipt))
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"] == 'attachment; filename="kvitto.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"Tack for din ansokan."


def test_a_document_without_a_file_is_not_found(case, registrar, client_en):
    paper = case.documents.get(number=3)
    assert client_en(registrar).get(_download_url(paper)).status_code == 404


def test_list_search_and_filters(region, registrar, client_en):
    first = _case(region, title="Besöksnäring i Sundsvall", party="Turistbolaget AB")
    second = _case(
        region,
        title="Kompetens i Härnösand",
        party="Härnösands kommun",
        kind=CaseKind.APPLICATION,
    )
    Case.objects.filter(pk=second.pk).update(status=CaseStatus.CLOSED)
    client = client_en(registrar)
    url = _list_url(region)

    def shown(params):
        page = client.get(url, params).content.decode()
        return {c.case_number for c in (first, second) if c.case_number in page}

    assert shown({}) == {first.case_number, second.case_number}
    assert shown({"q": "turistbolaget"}) == {first.case_number}
    assert shown({"q": second.case_number}) == {second.case_number}
    assert shown({"q": "Härnösand"}) == {second.case_number}
    assert shown({"kind": "application"}) == {second.case_number}
    assert shown({"status": "closed"}) == {second.case_number}
    assert shown({"year": str(first.year)}) == {first.case_number, second.case_number}
    page = client.get(url).content.decode()
    assert page.index(second.case_number) < page.index(first.case_number)


def test_an_htmx_request_gets_only_the_table(region, case, registrar, client_en):
    response = client_en(registrar).get(_list_url(region), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert case.case_number in page
    assert "<html" not in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_rows(region, registrar, client_en):
    client = client_en(registrar)
    officer = staff_user(region, "officer")
    cases = [_case(region, title=f"Ärende {n}", officer=officer) for n in range(3)]
    for case in cases:
        _document(case)
    list_few = _queries(client, _list_url(region))
    detail_few = _queries(client, _detail_url(cases[0]))
    more = [_case(region, title=f"Ärende {n}", officer=officer) for n in range(3, 30)]
    for case in more:
        _document(case)
    for n in range(8):
        _document(cases[0], title=f"Bilaga {n}", kind=DocumentKind.ATTACHMENT)
    assert _queries(client, _list_url(region)) == list_few
    assert _queries(client, _detail_url(cases[0])) == detail_few
    assert list_few <= 10
    assert detail_few <= 9

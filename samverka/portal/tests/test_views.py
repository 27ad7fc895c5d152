import pytest
from django.test import Client
from django.urls import reverse

from samverka.core.testing import assert_access
from samverka.core.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


class PortalTests:
    def test_index_lists_active_regions_only(self, region):
        RegionFactory(name="Nedlagd region", is_active=False)
        result = assert_access(
            reverse("portal:index"),
            permitted=region_user(region),
            no_role=None,
            other_region=None,
            public=True,
            expect=200,
        )
        assert region.name in result.response.text
        assert "Nedlagd region" not in result.response.text

    def test_region_home_is_public_and_in_regions_language(self, region, other_region):
        response = Client().get(
            reverse("portal:region_home", kwargs={"region_slug": other_region.slug})
        )
        assert response.status_code == 200
        assert '<html lang="da">' in response.text
        assert other_region.name in response.text

    def test_chosen_language_beats_region_default(self, other_region, settings):
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(
            reverse("portal:region_home", kwargs={"region_slug": other_region.slug})
        )
        assert '<html lang="en">' in response.text

    def test_unknown_region_is_404_page(self):
        response = Client(HTTP_ACCEPT_LANGUAGE="sv").get("/ingen-sadan-region/")
        assert response.status_code == 404
        assert "Sidan hittades inte" in response.text

    def test_inactive_region_is_404(self):
        gone = RegionFactory(is_active=False)
        assert Client().get(f"/{gone.slug}/").status_code == 404

    def test_user_input_is_escaped(self):
        region = RegionFactory(name="<script>alert(1)</script>")
        response = Client().get(f"/{region.slug}/")
        assert "<script>alert(1)</script>" not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text

    def test_index_query_count_does_not_grow_with_regions(
        self, django_assert_num_queries
    ):
        RegionFactory.create_batch(2)
        with django_assert_num_queries(1):
            Client().get("/")
        RegionFactory.create_batch(20)
        with django_assert_num_queries(1):
            Client().get("/")


def region_user(region):
    from samverka.accounts.tests.factories import staff_user

    return staff_user(region, "officer")


class ErrorPageTests:
    def test_500_page_is_translated_and_standalone(self):
        from django.test import RequestFactory
        from django.utils import translation

        from samverka.core.views import server_error

        with translation.override("da"):
            response = server_error(RequestFactory().get("/"))
        assert response.status_code == 500
        assert "Noget gik galt" in response.content.decode()

    def test_health(self):
        assert Client().get("/health/").json() == {"status": "ok"}


class CsrfFailureTests:
    def test_csrf_failure_page_is_translated(self):
        client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="da")
        response = client.post("/i18n/language/", {"language": "sv"})
        assert response.status_code == 403
        assert '<html lang="da">' in response.text
        assert "Formularen var udløbet" in response.text


@pytest.mark.django_db
def test_region_home_lists_the_open_calls(client, region, settings):
    from samverka.funding.tests.factories import CallFactory

    open_call = CallFactory(region=region, title="Regionala projektmedel 2027")
    CallFactory(region=region, title="Stängd utlysning", closed=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/{region.slug}/").content.decode()
    assert "Apply for funding" in page
    assert f"/{region.slug}/calls/{open_call.pk}/" in page
    assert "Stängd utlysning" not in page

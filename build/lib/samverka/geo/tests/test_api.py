"""The public geography API: status codes, filters, boundaries only on detail, query budgets."""

import pytest
from django.urls import reverse

from samverka.geo.tests.factories import (
    CountryFactory,
    CountyFactory,
    MunicipalityFactory,
    NutsRegionFactory,
)

pytestmark = pytest.mark.django_db


def _codes(response):
    return [row["code"] for row in response.json()["results"]]


@pytest.fixture
def geography():
    """Two Swedish län with municipalities, one Danish region with one kommune."""
    sweden = CountryFactory()
    denmark = CountryFactory(danish=True)
    vnorr = CountyFactory(
        country=sweden, code="22", name="Västernorrlands län", nuts_code="SE321"
    )
    jamt = CountyFactory(
        country=sweden, code="23", name="Jämtlands län", with_boundary=True
    )
    sjaelland = CountyFactory(country=denmark, code="1085", name="Region Sjælland")
    return {
        "sweden": sweden,
        "vnorr": vnorr,
        "jamt": jamt,
        "sjaelland": sjaelland,
        "sundsvall": MunicipalityFactory(
            county=vnorr,
            code="2281",
            name="Sundsvall",
            nuts3_code="SE321",
            with_boundary=True,
        ),
        "harnosand": MunicipalityFactory(county=vnorr, code="2280", name="Härnösand"),
        "ostersund": MunicipalityFactory(county=jamt, code="2380", name="Östersund"),
        "roskilde": MunicipalityFactory(county=sjaelland, code="265", name="Roskilde"),
    }


class CountryApiTests:
    def test_public_list(self, client, geography):
        response = client.get(reverse("geo-country-list"))

        assert response.status_code == 200
        assert _codes(response) == ["DK", "SE"]

    def test_read_only(self, client, geography):
        response = client.post(
            reverse("geo-country-list"), {"code": "NO", "name": "Norge"}
        )

        assert response.status_code in (401, 403, 405)
        assert _codes(client.get(reverse("geo-country-list"))) == ["DK", "SE"]


class CountyApiTests:
    def test_filter_by_country(self, client, geography):
        response = client.get(reverse("geo-county-list"), {"country": "SE"})

        assert response.status_code == 200
        assert _codes(response) == ["22", "23"]
        assert response.json()["results"][0]["country"] == "SE"
        assert response.json()["results"][0]["nuts_code"] == "SE321"

    def test_unknown_country_is_a_400_naming_the_parameter(self, client, geography):
        response = client.get(reverse("geo-county-list"), {"country": "XX"})

        assert response.status_code == 400
        assert "country" in response.json()

    def test_boundary_only_on_detail(self, client, geography):
        listed = client.get(reverse("geo-county-list"))
        detail = client.get(reverse("geo-county-detail", args=[geography["jamt"].pk]))

        assert all("boundary" not in row for row in listed.json()["results"])
        assert detail.status_code == 200
        assert detail.json()["boundary"]["type"] == "Polygon"

    def test_unknown_pk_is_404(self, client, geography):
        assert (
            client.get(reverse("geo-county-detail", args=[999999])).status_code == 404
        )


class MunicipalityApiTests:
    def test_list_is_public_and_ordered(self, client, geography):
        response = client.get(reverse("geo-municipality-list"))

        assert response.status_code == 200
        assert _codes(response) == ["265", "2280", "2281", "2380"]

    def test_filter_by_country_and_county(self, client, geography):
        url = reverse("geo-municipality-list")

        assert _codes(client.get(url, {"country": "DK"})) == ["265"]
        assert _codes(client.get(url, {"county": geography["vnorr"].pk})) == [
            "2280",
            "2281",
        ]
        assert (
            _codes(client.get(url, {"country": "DK", "county": geography["vnorr"].pk}))
            == []
        )

    def test_bad_county_is_a_400(self, client, geography):
        response = client.get(
            reverse("geo-municipality-list"), {"county": "Västernorrland"}
        )

        assert response.status_code == 400
        assert "county" in response.json()

    def test_list_row(self, client, geography):
        response = client.get(reverse("geo-municipality-list"), {"country": "SE"})

        sundsvall = next(r for r in response.json()["results"] if r["code"] == "2281")
        assert sundsvall == {
            "id": geography["sundsvall"].pk,
            "country": "SE",
            "county": geography["vnorr"].pk,
            "county_code": "22",
            "county_name": "Västernorrlands län",
            "code": "2281",
            "name": "Sundsvall",
            "lau_code": "2281",
            "nuts3_code": "SE321",
        }

    def test_boundary_only_on_detail(self, client, geography):
        detail = client.get(
            reverse("geo-municipality-detail", args=[geography["sundsvall"].pk])
        )

        assert detail.status_code == 200
        assert detail.json()["boundary"]["type"] == "Polygon"
        assert detail.json()["code"] == "2281"
        no_shape = client.get(
            reverse("geo-municipality-detail", args=[geography["roskilde"].pk])
        )
        assert no_shape.json()["boundary"] is None

    def test_query_count_does_not_grow_with_rows(
        self, client, geography, django_assert_max_num_queries
    ):
        url = reverse("geo-municipality-list")
        with django_assert_max_num_queries(2):
            small = client.get(url)
        MunicipalityFactory.create_batch(30, county=geography["jamt"])
        with django_assert_max_num_queries(2):
            large = client.get(url)

        assert small.json()["count"] == 4
        assert large.json()["count"] == 34


class NutsRegionApiTests:
    @pytest.fixture
    def nuts(self):
        root = NutsRegionFactory(code="SE", level=0, name="Sverige")
        major = NutsRegionFactory(
            code="SE3", level=1, name="Norra Sverige", parent=root
        )
        basic = NutsRegionFactory(
            code="SE32", level=2, name="Mellersta Norrland", parent=major
        )
        small = NutsRegionFactory(
            code="SE321",
            level=3,
            name="Västernorrlands län",
            parent=basic,
            with_boundary=True,
        )
        old = NutsRegionFactory(
            code="SE321", level=3, name="Västernorrlands län", version=2021
        )
        danish = NutsRegionFactory(code="DK050", level=3, name="Nordjylland")
        return {"small": small, "old": old, "danish": danish}

    def test_current_version_by_default(self, client, nuts):
        response = client.get(reverse("geo-nuts-region-list"))

        assert response.status_code == 200
        assert {row["version"] for row in response.json()["results"]} == {2024}
        assert _codes(response) == ["DK050", "SE", "SE3", "SE32", "SE321"]

    def test_filters(self, client, nuts):
        url = reverse("geo-nuts-region-list")

        assert _codes(client.get(url, {"level": 3, "country": "se"})) == ["SE321"]
        assert _codes(client.get(url, {"version": 2021})) == ["SE321"]
        assert client.get(url, {"level": 7}).status_code == 400
        assert client.get(url, {"version": 2013}).status_code == 400

    def test_parent_and_boundary(self, client, nuts):
        listed = client.get(
            reverse("geo-nuts-region-list"), {"level": 3, "country": "SE"}
        )
        row = listed.json()["results"][0]
        detail = client.get(reverse("geo-nuts-region-detail", args=[nuts["small"].pk]))

        assert row["parent_code"] == "SE32"
        assert "boundary" not in row
        assert detail.json()["boundary"]["type"] == "Polygon"

    def test_detail_of_an_older_version(self, client, nuts):
        response = client.get(reverse("geo-nuts-region-detail", args=[nuts["old"].pk]))

        assert response.status_code == 200
        assert response.json()["version"] == 2021

    def test_query_count_does_not_grow_with_rows(
        self, client, nuts, django_assert_max_num_queries
    ):
        NutsRegionFactory.create_batch(25, parent=nuts["small"].parent)
        with django_assert_max_num_queries(2):
            response = client.get(reverse("geo-nuts-region-list"))

        assert response.json()["count"] == 30


class SchemaTests:
    def test_query_parameters_are_documented(self, client):
        schema = client.get("/api/schema/", {"format": "json"}).json()

        def parameters(path):
            return {
                p["name"] for p in schema["paths"][path]["get"].get("parameters", [])
            }

        assert {"country", "county"} <= parameters("/api/v1/geo/municipalities/")
        assert {"country"} <= parameters("/api/v1/geo/counties/")
        assert {"country", "level", "version"} <= parameters(
            "/api/v1/geo/nuts-regions/"
        )

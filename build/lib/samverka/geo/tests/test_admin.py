"""The admin shows the reference geography but does not edit it."""

import pytest
from django.urls import reverse

from samverka.geo.tests.factories import MunicipalityFactory, NutsRegionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["country", "county", "municipality", "nutsregion"])
def test_changelist_and_view_page(admin_client, model):
    municipality = MunicipalityFactory(name="Sundsvall", with_boundary=True)
    region = NutsRegionFactory(code="SE321")
    obj = {
        "country": municipality.country,
        "county": municipality.county,
        "municipality": municipality,
        "nutsregion": region,
    }[model]

    changelist = admin_client.get(reverse(f"admin:geo_{model}_changelist"))
    page = admin_client.get(reverse(f"admin:geo_{model}_change", args=[obj.pk]))

    assert changelist.status_code == 200
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert b"Polygon" not in page.content


def test_add_is_refused(admin_client):
    assert admin_client.get(reverse("admin:geo_municipality_add")).status_code == 403

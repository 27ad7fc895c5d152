"""No staff page crosses regions: every region-scoped page is walked with users of other regions."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver


def staff_region_routes() -> list[str]:
    """Every URL route under staff/<region_slug>/ whose only parameter is the region."""
    routes: list[str] = []

    def walk(patterns, prefix=""):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif (
                isinstance(p, URLPattern)
                and route.startswith("staff/<slug:region_slug>/")
                and route.count("<") == 1
            ):
                routes.append(route)

    walk(get_resolver().url_patterns)
    return sorted(set(routes))


ROUTES = staff_region_routes()


def test_the_walk_finds_the_staff_pages():
    assert "staff/<slug:region_slug>/" in ROUTES
    assert "staff/<slug:region_slug>/roles/" in ROUTES


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES)
def test_staff_page_is_closed_to_other_regions(route, region, outsider, no_role_user):
    url = "/" + route.replace("<slug:region_slug>", region.slug)
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    client = Client()
    client.force_login(no_role_user)
    assert client.get(url).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404

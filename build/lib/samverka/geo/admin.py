"""Admin views of the reference geography: for looking up, not editing.

The rows come from `manage.py load_geo`, which audits its writes; edits here would
bypass that and be overwritten by the next load, so adding, changing and deleting are off.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from samverka.geo.models import Country, County, Municipality, NutsRegion


class ReferenceDataAdmin(admin.ModelAdmin):
    """Read-only: rows are listed and shown, never added, changed or deleted."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class BoundaryAdmin(ReferenceDataAdmin):
    """Reference data with a boundary: the list tells whether one is loaded, and the
    (large) GeoJSON itself stays out of the page.
    """

    exclude = ("boundary",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return (
            super()
            .get_queryset(request)
            .defer("boundary")
            .annotate(
                boundary_loaded=ExpressionWrapper(
                    Q(boundary__isnull=False), output_field=BooleanField()
                )
            )
        )

    @admin.display(description=_("boundary"), boolean=True)
    def has_boundary(self, obj: Any) -> bool:
        return bool(getattr(obj, "boundary_loaded", False))


@admin.register(Country)
class CountryAdmin(ReferenceDataAdmin):
    list_display = ("code", "name", "updated_at")
    search_fields = ("code", "name")


@admin.register(County)
class CountyAdmin(BoundaryAdmin):
    list_display = (
        "name",
        "code",
        "country",
        "nuts_code",
        "has_boundary",
        "updated_at",
    )
    list_filter = ("country",)
    list_select_related = ("country",)
    search_fields = ("name", "code", "nuts_code")


@admin.register(Municipality)
class MunicipalityAdmin(BoundaryAdmin):
    list_display = (
        "name",
        "code",
        "country",
        "county",
        "nuts3_code",
        "has_boundary",
        "updated_at",
    )
    list_filter = ("country", "county")
    list_select_related = ("country", "county")
    search_fields = ("name", "code", "nuts3_code")


@admin.register(NutsRegion)
class NutsRegionAdmin(BoundaryAdmin):
    list_display = (
        "code",
        "name",
        "level",
        "version",
        "country_code",
        "parent",
        "has_boundary",
    )
    list_filter = ("version", "level", "country_code")
    list_select_related = ("parent",)
    search_fields = ("code", "name", "name_national")

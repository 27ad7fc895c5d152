"""The actor registry in the Django admin, for platform administrators to look up.

The admin shows but does not write: every write to the registry goes through the
services, which check the policy and write the audit log.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from samverka.actors.models import (
    ContactPerson,
    Membership,
    Network,
    NetworkMembership,
    Organisation,
)


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ContactPersonInline(ReadOnlyMixin, admin.TabularInline):
    model = ContactPerson
    extra = 0
    fields = ["name", "title", "email", "phone", "is_primary"]


class MembershipInline(ReadOnlyMixin, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "created_at"]


class NetworkMembershipInline(ReadOnlyMixin, admin.TabularInline):
    model = NetworkMembership
    extra = 0
    fields = ["organisation", "role", "joined_on"]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "type", "national_id", "country", "region", "city"]
    list_filter = ["region", "type", "country"]
    search_fields = ["name", "national_id", "city"]
    list_select_related = ["region"]
    inlines = [ContactPersonInline, MembershipInline]


@admin.register(Network)
class NetworkAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "purpose"]
    list_select_related = ["region"]
    inlines = [NetworkMembershipInline]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation__region"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    list_select_related = ["user", "organisation"]

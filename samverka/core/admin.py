from typing import Any, ClassVar

from django.contrib import admin

from samverka.core import audit
from samverka.core.models import AuditEntry, Region

#: Form fields whose values never go into the audit log.
SECRET_FIELDS = frozenset({"password", "password1", "password2"})


class AuditedAdminMixin:
    """The admin is for platform administrators; their writes are audited like any other.

    `audit_actions` names the registered action codes for "create", "update" and
    (when the admin may delete) "delete".
    """

    audit_actions: ClassVar[dict[str, str]] = {}

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        changes = {
            field: (
                form.initial.get(field) if change else None,
                form.cleaned_data.get(field),
            )
            for field in form.changed_data
            if field not in SECRET_FIELDS
        }
        action = self.audit_actions["update" if change else "create"]
        audit.log(obj, action, by=request.user, changes=changes)

    def delete_model(self, request: Any, obj: Any) -> None:
        audit.log(obj, self.audit_actions["delete"], by=request.user)
        super().delete_model(request, obj)  # type: ignore[misc]


@admin.register(Region)
class RegionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Regions are created here by platform administrators; a region is deactivated,
    never deleted, since every record of its work belongs to it."""

    list_display = [
        "name",
        "slug",
        "country",
        "default_language",
        "currency",
        "is_active",
    ]
    list_filter = ["country", "is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    audit_actions = {"create": "core.region_create", "update": "core.region_update"}

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ["at", "action", "object_repr", "actor_repr", "region", "request_id"]
    list_filter = ["action", "region"]
    search_fields = ["object_repr", "actor_repr", "request_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

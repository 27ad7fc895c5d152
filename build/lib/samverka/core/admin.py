from django.contrib import admin

from samverka.core.models import AuditEntry, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change):
        from samverka.core import audit

        super().save_model(request, obj, form, change)
        audit.log(
            obj,
            "core.region_update" if change else "core.region_create",
            by=request.user,
            changes={f: (None, form.cleaned_data.get(f)) for f in form.changed_data},
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ["at", "action", "object_repr", "actor_repr", "region", "request_id"]
    list_filter = ["action", "region"]
    search_fields = ["object_repr", "actor_repr", "request_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

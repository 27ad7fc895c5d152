from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from samverka.accounts.models import RoleAssignment, User
from samverka.core import audit


class AuditedAdminMixin:
    """The admin is for platform administrators; their writes are audited too."""

    audit_prefix = ""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        changes = {f: (None, form.cleaned_data.get(f)) for f in form.changed_data}
        changes.pop("password", None)
        changes.pop("password1", None)
        changes.pop("password2", None)
        audit.log(
            obj, f"{self.audit_prefix}_admin_save", by=request.user, changes=changes
        )

    def delete_model(self, request, obj):
        audit.log(obj, f"{self.audit_prefix}_admin_delete", by=request.user)
        super().delete_model(request, obj)  # type: ignore[misc]


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    audit_prefix = "accounts.user"
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "preferred_language")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "password1", "password2"),
            },
        ),
    )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    audit_prefix = "accounts.role"
    list_display = ["user", "region", "role", "created_at"]
    list_filter = ["region", "role"]
    search_fields = ["user__email", "user__full_name"]

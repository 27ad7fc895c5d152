from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from samverka.accounts.models import RoleAssignment, User
from samverka.core.admin import AuditedAdminMixin


class RoleAssignmentInline(admin.TabularInline):
    """Shown for reference; roles are changed on their own admin page, which audits."""

    model = RoleAssignment
    extra = 0
    can_delete = False
    fields = ["region", "role"]
    readonly_fields = ["region", "role"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    audit_actions = {
        "create": "accounts.user_admin_save",
        "update": "accounts.user_admin_save",
        "delete": "accounts.user_admin_delete",
    }
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
    audit_actions = {
        "create": "accounts.role_admin_save",
        "update": "accounts.role_admin_save",
        "delete": "accounts.role_admin_delete",
    }
    list_display = ["user", "region", "role", "created_at"]
    list_filter = ["region", "role"]
    search_fields = ["user__email", "user__full_name"]

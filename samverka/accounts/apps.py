from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samverka.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from samverka.accounts import policies
        from samverka.accounts.models import RoleAssignment
        from samverka.core import audit
        from samverka.core.models import AuditEntry, Region
        from samverka.core.navigation import (
            DashboardPanel,
            MenuItem,
            register_dashboard_panel,
            register_menu_item,
        )

        audit.register_action("accounts.user_create", _("User created"))
        audit.register_action("accounts.signup", _("Account created by its owner"))
        audit.register_action("accounts.role_assign", _("Role assigned"))
        audit.register_action("accounts.role_revoke", _("Role revoked"))
        audit.register_action("accounts.language_set", _("Language chosen"))
        audit.register_action("accounts.user_admin_save", _("User saved in the admin"))
        audit.register_action(
            "accounts.user_admin_delete", _("User deleted in the admin")
        )
        audit.register_action("accounts.role_admin_save", _("Role saved in the admin"))
        audit.register_action(
            "accounts.role_admin_delete", _("Role deleted in the admin")
        )
        audit.register_history(Region, policies.regions_administered_by)
        audit.register_history(RoleAssignment, policies.role_assignments_visible_to)
        register_menu_item(
            MenuItem(
                key="accounts.roles",
                label=_("Users and roles"),
                url_name="accounts:role_list",
                allowed=policies.can_manage_roles,
                order=900,
            )
        )
        register_menu_item(
            MenuItem(
                key="accounts.region_settings",
                label=_("Region settings"),
                url_name="accounts:region_settings",
                allowed=policies.can_update_region,
                order=910,
            )
        )
        register_dashboard_panel(
            DashboardPanel(
                key="accounts.recent_changes",
                title=_("Recent changes"),
                template="accounts/panels/_recent_changes.html",
                allowed=lambda user, region: (
                    region is not None
                    and policies.can_view_region_audit_log(user, region)
                ),
                context=lambda user, region: {
                    "entries": list(
                        AuditEntry.objects.filter(region=region).order_by("-at", "-id")[
                            :10
                        ]
                    )
                },
                order=950,
            )
        )

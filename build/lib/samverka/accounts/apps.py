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
        from samverka.core.models import Region
        from samverka.core.navigation import MenuItem, register_menu_item

        audit.register_action("accounts.user_create", _("User created"))
        audit.register_action("accounts.role_assign", _("Role assigned"))
        audit.register_action("accounts.role_revoke", _("Role revoked"))
        audit.register_action("accounts.language_set", _("Language chosen"))
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

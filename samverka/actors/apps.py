from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "samverka.actors"
    label = "actors"
    verbose_name = _("Actors")

    def ready(self) -> None:
        from samverka.actors import policies, selectors
        from samverka.actors.models import Network, Organisation
        from samverka.core import audit
        from samverka.core.navigation import (
            DashboardPanel,
            MenuItem,
            register_dashboard_panel,
            register_menu_item,
        )

        for code, label in (
            ("actors.organisation_create", _("Organisation registered")),
            ("actors.organisation_update", _("Organisation changed")),
            ("actors.contact_create", _("Contact person added")),
            ("actors.contact_update", _("Contact person changed")),
            ("actors.contact_delete", _("Contact person removed")),
            ("actors.membership_add", _("Member added")),
            ("actors.membership_remove", _("Member removed")),
            ("actors.network_create", _("Network created")),
            ("actors.network_update", _("Network changed")),
            ("actors.network_member_add", _("Organisation joined the network")),
            ("actors.network_member_remove", _("Organisation left the network")),
        ):
            audit.register_action(code, label)
        audit.register_history(Organisation, policies.organisations_visible_to)
        audit.register_history(Network, policies.networks_visible_to)

        register_menu_item(
            MenuItem(
                key="actors.organisations",
                label=_("Organisations"),
                url_name="actors:organisation_list",
                allowed=policies.can_view_organisations,
                order=300,
            )
        )
        register_menu_item(
            MenuItem(
                key="actors.networks",
                label=_("Networks"),
                url_name="actors:network_list",
                allowed=policies.can_view_networks,
                order=310,
            )
        )
        register_dashboard_panel(
            DashboardPanel(
                key="actors.my_organisations",
                title=_("My organisations"),
                template="actors/panels/_my_organisations.html",
                allowed=lambda user, region: (
                    region is None and policies.has_memberships(user)
                ),
                context=lambda user, region: {
                    "memberships": list(selectors.membership_list(user=user)[:10])
                },
                order=50,
            )
        )
        register_dashboard_panel(
            DashboardPanel(
                key="actors.registry",
                title=_("Actor registry"),
                template="actors/panels/_registry_summary.html",
                allowed=lambda user, region: (
                    region is not None and policies.can_view_organisations(user, region)
                ),
                context=lambda user, region: selectors.registry_summary(
                    user=user, region=region
                ),
                order=300,
            )
        )

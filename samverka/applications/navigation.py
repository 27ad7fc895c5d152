"""The applications app's place in the staff shell: the menu item and the dashboard
panel. `register()` is called from `ApplicationsConfig.ready()`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def _panel_allowed(user: Any, region: Any) -> bool:
    from samverka.applications import policies

    return region is not None and policies.can_view_inbox(user, region)


def _panel_context(user: Any, region: Any) -> dict[str, Any]:
    from samverka.applications import selectors

    return {"summary": selectors.inbox_summary(region)}


def register() -> None:
    from samverka.applications import policies
    from samverka.core.navigation import (
        DashboardPanel,
        MenuItem,
        register_dashboard_panel,
        register_menu_item,
    )

    register_menu_item(
        MenuItem(
            key="applications.inbox",
            label=_("Applications"),
            url_name="applications:inbox",
            allowed=policies.can_view_inbox,
            order=320,
        )
    )
    register_dashboard_panel(
        DashboardPanel(
            key="applications.inbox",
            title=_("Applications"),
            template="applications/panels/_inbox_summary.html",
            allowed=_panel_allowed,
            context=_panel_context,
            order=320,
        )
    )

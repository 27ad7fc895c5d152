"""The assessments app's place in the staff shell: the menu item and the "To assess"
dashboard panel. `register()` is called from `AssessmentsConfig.ready()`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def _panel_allowed(user: Any, region: Any) -> bool:
    from samverka.assessments import policies

    return region is not None and policies.can_be_assessor(user, region)


def _panel_context(user: Any, region: Any) -> dict[str, Any]:
    from samverka.assessments import selectors

    tasks = selectors.assessor_tasks(user, region)
    return {"tasks": tasks[:5], "count": len(tasks)}


def _can_open_assessments(user: Any, region: Any) -> bool:
    from samverka.assessments import policies

    return policies.can_open_assessments(user, region)


def register() -> None:
    from samverka.core.navigation import (
        DashboardPanel,
        MenuItem,
        register_dashboard_panel,
        register_menu_item,
    )

    register_menu_item(
        MenuItem(
            key="assessments.mine",
            label=_("Assessments"),
            url_name="assessments:mine",
            allowed=_can_open_assessments,
            order=325,
        )
    )
    register_dashboard_panel(
        DashboardPanel(
            key="assessments.to_assess",
            title=_("To assess"),
            template="assessments/panels/_to_assess.html",
            allowed=_panel_allowed,
            context=_panel_context,
            order=325,
        )
    )

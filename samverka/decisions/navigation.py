"""The decisions app's place in the staff shell: committees, conditions to follow
and the delegation order. `register()` is called from `DecisionsConfig.ready()`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def _committees_allowed(user: Any, region: Any) -> bool:
    from samverka.decisions import policies

    return policies.can_manage_meetings(
        user, region
    ) or policies.can_record_committee_decision(user, region)


def _conditions_allowed(user: Any, region: Any) -> bool:
    from samverka.decisions import policies

    return policies.can_follow_conditions(user, region)


def _delegation_allowed(user: Any, region: Any) -> bool:
    from samverka.accounts import policies

    return region is not None and policies.can_view_region_staff_pages(user, region)


def register() -> None:
    from samverka.core.navigation import MenuItem, register_menu_item

    register_menu_item(
        MenuItem(
            key="decisions.committees",
            label=_("Committees"),
            url_name="decisions:committees",
            allowed=_committees_allowed,
            order=335,
        )
    )
    register_menu_item(
        MenuItem(
            key="decisions.conditions",
            label=_("Conditions"),
            url_name="decisions:conditions",
            allowed=_conditions_allowed,
            order=336,
        )
    )
    register_menu_item(
        MenuItem(
            key="decisions.delegation",
            label=_("Delegation"),
            url_name="decisions:delegation",
            allowed=_delegation_allowed,
            order=337,
        )
    )

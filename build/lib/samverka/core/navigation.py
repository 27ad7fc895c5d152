"""Registries through which apps add to the shell without core importing them.

An app adds staff menu entries and dashboard panels in its `AppConfig.ready()`; each
carries a predicate `(user, region) -> bool` taken from the app's own policies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

Predicate = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class MenuItem:
    """A staff menu entry pointing at a region-scoped URL name."""

    key: str
    label: Promise | str
    url_name: str
    allowed: Predicate
    order: int = 100


@dataclass(frozen=True)
class DashboardPanel:
    """A panel on a region's staff dashboard, rendered from `template` with `context(user, region)`."""

    key: str
    title: Promise | str
    template: str
    allowed: Predicate
    context: Callable[[Any, Any], dict[str, Any]]
    order: int = 100


_MENU: dict[str, MenuItem] = {}
_PANELS: dict[str, DashboardPanel] = {}


def register_menu_item(item: MenuItem) -> None:
    _MENU[item.key] = item


def register_dashboard_panel(panel: DashboardPanel) -> None:
    _PANELS[panel.key] = panel


def menu_items() -> list[MenuItem]:
    return sorted(_MENU.values(), key=lambda i: (i.order, i.key))


def dashboard_panels() -> list[DashboardPanel]:
    return sorted(_PANELS.values(), key=lambda p: (p.order, p.key))

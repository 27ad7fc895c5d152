"""The registry of demo-data loaders that `manage.py load_demo` runs in order.

Demo people are obviously fictional, and every demo user has the same password, shown
by the command. Loaders must be idempotent (get_or_create on natural keys).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DEMO_PASSWORD = "samverka-demo"  # noqa: S105 - the published password of the demo users

Loader = Callable[..., None]


@dataclass(frozen=True)
class DemoLoader:
    order: int
    name: str
    function: Loader


_LOADERS: dict[str, DemoLoader] = {}


def register(order: int) -> Callable[[Loader], Loader]:
    """Register `function(*, context, stdout)` to run at `order` (lower runs first)."""

    def decorator(function: Loader) -> Loader:
        name = f"{function.__module__}.{function.__qualname__}"
        _LOADERS[name] = DemoLoader(order=order, name=name, function=function)
        return function

    return decorator


def loaders() -> list[DemoLoader]:
    return sorted(_LOADERS.values(), key=lambda loader: (loader.order, loader.name))


def context_get(context: dict[str, Any], key: str) -> Any:
    if key not in context:
        raise KeyError(
            f"The demo loader for {key!r} has not run; check the loader order."
        )
    return context[key]

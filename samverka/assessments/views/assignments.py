"""Placeholder: filled by its screen."""

from typing import Any

urlpatterns: list[Any] = []

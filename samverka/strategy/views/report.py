"""Stub: filled in by the report screens."""

urlpatterns: list = []

"""Stub: filled in by the staff screens."""

urlpatterns: list = []

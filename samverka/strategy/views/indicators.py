"""Stub: filled in by the indicators screens."""

urlpatterns: list = []

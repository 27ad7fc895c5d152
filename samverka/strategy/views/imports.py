"""Stub: filled in by the imports screens."""

urlpatterns: list = []

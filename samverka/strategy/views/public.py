"""Stub: filled in by the public screens."""

urlpatterns: list = []

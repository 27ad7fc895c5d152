"""The assessments app's place in the staff shell. `register()` is called from
`AssessmentsConfig.ready()`."""

from __future__ import annotations


def register() -> None:
    """Menu items arrive with the assessment screens."""

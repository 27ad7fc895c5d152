"""The decisions app's place in the staff shell. `register()` is called from
`DecisionsConfig.ready()`."""

from __future__ import annotations


def register() -> None:
    """Menu items arrive with the decision screens."""

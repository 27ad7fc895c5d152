"""The decision memo and the decision letter (HTML and PDF), registered in the case."""

from __future__ import annotations


def register_decision_documents(decision_id: int) -> int:
    """Register the memo (internal) and the letter (outgoing) in the case."""
    return 0

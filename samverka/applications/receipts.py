"""Printout, registration and receipt of a submission (to be completed)."""

from __future__ import annotations

from samverka.applications.models import Submission
from samverka.records.models import Document


def register_submission(submission: Submission) -> list[Document]:
    return []

"""E-mails to applicants and partners (to be completed)."""

from __future__ import annotations


def send_partner_invitation(partner_id: int) -> None:
    return None


def send_completion_request(request_id: int) -> None:
    return None

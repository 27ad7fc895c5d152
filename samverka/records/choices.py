from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    """What a case in the register is about. More kinds come with the full register."""

    APPLICATION = "application", _("Application for funding")
    GENERAL = "general", _("General matter")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Direction(models.TextChoices):
    """Whether a registered document came in, went out, or was drawn up inside."""

    INCOMING = "incoming", _("Incoming")
    OUTGOING = "outgoing", _("Outgoing")
    INTERNAL = "internal", _("Internal")


class DocumentKind(models.TextChoices):
    APPLICATION = "application", _("Application")
    ATTACHMENT = "attachment", _("Attachment")
    RECEIPT = "receipt", _("Receipt")
    COMPLETION_REQUEST = "completion_request", _("Request for completion")
    COMPLETION = "completion", _("Completed application")
    WITHDRAWAL = "withdrawal", _("Withdrawal")
    DECISION_MEMO = "decision_memo", _("Decision memo")
    DECISION = "decision", _("Decision")
    MINUTES_EXTRACT = "minutes_extract", _("Minutes extract")
    OTHER = "other", _("Other document")

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallStatus(models.TextChoices):
    """What staff set. Whether a published call is upcoming, open or closed follows
    from its opening and closing times (`Call.state`)."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class CallState(models.TextChoices):
    """Where a call is now, as applicants see it."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published, not yet open")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


class Intake(models.TextChoices):
    DEADLINE = "deadline", _("With a closing date")
    CONTINUOUS = "continuous", _("Continuous intake")


class FormSection(models.TextChoices):
    """The sections of the application form. The project section is always required."""

    PROJECT = "project", _("The project")
    PARTNERS = "partners", _("Partners")
    BUDGET = "budget", _("Budget")
    FINANCING = "financing", _("Financing plan")
    EFFECTS = "effects", _("Effect chain and indicators")
    STRATEGY = "strategy", _("Fit to the strategy")
    SUSTAINABILITY = "sustainability", _("Sustainability")
    STATE_AID = "state_aid", _("State aid")
    ATTACHMENTS = "attachments", _("Attachments")


class AttachmentKind(models.TextChoices):
    BUDGET_SPECIFICATION = "budget_specification", _("Budget specification")
    LETTER_OF_INTENT = "letter_of_intent", _("Partner's letter of intent")
    COFINANCING_CONFIRMATION = (
        "cofinancing_confirmation",
        _("Co-financing confirmation"),
    )
    ANNUAL_REPORT = "annual_report", _("Annual report")
    PROJECT_PLAN = "project_plan", _("Project plan")
    CV = "cv", _("CV of the project manager")
    MAP = "map", _("Map or drawing")
    OTHER = "other", _("Other attachment")


class IndicatorLevel(models.TextChoices):
    """Where in the effect chain a project indicator measures."""

    OUTPUT = "outputs", _("Output")
    SHORT_TERM = "short_term", _("Short-term outcome")
    LONG_TERM = "long_term", _("Long-term effect")


class DecisionLevel(models.TextChoices):
    """Who decides on a grant, in rising order of delegation."""

    OFFICER = "officer", _("Case officer")
    DECISION_MAKER = "decision_maker", _("Head of unit (decision maker)")
    COMMITTEE = "committee", _("Committee")


#: Funding types whose projects answer the EU's "do no significant harm" check.
EU_FUNDING_TYPES = frozenset({"erdf", "esf", "interreg", "rural", "fisheries"})

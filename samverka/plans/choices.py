from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    """The themes of the seeds' action plans. A region may use "other" with its own title."""

    BROADBAND = "broadband", _("Broadband")
    ENERGY_CLIMATE = "energy_climate", _("Energy and climate")
    INNOVATION = "innovation", _("Innovation")
    INTEGRATION = "integration", _("Integration")
    GENDER_EQUALITY = "gender_equality", _("Gender equality")
    ENTREPRENEURSHIP = "entrepreneurship", _("Business and entrepreneurship")
    SKILLS_SUPPLY = "skills_supply", _("Skills supply")
    TRANSPORT = "transport", _("Transport infrastructure")
    RURAL_FISHERIES = "rural_fisheries", _("Rural and fisheries programmes")
    TOURISM = "tourism", _("Tourism")
    DIGITALISATION = "digitalisation", _("Digitalisation")
    SMALLER_TOWNS = "smaller_towns", _("Smaller towns")
    SUSTAINABILITY = "sustainability", _("Sustainable development")
    OTHER = "other", _("Other")


class PlanKind(models.TextChoices):
    ACTIVITIES = "activities", _("Action plan with activities")
    INVESTMENTS = (
        "investments",
        _("Investment plan (for example transport infrastructure)"),
    )


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    ARCHIVED = "archived", _("Archived")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    PAUSED = "paused", _("Paused")


class ActivityStage(models.TextChoices):
    """How far a longer-term strategic effort has come (Region Sjælland's action plan)."""

    IDEA = "idea", _("Idea")
    EXPLORATION = "exploration", _("Being explored")
    READY = "ready", _("Ready to start")
    FUNDED = "funded", _("Funded")


class FundingType(models.TextChoices):
    """Kinds of money an activity means to draw on; the funding app names actual funds."""

    REGIONAL_GROWTH = "regional_growth", _("Regional growth funds (1:1)")
    ERDF = "erdf", _("European Regional Development Fund")
    ESF = "esf", _("European Social Fund+")
    RURAL = "rural", _("Rural development programme")
    FISHERIES = "fisheries", _("Maritime and fisheries fund")
    INTERREG = "interreg", _("Interreg")
    NATIONAL = "national", _("National agency")
    MUNICIPAL = "municipal", _("Municipalities")
    PRIVATE = "private", _("Private funding or foundations")
    OWN = "own", _("The region's own funds")


class Relevance(models.IntegerChoices):
    """How much an activity serves a goal."""

    SOME = 1, _("Contributes")
    SUBSTANTIAL = 2, _("Contributes substantially")
    PRINCIPAL = 3, _("Main purpose")

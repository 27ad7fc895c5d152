from django.db import models
from django.utils.translation import gettext_lazy as _


class StrategyLevel(models.TextChoices):
    """Where a strategy sits in the chain EU → national → regional → local."""

    GLOBAL = "global", _("Global (Agenda 2030)")
    EU = "eu", _("EU")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    LOCAL = "local", _("Local")


class StrategyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    SUPERSEDED = "superseded", _("Superseded")


class DocumentKind(models.TextChoices):
    FULL_TEXT = "full_text", _("Full text")
    SHORT_VERSION = "short_version", _("Short version")
    ENGLISH_VERSION = "english_version", _("English version")
    REVIEW = "review", _("Review or follow-up")
    ANNEX = "annex", _("Annex or knowledge base")


class GoalKind(models.TextChoices):
    """The levels of a goal tree. Sub-goals may nest to any depth."""

    VISION = "vision", _("Vision")
    PRIORITY_AREA = "priority_area", _("Priority area")
    GOAL = "goal", _("Goal")
    SUB_GOAL = "sub_goal", _("Sub-goal")


class IndicatorSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    SCB = "scb", _("Statistics Sweden table")
    DST = "dst", _("Statistics Denmark table")


class GeographyLevel(models.TextChoices):
    COUNTRY = "country", _("Country")
    COUNTY = "county", _("County or region")
    MUNICIPALITY = "municipality", _("Municipality")


class Breakdown(models.TextChoices):
    NONE = "", _("No breakdown")
    SEX = "sex", _("By sex")
    AGE = "age", _("By age")


class Sex(models.TextChoices):
    TOTAL = "", _("Total")
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")


class IndicatorStatus(models.TextChoices):
    """The result of the status rule in `strategy.status` (docs/models/strategy.md)."""

    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    NO_DATA = "no_data", _("Not enough data")


class InteractionScore(models.IntegerChoices):
    """The seven-point scale of goal interactions (Nilsson, Griggs and Visbeck 2016)."""

    INDIVISIBLE = 3, _("+3 Indivisible")
    REINFORCING = 2, _("+2 Reinforcing")
    ENABLING = 1, _("+1 Enabling")
    CONSISTENT = 0, _("0 Consistent")
    CONSTRAINING = -1, _("−1 Constraining")
    COUNTERACTING = -2, _("−2 Counteracting")
    CANCELLING = -3, _("−3 Cancelling")


class ImportSource(models.TextChoices):
    SCB_V2 = "scb_v2", _("Statistics Sweden, PxWebApi 2")
    SCB_V1 = "scb_v1", _("Statistics Sweden, PxWebApi 1")
    DST = "dst", _("Statistics Denmark, Statbank API")
    FILE = "file", _("Uploaded JSON-stat file")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")

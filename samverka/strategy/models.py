"""Strategies, their goal trees, indicators and the interactions between goals.

A region's regional development strategy (RUS) is the root that action plans, calls,
applications, decisions and follow-up point at. Strategies without a region are the
higher levels that every region's strategies may serve: Agenda 2030, EU cohesion policy,
a national strategy.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.core.i18n import TranslatableModel
from samverka.core.models import BaseModel, Region, RegionCopiedModel
from samverka.strategy.choices import (
    Breakdown,
    DocumentKind,
    GeographyLevel,
    GoalKind,
    ImportSource,
    ImportStatus,
    IndicatorSource,
    InteractionScore,
    Sex,
    StrategyLevel,
    StrategyStatus,
)

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2200)]
#: Explicit bounds, so that forms and the API schema are the same on every database
#: (Django otherwise adds the database's own integer range).
ORDER_VALIDATORS = [MinValueValidator(0), MaxValueValidator(2_147_483_647)]


# The Sustainable Development Goals ----------------------------------------------------


class SdgGoal(BaseModel):
    """One of the 17 Sustainable Development Goals (reference data, `load_sdg`)."""

    number = models.PositiveSmallIntegerField(
        _("number"),
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(17)],
    )
    colour = models.CharField(
        _("colour"), max_length=7, help_text=_("The UN's colour, as #RRGGBB.")
    )
    titles = models.JSONField(
        _("short titles"),
        default=dict,
        help_text=_(
            'The short title by language code, for example {"sv": "Ingen fattigdom"}.'
        ),
    )
    descriptions = models.JSONField(
        _("full titles"),
        default=dict,
        blank=True,
        help_text=_("The full title by language code."),
    )

    class Meta:
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title()}"

    def title(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        language = (language or get_language() or "en")[:2]
        return str(self.titles.get(language) or self.titles.get("en") or self.number)


class SdgTarget(BaseModel):
    """One of the 169 targets of the goals, such as 8.9 on sustainable tourism."""

    goal = models.ForeignKey(
        SdgGoal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    code = models.CharField(
        _("code"), max_length=6, unique=True, help_text=_("For example 8.9 or 13.a.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    texts = models.JSONField(
        _("texts"),
        default=dict,
        help_text=_("The target's text by language code; English at least."),
    )

    class Meta:
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering = ["goal__number", "order"]

    def __str__(self) -> str:
        return self.code

    def text(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        language = (language or get_language() or "en")[:2]
        return str(self.texts.get(language) or self.texts.get("en") or "")


# Strategies ---------------------------------------------------------------------------


class StrategyQuerySet(models.QuerySet["Strategy"]):
    def public(self) -> StrategyQuerySet:
        """What the public pages show: adopted strategies and superseded versions."""
        return self.exclude(status=StrategyStatus.DRAFT)


class Strategy(TranslatableModel, BaseModel):
    """A version of a strategy document: a RUS, a national strategy, Agenda 2030.

    A new version is a copy of the previous one (with its goal tree) that supersedes it
    when adopted; the old version stays readable and can be compared.
    """

    translatable_fields = ("title", "summary")

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="strategies",
        help_text=_("Empty for a strategy above the regions: global, EU or national."),
    )
    level = models.CharField(
        _("level"),
        max_length=10,
        choices=StrategyLevel.choices,
        default=StrategyLevel.REGIONAL,
    )
    title = models.CharField(_("title"), max_length=255)
    short_name = models.CharField(
        _("short name"), max_length=40, blank=True, help_text=_("For example RUS.")
    )
    summary = models.TextField(_("summary"), blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=YEAR_VALIDATORS
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous_version = models.OneToOneField(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=StrategyStatus.choices,
        default=StrategyStatus.DRAFT,
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    decision_reference = models.CharField(
        _("decision reference"),
        max_length=100,
        blank=True,
        help_text=_("The case number or minutes paragraph of the adopting decision."),
    )
    owner = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        help_text=_("The body or unit responsible."),
    )
    serves = models.ManyToManyField(
        "self",
        verbose_name=_("serves"),
        symmetrical=False,
        blank=True,
        related_name="served_by",
        help_text=_("The higher-level strategies this strategy contributes to."),
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    objects = StrategyQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["-start_year", "title", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="strategy_period_order",
                violation_error_message=_(
                    "The last year cannot be before the first year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(region__isnull=False)
                | Q(
                    level__in=[
                        StrategyLevel.GLOBAL,
                        StrategyLevel.EU,
                        StrategyLevel.NATIONAL,
                    ]
                ),
                name="strategy_regional_has_region",
                violation_error_message=_(
                    "A regional or local strategy belongs to a region."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.period_after_title}".strip()

    def clean(self) -> None:
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("The last year cannot be before the first year.")}
            )
        if self.status == StrategyStatus.ADOPTED and not self.adopted_on:
            raise ValidationError(
                {"adopted_on": _("Give the date the strategy was adopted.")}
            )

    def get_absolute_url(self) -> str:
        if self.region is None:
            return reverse("strategy:public_higher_detail", args=[self.pk])
        return reverse("strategy:public_detail", args=[self.region.slug, self.pk])

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def period_after_title(self) -> str:
        """The period to write after the title, or nothing when the title names it."""
        title = self.title.replace("-", "–")
        return "" if self.period in title else self.period


class StrategyDocument(BaseModel):
    """A file that belongs to a strategy: its full text, short version, English version."""

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=255)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to="strategy/documents/%Y/")

    class Meta:
        verbose_name = _("strategy document")
        verbose_name_plural = _("strategy documents")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def region(self) -> Region | None:
        return self.strategy.region

    def get_absolute_url(self) -> str:
        """The permission-checked download; never the storage's own address."""
        if self.strategy.region is None:
            return reverse(
                "strategy:higher_document_download", args=[self.strategy_id, self.pk]
            )
        return reverse(
            "strategy:document_download",
            args=[self.strategy.region.slug, self.strategy_id, self.pk],
        )


# The goal tree ------------------------------------------------------------------------


class Goal(TranslatableModel, RegionCopiedModel, BaseModel):
    """A node of a strategy's goal tree: vision, priority area, goal or sub-goal."""

    translatable_fields = ("title", "description")
    region_from = "strategy"

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=GoalKind.choices, default=GoalKind.GOAL
    )
    code = models.CharField(
        _("code"), max_length=20, blank=True, help_text=_("For example 2.1.")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(
        _("order"), default=0, validators=ORDER_VALIDATORS
    )
    sdg_goals = models.ManyToManyField(
        SdgGoal,
        verbose_name=_("Sustainable Development Goals"),
        blank=True,
        related_name="strategy_goals",
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget,
        verbose_name=_("SDG targets"),
        blank=True,
        related_name="strategy_goals",
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        help_text=_("The same goal in the previous version of the strategy."),
    )
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        editable=False,
        help_text=_(
            "Counts saves, so that a second editor is told the goal has changed."
        ),
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["strategy", "order", "pk"]
        indexes = [
            models.Index(
                fields=["strategy", "parent", "order"], name="strategy_goal_tree"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        if self.parent is not None and self.parent.strategy_id != self.strategy_id:
            raise ValidationError(
                {"parent": _("The parent goal belongs to another strategy.")}
            )
        # Walk up from the new parent: meeting this goal means a cycle.
        seen: set[int] = set()
        node: Goal | None = self.parent
        while node is not None:
            if self.pk is not None and node.pk == self.pk:
                raise ValidationError(
                    {
                        "parent": _(
                            "“%(goal)s” cannot be placed under itself or one of its own "
                            "sub-goals."
                        )
                        % {"goal": self.title}
                    }
                )
            if node.pk in seen:  # a cycle that is already in the data
                break
            seen.add(node.pk)
            node = node.parent


class GoalInteraction(RegionCopiedModel, BaseModel):
    """How progress on one goal affects another, on the scale of Nilsson et al.

    Interactions are directed: "more visitors (from) counteracts lower emissions (to)"
    need not hold the other way round.
    """

    region_from = "strategy"

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="interactions",
    )
    from_goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="interactions_out",
    )
    to_goal = models.ForeignKey(
        Goal,
        verbose_name=_("affects goal"),
        on_delete=models.CASCADE,
        related_name="interactions_in",
    )
    score = models.SmallIntegerField(
        _("interaction"),
        choices=InteractionScore.choices,
        validators=[MinValueValidator(-3), MaxValueValidator(3)],
    )
    justification = models.TextField(_("justification"))
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("A study, report or workshop that supports the score."),
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("goal interaction")
        verbose_name_plural = _("goal interactions")
        ordering = ["from_goal__order", "to_goal__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_goal", "to_goal"], name="strategy_interaction_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(from_goal=models.F("to_goal")),
                name="strategy_interaction_two_goals",
                violation_error_message=_(
                    "An interaction is between two different goals."
                ),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=-3) & Q(score__lte=3),
                name="strategy_interaction_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_goal} → {self.to_goal}: {self.score:+d}"

    def clean(self) -> None:
        super().clean()
        if self.from_goal_id and self.to_goal_id:
            if self.from_goal_id == self.to_goal_id:
                raise ValidationError(
                    {"to_goal": _("An interaction is between two different goals.")}
                )
            if self.strategy_id and (
                self.from_goal.strategy_id != self.strategy_id
                or self.to_goal.strategy_id != self.strategy_id
            ):
                raise ValidationError(
                    {"to_goal": _("Both goals must belong to the strategy.")}
                )

    @property
    def is_conflict(self) -> bool:
        return self.score < 0


# Indicators ---------------------------------------------------------------------------


class Indicator(TranslatableModel, BaseModel):
    """What a region measures, with where its figures come from.

    An indicator belongs to the region, not to one strategy version, so that its time
    series carries over when the strategy is revised; goals link to it with a baseline
    and targets (`GoalIndicator`).
    """

    translatable_fields = ("name", "description")

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(
        _("unit"),
        max_length=60,
        help_text=_("For example per cent, persons, tonnes CO₂e."),
    )
    decimals = models.PositiveSmallIntegerField(
        _("decimals"),
        default=0,
        validators=[MaxValueValidator(6)],
        help_text=_("How many decimals to show."),
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=IndicatorSource.choices,
        default=IndicatorSource.MANUAL,
    )
    source_table = models.CharField(
        _("source table"),
        max_length=200,
        blank=True,
        help_text=_(
            "The table's id at the statistics office, for example TAB638 or FOLK1A."
        ),
    )
    source_query = models.JSONField(
        _("source query"),
        default=dict,
        blank=True,
        help_text=_(
            'The selection per variable, for example {"ContentsCode": ["BE0101N1"]}.'
        ),
    )
    geography_level = models.CharField(
        _("geography level"),
        max_length=12,
        choices=GeographyLevel.choices,
        default=GeographyLevel.COUNTY,
    )
    breakdown = models.CharField(
        _("breakdown"),
        max_length=3,
        choices=Breakdown.choices,
        default=Breakdown.NONE,
        blank=True,
    )
    headline_area = models.CharField(
        _("headline area"),
        max_length=20,
        blank=True,
        help_text=_(
            "The area whose series the goal status and charts use, as an area code such "
            "as SE-c22 (Västernorrlands län); empty: the only area at the indicator's "
            "geography level."
        ),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"], name="strategy_indicator_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GoalIndicator(RegionCopiedModel, BaseModel):
    """An indicator that measures a goal, with its baseline."""

    region_from = "goal"

    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="goal_indicators",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="goal_links",
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, validators=ORDER_VALIDATORS
    )

    class Meta:
        verbose_name = _("goal indicator")
        verbose_name_plural = _("goal indicators")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "indicator"], name="strategy_goal_indicator_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal} – {self.indicator}"

    def clean(self) -> None:
        super().clean()
        if (self.baseline_value is None) != (self.baseline_year is None):
            raise ValidationError(
                {
                    "baseline_year": _(
                        "Give the baseline as a value and a year, or neither."
                    )
                }
            )
        if (
            self.goal_id
            and self.indicator_id
            and self.goal.strategy.region_id != self.indicator.region_id
        ):
            raise ValidationError(
                {"indicator": _("The indicator belongs to another region.")}
            )


class IndicatorTarget(BaseModel):
    """A target value for a year. A revised target is a new row; the old one is kept
    with the time it was superseded."""

    goal_indicator = models.ForeignKey(
        GoalIndicator,
        verbose_name=_("goal indicator"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("target value"), max_digits=20, decimal_places=6)
    reason = models.CharField(
        _("reason"),
        max_length=500,
        blank=True,
        help_text=_("Why the target was set or revised."),
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["year", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal_indicator", "year"],
                condition=Q(superseded_at__isnull=True),
                name="strategy_target_one_current_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal_indicator.indicator} {self.year}: {self.value}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class StatisticsImport(BaseModel):
    """A run of the statistics importer: what was asked for, how far it got, what it wrote."""

    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="statistics_imports",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="imports",
    )
    source = models.CharField(_("source"), max_length=10, choices=ImportSource.choices)
    request = models.JSONField(
        _("request"),
        default=dict,
        blank=True,
        help_text=_("Table, selection and address asked for."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ImportStatus.choices,
        default=ImportStatus.QUEUED,
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (per cent)"), default=0, validators=[MaxValueValidator(100)]
    )
    message = models.TextField(_("message"), blank=True)
    rows_read = models.PositiveIntegerField(_("values read"), default=0)
    rows_written = models.PositiveIntegerField(_("observations written"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("statistics import")
        verbose_name_plural = _("statistics imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} → {self.indicator} ({self.get_status_display()})"


class Observation(RegionCopiedModel, BaseModel):
    """One value of an indicator for a period and an area, possibly for a group."""

    region_from = "indicator"

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    period = models.CharField(
        _("period"),
        max_length=10,
        blank=True,
        help_text=_(
            "Empty for a whole year; 2025K1 or 2025M01 for a quarter or month."
        ),
    )
    area_level = models.CharField(
        _("area level"), max_length=12, choices=GeographyLevel.choices
    )
    country = models.ForeignKey(
        "geo.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    county = models.ForeignKey(
        "geo.County",
        verbose_name=_("county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "geo.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    area_code = models.CharField(
        _("area code"),
        max_length=20,
        editable=False,
        help_text=_(
            "Country code and national code of the area, for example SE-22; set on save."
        ),
    )
    sex = models.CharField(
        _("sex"), max_length=5, choices=Sex.choices, default=Sex.TOTAL, blank=True
    )
    age_group = models.CharField(
        _("age group"), max_length=20, blank=True, help_text=_("Empty for all ages.")
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6)
    is_demo = models.BooleanField(
        _("demo value"),
        default=False,
        help_text=_("Made up for the demo, not real statistics."),
    )
    imported_by = models.ForeignKey(
        StatisticsImport,
        verbose_name=_("import"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator", "year", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period", "area_code", "sex", "age_group"],
                name="strategy_observation_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["indicator", "area_code", "year"], name="strategy_obs_series"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area} {self.year}{self.period and ' ' + self.period}: {self.value}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.area_code = self.compute_area_code()
        super().save(*args, **kwargs)

    def compute_area_code(self) -> str:
        country = self.country.code
        if (
            self.area_level == GeographyLevel.MUNICIPALITY
            and self.municipality is not None
        ):
            return f"{country}-m{self.municipality.code}"
        if self.area_level == GeographyLevel.COUNTY and self.county is not None:
            return f"{country}-c{self.county.code}"
        return country

    @property
    def area(self) -> Any:
        return self.municipality or self.county or self.country

    def clean(self) -> None:
        super().clean()
        needed = {
            GeographyLevel.COUNTY: ("county", self.county_id),
            GeographyLevel.MUNICIPALITY: ("municipality", self.municipality_id),
        }.get(self.area_level)  # type: ignore[call-overload]
        if needed is not None and needed[1] is None:
            raise ValidationError({needed[0]: _("Give the area the value is for.")})

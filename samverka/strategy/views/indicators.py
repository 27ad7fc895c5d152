"""Staff screens for indicators, goal links, targets, observations and the goal
interaction matrix.

Every page is a region's staff page (`RegionStaffMixin`): any staff role reads; writes
need `policies.can_edit_strategy` / `can_change_strategy` / `can_change_indicator`.
Objects are resolved through the policy querysets filtered by the region, so that an
object of another region is a 404. Writes go through `samverka.strategy.services`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView
from django_htmx.http import trigger_client_event

from samverka.accounts.mixins import RegionStaffMixin
from samverka.accounts.models import User
from samverka.accounts.policies import can_view_history
from samverka.actors.forms import add_service_errors
from samverka.core.formatting import format_number
from samverka.strategy import policies, services
from samverka.strategy.choices import (
    GeographyLevel,
    GoalKind,
    InteractionScore,
    StrategyStatus,
)
from samverka.strategy.forms_indicators import (
    BaselineForm,
    GoalIndicatorAddForm,
    IndicatorForm,
    IndicatorSearchForm,
    InteractionForm,
    ObservationForm,
    TargetForm,
)
from samverka.strategy.models import (
    Goal,
    GoalIndicator,
    GoalInteraction,
    Indicator,
    IndicatorTarget,
    Observation,
    Strategy,
)
from samverka.strategy.selectors import flatten, goal_tree, headline_observations
from samverka.strategy.status import goal_indicator_status, headline_points


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def strategy_url(region_slug: str, strategy: Strategy, anchor: str = "") -> str | None:
    """The staff page of a strategy (built by the strategy screens), if it exists."""
    try:
        url = reverse("strategy:staff_strategy_detail", args=[region_slug, strategy.pk])
    except NoReverseMatch:
        return None
    return f"{url}#{anchor}" if anchor else url


def format_value(value: Decimal | None, decimals: int = 0) -> str:
    """A figure of an indicator, rounded to its number of decimals."""
    if value is None:
        return "–"
    return format_number(value.quantize(Decimal(1).scaleb(-int(decimals or 0))))


def score_text(score: int) -> str:
    """+2, 0, −2 (with a real minus sign)."""
    if score > 0:
        return f"+{score}"
    if score < 0:
        return f"−{-score}"
    return "0"


def score_class(score: int) -> str:
    """The CSS class of a score: interaction-p3 … interaction-0 … interaction-m3."""
    if score > 0:
        return f"interaction-p{score}"
    if score < 0:
        return f"interaction-m{-score}"
    return "interaction-0"


# Scope -------------------------------------------------------------------------------


class StrategyScopeMixin(RegionStaffMixin):
    """Resolves objects of the region through the strategy policy querysets."""

    request: HttpRequest
    kwargs: dict[str, Any]

    def indicators(self) -> QuerySet[Indicator]:
        return policies.indicators_visible_to(self.request.user).filter(
            region=self.region
        )

    def strategies(self) -> QuerySet[Strategy]:
        return policies.strategies_visible_to(self.request.user).filter(
            region=self.region
        )

    def goal_links(self) -> QuerySet[GoalIndicator]:
        return GoalIndicator.objects.filter(
            goal__strategy__in=self.strategies()
        ).select_related("goal__region", "goal__strategy__region", "indicator__region")

    def can_edit(self) -> bool:
        return policies.can_edit_strategy(self.request.user, self.region)


class IndicatorObjectMixin(StrategyScopeMixin):
    """An indicator of the region (404 otherwise); with `edit`, the right to change it
    (403 otherwise)."""

    edit: ClassVar[bool] = False
    indicator: Indicator

    def setup_objects(self) -> None:
        self.indicator = get_object_or_404(
            self.indicators().select_related("region"),
            pk=self.kwargs["pk"],
        )
        if self.edit and not policies.can_change_indicator(
            self.request.user, self.indicator
        ):
            raise PermissionDenied

    def detail_url(self) -> str:
        return reverse(
            "strategy:staff_indicator_detail",
            args=[self.region.slug, self.indicator.pk],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["indicator"] = self.indicator
        context["cancel_url"] = self.detail_url()
        return context


class ObjectsFirstMixin:
    """Resolve the view's objects (404/403) before any handler runs.

    Put it after the mixin that defines `setup_objects` (and so after
    `RegionStaffMixin`), so that the region is known when the objects are looked up.
    """

    def setup_objects(self) -> None:
        raise NotImplementedError

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.setup_objects()
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class ServiceFormMixin:
    """Run the service in `perform()`; its ValidationError becomes form errors."""

    request: HttpRequest

    def perform(self, form: Any) -> HttpResponse:
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            return self.perform(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)  # type: ignore[attr-defined]


# Indicators -------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    indicator: Indicator
    goal_count: int
    latest_year: int | None
    latest_value: str


class IndicatorListView(StrategyScopeMixin, ListView):
    """The region's indicators with their number of goals and latest value."""

    template_name = "strategy/indicators/indicator_list.html"
    partial_template_name = "strategy/indicators/partials/_indicator_rows.html"
    paginate_by = 50
    context_object_name = "indicators"

    def get_template_names(self) -> list[str]:
        # A search as one types gets only the results.
        if getattr(self.request, "htmx", False):
            return [self.partial_template_name]
        return [self.template_name]

    def get_queryset(self) -> QuerySet[Indicator]:
        self.search_form = IndicatorSearchForm(self.request.GET or None)
        queryset = self.indicators().annotate(
            goal_count=Count("goal_links__goal", distinct=True)
        )
        if self.search_form.is_valid() and self.search_form.cleaned_data["q"]:
            q = self.search_form.cleaned_data["q"]
            queryset = queryset.filter(name__icontains=q)
        return queryset.select_related("region").order_by("name", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = list(context["indicators"])
        series: dict[int, list[Observation]] = defaultdict(list)
        # One query for the headline series of every indicator on the page: its
        # headline area only, so municipal breakdowns are never read here.
        for obs in (
            headline_observations(page)
            .only(
                "indicator_id",
                "year",
                "period",
                "sex",
                "age_group",
                "area_level",
                "area_code",
                "value",
            )
            .select_related(None)
        ):
            series[obs.indicator_id].append(obs)
        rows = []
        for indicator in page:
            points = headline_points(indicator, series.get(indicator.pk, []))
            latest = points[-1] if points else None
            rows.append(
                IndicatorRow(
                    indicator=indicator,
                    goal_count=getattr(indicator, "goal_count", 0),
                    latest_year=latest.year if latest else None,
                    latest_value=format_value(
                        latest.value if latest else None, indicator.decimals
                    ),
                )
            )
        context["rows"] = rows
        context["search_form"] = self.search_form
        context["can_create"] = self.can_edit()
        return context


class IndicatorCreateView(StrategyScopeMixin, ServiceFormMixin, FormView):
    template_name = "strategy/indicators/indicator_form.html"
    form_class = IndicatorForm
    permission = staticmethod(policies.can_edit_strategy)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["source_language"] = self.region.default_language
        return kwargs

    def perform(self, form: IndicatorForm) -> HttpResponse:
        indicator = services.indicator_create(
            region=self.region, by=_actor(self.request), data=form.cleaned_data
        )
        messages.success(self.request, _("The indicator was created."))
        return redirect(
            "strategy:staff_indicator_detail",
            region_slug=self.region.slug,
            pk=indicator.pk,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New indicator")
        context["cancel_url"] = reverse(
            "strategy:staff_indicator_list", args=[self.region.slug]
        )
        return context


@dataclass
class GoalLinkRow:
    link: GoalIndicator
    baseline: str
    targets: list[tuple[int, str]]
    status: Any
    goal_url: str | None = None


@dataclass
class ObservationGroup:
    area: Any
    area_code: str
    observations: list[tuple[Observation, str]]


class IndicatorDetailView(IndicatorObjectMixin, ObjectsFirstMixin, TemplateView):
    template_name = "strategy/indicators/indicator_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        indicator = self.indicator
        # The areas measured, each with its number of values (one aggregate query);
        # the table shows one area at a time, so a municipal series of 290
        # municipalities never renders as one page of thousands of rows.
        areas = list(
            indicator.observations.order_by()
            .values(
                "area_code",
                "area_level",
                "country__name",
                "county__name",
                "municipality__name",
            )
            .annotate(count=Count("id"))
        )
        level_order: dict[str, int] = {
            GeographyLevel.COUNTRY: 0,
            GeographyLevel.COUNTY: 1,
            GeographyLevel.MUNICIPALITY: 2,
        }
        areas.sort(key=lambda a: (level_order.get(a["area_level"], 3), a["area_code"]))
        for area in areas:
            area["name"] = (
                area["municipality__name"]
                or area["county__name"]
                or area["country__name"]
            )
        codes = [a["area_code"] for a in areas]
        chosen = self.request.GET.get("area") or indicator.headline_area
        if chosen not in codes:
            chosen = codes[0] if codes else ""
        observations = list(
            indicator.observations.filter(area_code=chosen)
            .select_related("country", "county", "municipality", "imported_by")
            .order_by("sex", "age_group", "year", "period")
        )
        headline = list(headline_observations([indicator]))
        links = list(
            self.goal_links()
            .filter(indicator=indicator)
            .prefetch_related(
                Prefetch(
                    "targets",
                    queryset=IndicatorTarget.objects.filter(
                        superseded_at__isnull=True
                    ).order_by("year"),
                    to_attr="current_targets",
                )
            )
            .order_by("goal__strategy__start_year", "goal__order", "pk")
        )
        decimals = indicator.decimals
        rows = []
        for link in links:
            link.indicator = indicator
            rows.append(
                GoalLinkRow(
                    link=link,
                    baseline=(
                        f"{format_value(link.baseline_value, decimals)} ({link.baseline_year})"
                        if link.baseline_value is not None
                        else "–"
                    ),
                    targets=[
                        (t.year, format_value(t.value, decimals))
                        for t in link.current_targets
                    ],
                    status=goal_indicator_status(link, headline),
                    goal_url=strategy_url(
                        self.region.slug, link.goal.strategy, f"goal-{link.goal_id}"
                    ),
                )
            )
        groups = (
            [
                ObservationGroup(
                    observations[0].area,
                    chosen,
                    [(o, format_value(o.value, decimals)) for o in observations],
                )
            ]
            if observations
            else []
        )
        user = self.request.user
        context.update(
            {
                "link_rows": rows,
                "observation_groups": groups,
                "areas": areas,
                "chosen_area": chosen,
                "has_sex": any(o.sex for o in observations),
                "has_age": any(o.age_group for o in observations),
                "has_period": any(o.period for o in observations),
                "can_change": policies.can_change_indicator(user, indicator),
                "can_view_history": can_view_history(user, self.region),
            }
        )
        return context


class IndicatorUpdateView(
    IndicatorObjectMixin, ObjectsFirstMixin, ServiceFormMixin, FormView
):
    template_name = "strategy/indicators/indicator_form.html"
    form_class = IndicatorForm
    edit = True

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.indicator
        kwargs["source_language"] = self.region.default_language
        return kwargs

    def perform(self, form: IndicatorForm) -> HttpResponse:
        services.indicator_update(
            indicator=self.indicator, by=_actor(self.request), data=form.cleaned_data
        )
        messages.success(self.request, _("The indicator was saved."))
        return redirect(self.detail_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit %(name)s") % {"name": self.indicator.name}
        return context


# Goal links and baselines -----------------------------------------------------------


class GoalIndicatorAddView(
    StrategyScopeMixin, ObjectsFirstMixin, ServiceFormMixin, FormView
):
    """Let one of the region's indicators measure a goal, with its baseline."""

    template_name = "strategy/indicators/goal_indicator_form.html"
    form_class = GoalIndicatorAddForm

    def setup_objects(self) -> None:
        self.strategy = get_object_or_404(
            self.strategies(), pk=self.kwargs["strategy_pk"]
        )
        self.goal = get_object_or_404(
            Goal.objects.filter(strategy=self.strategy).select_related(
                "strategy__region"
            ),
            pk=self.kwargs["goal_pk"],
        )
        if not policies.can_change_strategy(self.request.user, self.strategy):
            raise PermissionDenied

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["indicators"] = (
            self.indicators()
            .exclude(goal_links__goal=self.goal)
            .select_related("region")
            .order_by("name")
        )
        return kwargs

    def perform(self, form: GoalIndicatorAddForm) -> HttpResponse:
        link = services.goal_indicator_add(
            goal=self.goal,
            indicator=form.cleaned_data["indicator"],
            by=_actor(self.request),
            data=form.cleaned_data,
        )
        messages.success(
            self.request,
            _("The indicator now measures the goal. Set its targets below."),
        )
        return redirect(
            "strategy:staff_target_set", region_slug=self.region.slug, pk=link.pk
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["goal"] = self.goal
        context["strategy"] = self.strategy
        context["title"] = _("Add an indicator to the goal")
        context["cancel_url"] = strategy_url(
            self.region.slug, self.strategy, f"goal-{self.goal.pk}"
        ) or reverse("strategy:staff_indicator_list", args=[self.region.slug])
        return context


class GoalLinkObjectMixin(StrategyScopeMixin):
    """A goal's indicator link of the region (404); `edit` needs the right to change
    the strategy (403)."""

    edit: ClassVar[bool] = True
    link: GoalIndicator

    def setup_objects(self) -> None:
        self.link = get_object_or_404(self.goal_links(), pk=self.kwargs["pk"])
        if self.edit and not policies.can_change_strategy(
            self.request.user, self.link.goal.strategy
        ):
            raise PermissionDenied

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["link"] = self.link
        context["goal"] = self.link.goal
        context["strategy"] = self.link.goal.strategy
        context["indicator"] = self.link.indicator
        context["cancel_url"] = self.targets_url()
        return context

    def targets_url(self) -> str:
        return reverse(
            "strategy:staff_target_set", args=[self.region.slug, self.link.pk]
        )


class GoalIndicatorUpdateView(
    GoalLinkObjectMixin, ObjectsFirstMixin, ServiceFormMixin, FormView
):
    template_name = "strategy/indicators/goal_indicator_form.html"
    form_class = BaselineForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.link
        return kwargs

    def perform(self, form: BaselineForm) -> HttpResponse:
        services.goal_indicator_update(
            link=self.link, by=_actor(self.request), data=form.cleaned_data
        )
        messages.success(self.request, _("The baseline was saved."))
        return redirect(self.targets_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Baseline of %(indicator)s") % {
            "indicator": self.link.indicator.localised("name")
        }
        return context


class GoalIndicatorRemoveView(GoalLinkObjectMixin, ObjectsFirstMixin, TemplateView):
    """GET asks for confirmation; POST stops the indicator measuring the goal."""

    template_name = "strategy/indicators/goal_indicator_confirm_remove.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        indicator = self.link.indicator
        try:
            services.goal_indicator_remove(link=self.link, by=_actor(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(self.targets_url())
        messages.success(request, _("The indicator no longer measures the goal."))
        return redirect(
            "strategy:staff_indicator_detail",
            region_slug=self.region.slug,
            pk=indicator.pk,
        )


# Targets ------------------------------------------------------------------------------


class TargetSetView(GoalLinkObjectMixin, ObjectsFirstMixin, ServiceFormMixin, FormView):
    """Set or revise a target; the page shows the whole history of targets."""

    template_name = "strategy/indicators/target_set.html"
    form_class = TargetForm
    edit = False  # everyone reads the history; POST checks below

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.link_editable():
            raise PermissionDenied
        if self.link.goal.strategy.status == StrategyStatus.SUPERSEDED:
            messages.error(
                request,
                _(
                    "A superseded version is kept as it was; change the current "
                    "version instead."
                ),
            )
            return redirect(self.targets_url())
        return super().post(request, *args, **kwargs)

    def link_editable(self) -> bool:
        return policies.can_change_strategy(self.request.user, self.link.goal.strategy)

    def perform(self, form: TargetForm) -> HttpResponse:
        services.target_set(
            link=self.link,
            by=_actor(self.request),
            year=form.cleaned_data["year"],
            value=form.cleaned_data["value"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(self.request, _("The target was saved."))
        return redirect(self.targets_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        decimals = self.link.indicator.decimals
        targets = self.link.targets.select_related("set_by").order_by(
            "year", "-created_at", "-pk"
        )
        context["targets"] = [(t, format_value(t.value, decimals)) for t in targets]
        strategy = self.link.goal.strategy
        context["can_change"] = (
            self.link_editable() and strategy.status != StrategyStatus.SUPERSEDED
        )
        context["baseline"] = (
            f"{format_value(self.link.baseline_value, decimals)} ({self.link.baseline_year})"
            if self.link.baseline_value is not None
            else None
        )
        context["indicator_url"] = reverse(
            "strategy:staff_indicator_detail",
            args=[self.region.slug, self.link.indicator.pk],
        )
        context["cancel_url"] = context["indicator_url"]
        context["goal_url"] = strategy_url(
            self.region.slug, strategy, f"goal-{self.link.goal_id}"
        )
        context["title"] = _("Targets of %(indicator)s") % {
            "indicator": self.link.indicator.localised("name")
        }
        return context


# Observations ---------------------------------------------------------------------------


class ObservationAddView(
    IndicatorObjectMixin, ObjectsFirstMixin, ServiceFormMixin, FormView
):
    """Enter one value by hand."""

    template_name = "strategy/indicators/observation_form.html"
    form_class = ObservationForm
    edit = True

    def get_initial(self) -> dict[str, Any]:
        return {"area_level": self.indicator.geography_level}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["country"] = self.region.country
        return kwargs

    def perform(self, form: ObservationForm) -> HttpResponse:
        data = form.cleaned_data
        level = data["area_level"]
        row = services.ObservationRow(
            year=data["year"],
            value=data["value"],
            area_level=level,
            country_code=str(self.region.country),
            area_code="" if level == GeographyLevel.COUNTRY else data["area"],
            period=data["period"],
            sex=data["sex"] or "",
            age_group=data["age_group"],
            note=data["note"],
        )
        counts = services.observations_write(
            indicator=self.indicator, by=_actor(self.request), rows=[row]
        )
        if counts["updated"]:
            messages.success(self.request, _("The value was replaced."))
        elif counts["created"]:
            messages.success(self.request, _("The value was added."))
        else:
            messages.info(self.request, _("The value was already recorded."))
        return redirect(self.detail_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Add a value to %(indicator)s") % {
            "indicator": self.indicator.localised("name")
        }
        return context


class ObservationDeleteView(IndicatorObjectMixin, ObjectsFirstMixin, TemplateView):
    """GET asks for confirmation; POST removes the value."""

    template_name = "strategy/indicators/observation_confirm_delete.html"
    edit = True

    def setup_objects(self) -> None:
        super().setup_objects()
        self.observation = get_object_or_404(
            self.indicator.observations.select_related(
                "country", "county", "municipality"
            ),
            pk=self.kwargs["observation_pk"],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["observation"] = self.observation
        context["value"] = format_value(self.observation.value, self.indicator.decimals)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.observation_delete(observation=self.observation, by=_actor(request))
        messages.success(request, _("The value was removed."))
        return redirect(self.detail_url())


# The goal interaction matrix --------------------------------------------------------------


def interaction_sentence(interaction: GoalInteraction) -> str:
    sentences = {
        3: _("“%(from)s” is indivisible from (%(score)s) “%(to)s”"),
        2: _("“%(from)s” reinforces (%(score)s) “%(to)s”"),
        1: _("“%(from)s” enables (%(score)s) “%(to)s”"),
        0: _("“%(from)s” is consistent with (%(score)s) “%(to)s”"),
        -1: _("“%(from)s” constrains (%(score)s) “%(to)s”"),
        -2: _("“%(from)s” counteracts (%(score)s) “%(to)s”"),
        -3: _("“%(from)s” cancels (%(score)s) “%(to)s”"),
    }
    return sentences[interaction.score] % {
        "from": interaction.from_goal.localised("title"),
        "to": interaction.to_goal.localised("title"),
        "score": score_text(interaction.score),
    }


def interaction_label(interaction: GoalInteraction) -> str:
    """“−2 Counteracting: justification” for a cell's title and screen readers."""
    return _("%(score)s: %(justification)s") % {
        "score": interaction.get_score_display(),
        "justification": interaction.justification,
    }


@dataclass
class MatrixCell:
    from_goal: Goal
    to_goal: Goal
    interaction: GoalInteraction | None
    edit_url: str | None

    @property
    def is_diagonal(self) -> bool:
        return self.from_goal.pk == self.to_goal.pk

    @property
    def text(self) -> str:
        return score_text(self.interaction.score) if self.interaction else "–"

    @property
    def css_class(self) -> str:
        return score_class(self.interaction.score) if self.interaction else ""

    @property
    def label(self) -> str:
        if self.interaction is None:
            return _("No interaction recorded")
        return interaction_label(self.interaction)


@dataclass
class MatrixRow:
    goal: Goal
    code: str
    cells: list[MatrixCell]


class StrategyObjectMixin(StrategyScopeMixin):
    """A strategy of the region (404 otherwise)."""

    strategy: Strategy

    def setup_objects(self) -> None:
        self.strategy = get_object_or_404(
            self.strategies().select_related("region"), pk=self.kwargs["pk"]
        )

    def can_edit_interactions(self) -> bool:
        return (
            policies.can_change_strategy(self.request.user, self.strategy)
            and self.strategy.status != StrategyStatus.SUPERSEDED
        )

    def matrix_url(self) -> str:
        return reverse(
            "strategy:staff_interaction_matrix",
            args=[self.region.slug, self.strategy.pk],
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["strategy"] = self.strategy
        context["matrix_url"] = self.matrix_url()
        context["strategy_url"] = strategy_url(self.region.slug, self.strategy)
        return context


def goal_code(goal: Goal, index: int) -> str:
    return goal.code or f"#{index}"


class InteractionMatrixView(StrategyObjectMixin, ObjectsFirstMixin, TemplateView):
    """Who helps or hinders whom: the strategy's goals against each other."""

    template_name = "strategy/matrix/interaction_matrix.html"
    partial_template_name = "strategy/matrix/partials/_matrix.html"

    def get_template_names(self) -> list[str]:
        # The matrix refreshes itself after an edit in the panel.
        if getattr(self.request, "htmx", False):
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        show = self.request.GET.get("show", "goals")
        if show not in ("goals", "all"):
            show = "goals"
        every_goal = list(
            Goal.objects.filter(strategy=self.strategy)
            .select_related("region")
            .order_by("order", "pk")
        )
        kinds: set[str] = (
            {GoalKind.GOAL, GoalKind.SUB_GOAL}
            if show == "goals"
            else set(GoalKind.values) - {GoalKind.VISION}
        )
        # In the tree's reading order (1, 1.1, 1.2, 2, …), not by sibling order alone.
        goals = [
            node.goal
            for node in flatten(goal_tree(self.strategy, every_goal))
            if node.goal.kind in kinds
        ]
        codes = {goal.pk: goal_code(goal, index) for index, goal in enumerate(goals, 1)}
        interactions = list(
            GoalInteraction.objects.filter(strategy=self.strategy).select_related(
                "from_goal__region", "to_goal__region", "assessed_by"
            )
        )
        by_pair = {(i.from_goal_id, i.to_goal_id): i for i in interactions}
        editable = self.can_edit_interactions()
        slug = self.region.slug
        rows = []
        for row_goal in goals:
            cells = []
            for col_goal in goals:
                cell = MatrixCell(
                    row_goal,
                    col_goal,
                    by_pair.get((row_goal.pk, col_goal.pk)),
                    None,
                )
                if editable and not cell.is_diagonal:
                    cell.edit_url = reverse(
                        "strategy:staff_interaction_edit",
                        args=[slug, self.strategy.pk, row_goal.pk, col_goal.pk],
                    )
                cells.append(cell)
            rows.append(MatrixRow(row_goal, codes[row_goal.pk], cells))
        # The text alternative: conflicts first, the strongest first.
        listed = sorted(
            interactions,
            key=lambda i: (
                i.score >= 0,
                i.score if i.score < 0 else -i.score,
                i.from_goal.order,
                i.to_goal.order,
            ),
        )
        context.update(
            {
                "show": show,
                "goals": [(codes[g.pk], g) for g in goals],
                "rows": rows,
                "statements": [
                    {
                        "interaction": i,
                        "sentence": interaction_sentence(i),
                        "css_class": score_class(i.score),
                        "text": score_text(i.score),
                    }
                    for i in listed
                ],
                "conflict_count": sum(1 for i in interactions if i.score < 0),
                "can_edit": editable,
                "scale": [
                    {
                        "score": choice.value,
                        "label": choice.label,
                        "css_class": score_class(choice.value),
                    }
                    for choice in InteractionScore
                ],
            }
        )
        return context


class InteractionEditView(StrategyObjectMixin, ObjectsFirstMixin, FormView):
    """Score how progress on one goal affects another; an htmx request gets the form
    alone, for the panel beside the matrix."""

    template_name = "strategy/matrix/interaction_edit.html"
    partial_template_name = "strategy/matrix/partials/_interaction_form.html"
    done_template_name = "strategy/matrix/partials/_interaction_done.html"
    form_class = InteractionForm

    def setup_objects(self) -> None:
        super().setup_objects()
        goals = Goal.objects.filter(strategy=self.strategy).select_related("region")
        self.from_goal = get_object_or_404(goals, pk=self.kwargs["from_pk"])
        self.to_goal = get_object_or_404(goals, pk=self.kwargs["to_pk"])
        if self.from_goal.pk == self.to_goal.pk:
            raise Http404
        if not policies.can_change_strategy(self.request.user, self.strategy):
            raise PermissionDenied
        self.interaction = GoalInteraction.objects.filter(
            strategy=self.strategy, from_goal=self.from_goal, to_goal=self.to_goal
        ).first()

    def get_template_names(self) -> list[str]:
        if getattr(self.request, "htmx", False):
            return [self.partial_template_name]
        return [self.template_name]

    def get_initial(self) -> dict[str, Any]:
        if self.interaction is None:
            return {}
        return {
            "score": self.interaction.score,
            "justification": self.interaction.justification,
            "source": self.interaction.source,
        }

    def done(self, message: str, *, error: bool = False) -> HttpResponse:
        """Back to the matrix; in the panel, a confirmation and an event that makes
        the matrix refresh itself."""
        if getattr(self.request, "htmx", False):
            response = render(
                self.request,
                self.done_template_name,
                {"message": message, "error": error},
            )
            if not error:
                trigger_client_event(response, "interactionUpdated")
            return response
        (messages.error if error else messages.success)(self.request, message)
        return redirect(self.matrix_url())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "delete" in request.POST:
            if self.interaction is None:
                return self.done(_("There was no interaction to remove."))
            try:
                services.interaction_remove(
                    interaction=self.interaction, by=_actor(request)
                )
            except ValidationError as exc:
                return self.done(" ".join(exc.messages), error=True)
            return self.done(_("The interaction was removed."))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: InteractionForm) -> HttpResponse:
        try:
            services.interaction_set(
                strategy=self.strategy,
                by=_actor(self.request),
                from_goal=self.from_goal,
                to_goal=self.to_goal,
                score=form.cleaned_data["score"],
                justification=form.cleaned_data["justification"],
                source=form.cleaned_data["source"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        return self.done(_("The interaction was saved."))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "from_goal": self.from_goal,
                "to_goal": self.to_goal,
                "interaction": self.interaction,
                "edit_url": reverse(
                    "strategy:staff_interaction_edit",
                    args=[
                        self.region.slug,
                        self.strategy.pk,
                        self.from_goal.pk,
                        self.to_goal.pk,
                    ],
                ),
                "title": _("How “%(from)s” affects “%(to)s”")
                % {
                    "from": self.from_goal.localised("title"),
                    "to": self.to_goal.localised("title"),
                },
            }
        )
        return context


# URLs -------------------------------------------------------------------------------------

_region = "staff/<slug:region_slug>/"
_indicators = _region + "indicators/"
_indicator = _indicators + "<int:pk>/"
_link = _region + "goal-indicators/<int:pk>/"
_strategy = _region + "strategy/<int:pk>/"

urlpatterns: Sequence[Any] = [
    path(_indicators, IndicatorListView.as_view(), name="staff_indicator_list"),
    path(
        _indicators + "new/",
        IndicatorCreateView.as_view(),
        name="staff_indicator_create",
    ),
    path(_indicator, IndicatorDetailView.as_view(), name="staff_indicator_detail"),
    path(
        _indicator + "edit/",
        IndicatorUpdateView.as_view(),
        name="staff_indicator_update",
    ),
    path(
        _indicator + "observations/add/",
        ObservationAddView.as_view(),
        name="staff_observation_add",
    ),
    path(
        _indicator + "observations/<int:observation_pk>/delete/",
        ObservationDeleteView.as_view(),
        name="staff_observation_delete",
    ),
    path(
        _region + "strategy/<int:strategy_pk>/goals/<int:goal_pk>/indicators/add/",
        GoalIndicatorAddView.as_view(),
        name="staff_goal_indicator_add",
    ),
    path(
        _link + "edit/",
        GoalIndicatorUpdateView.as_view(),
        name="staff_goal_indicator_update",
    ),
    path(
        _link + "remove/",
        GoalIndicatorRemoveView.as_view(),
        name="staff_goal_indicator_remove",
    ),
    path(_link + "targets/", TargetSetView.as_view(), name="staff_target_set"),
    path(
        _strategy + "interactions/",
        InteractionMatrixView.as_view(),
        name="staff_interaction_matrix",
    ),
    path(
        _strategy + "interactions/<int:from_pk>/<int:to_pk>/",
        InteractionEditView.as_view(),
        name="staff_interaction_edit",
    ),
]

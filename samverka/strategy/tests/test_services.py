"""The strategy services: rules, permissions, audit entries and all-or-nothing writes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.core.errors import STALE_EDIT
from samverka.core.models import AuditEntry
from samverka.strategy import services
from samverka.strategy.choices import GeographyLevel, Sex, StrategyStatus
from samverka.strategy.models import Goal, IndicatorTarget, Observation, Strategy
from samverka.strategy.tests.factories import (
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorFactory,
    StrategyFactory,
    denmark_geo,
    sdg_target,
    sweden_geo,
)

pytestmark = pytest.mark.django_db


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def row(year, value, code="22", level=GeographyLevel.COUNTY, country="SE", **extra):
    return services.ObservationRow(
        year=year,
        value=Decimal(value),
        area_level=level,
        country_code=country,
        area_code=code,
        **extra,
    )


class TestStrategies:
    def test_create_needs_a_strategist_or_region_admin(
        self, region, strategist, officer, region_admin
    ):
        data = {"title": "RUS 2030", "start_year": 2022, "end_year": 2030}
        with pytest.raises(PermissionDenied):
            services.strategy_create(region=region, by=officer, data=data)
        services.strategy_create(region=region, by=strategist, data=data)
        services.strategy_create(
            region=region, by=region_admin, data={**data, "title": "Other"}
        )
        assert actions() == ["strategy.strategy_create", "strategy.strategy_create"]

    def test_strategy_above_the_regions_is_for_platform_admins(self, strategist, db):
        data = {
            "title": "Agenda 2030",
            "level": "global",
            "start_year": 2016,
            "end_year": 2030,
        }
        with pytest.raises(PermissionDenied):
            services.strategy_create(region=None, by=strategist, data=data)
        assert services.strategy_create(region=None, by=None, data=data).region is None

    def test_period_must_run_forwards(self, region, strategist):
        with pytest.raises(ValidationError) as error:
            services.strategy_create(
                region=region,
                by=strategist,
                data={"title": "X", "start_year": 2030, "end_year": 2020},
            )
        assert "end_year" in error.value.message_dict
        assert not Strategy.objects.exists()

    def test_serves_only_higher_or_own_strategies(
        self, region, other_region, strategist
    ):
        agenda = StrategyFactory(
            region=None, level="global", title="Agenda 2030", adopted=True
        )
        foreign = StrategyFactory(region=other_region, adopted=True)
        strategy = services.strategy_create(
            region=region,
            by=strategist,
            data={
                "title": "RUS",
                "start_year": 2021,
                "end_year": 2030,
                "serves": [agenda],
            },
        )
        assert list(strategy.serves.all()) == [agenda]
        with pytest.raises(ValidationError):
            services.strategy_update(
                strategy=strategy, by=strategist, data={"serves": [foreign]}
            )
        assert list(strategy.serves.all()) == [agenda]

    def test_stale_update_is_refused_and_writes_nothing(
        self, draft_strategy, strategist
    ):
        read = draft_strategy.revision
        services.strategy_update(
            strategy=draft_strategy,
            by=strategist,
            data={"title": "First"},
            revision=read,
        )
        with pytest.raises(ValidationError) as error:
            services.strategy_update(
                strategy=Strategy.objects.get(pk=draft_strategy.pk),
                by=strategist,
                data={"title": "Second"},
                revision=read,
            )
        assert error.value.code == STALE_EDIT
        assert Strategy.objects.get(pk=draft_strategy.pk).title == "First"

    def test_adopt_then_new_version_supersedes_on_adoption(
        self, draft_strategy, strategist
    ):
        root = GoalFactory(strategy=draft_strategy, title="Vision")
        child = GoalFactory(
            strategy=draft_strategy, parent=root, title="Goal", code="1"
        )
        child.sdg_targets.add(sdg_target())
        link = GoalIndicatorFactory(goal=child)
        services.target_set(link=link, by=strategist, year=2025, value=Decimal("60"))
        services.interaction_set(
            strategy=draft_strategy,
            by=strategist,
            from_goal=child,
            to_goal=root,
            score=1,
            justification="Helps",
        )
        services.strategy_adopt(
            strategy=draft_strategy, by=strategist, adopted_on=datetime.date(2021, 1, 1)
        )
        with pytest.raises(ValidationError):
            services.strategy_adopt(
                strategy=draft_strategy,
                by=strategist,
                adopted_on=datetime.date(2021, 1, 1),
            )

        new = services.strategy_new_version(strategy=draft_strategy, by=strategist)
        assert new.version == 2
        assert new.status == StrategyStatus.DRAFT
        twin = new.goals.get(code="1")
        assert twin.copied_from == child
        assert twin.parent.copied_from == root
        assert [t.code for t in twin.sdg_targets.all()] == ["8.9"]
        assert twin.goal_indicators.get().targets.get().value == Decimal("60")
        assert new.interactions.get().from_goal == twin
        with pytest.raises(ValidationError, match="already has a newer version"):
            services.strategy_new_version(strategy=draft_strategy, by=strategist)

        draft_strategy.refresh_from_db()
        assert (
            draft_strategy.status == StrategyStatus.ADOPTED
        )  # until the new one is adopted
        services.strategy_adopt(
            strategy=new, by=strategist, adopted_on=datetime.date(2025, 1, 1)
        )
        draft_strategy.refresh_from_db()
        assert draft_strategy.status == StrategyStatus.SUPERSEDED
        # A superseded version is frozen.
        with pytest.raises(ValidationError, match="superseded"):
            services.goal_create(
                strategy=draft_strategy, by=strategist, data={"title": "Late"}
            )
        assert "strategy.strategy_supersede" in actions()

    def test_delete_draft_only(self, strategy, draft_strategy, strategist):
        GoalFactory(strategy=draft_strategy)
        with pytest.raises(ValidationError):
            services.strategy_delete_draft(strategy=strategy, by=strategist)
        services.strategy_delete_draft(strategy=draft_strategy, by=strategist)
        assert list(Strategy.objects.all()) == [strategy]


class TestGoals:
    def test_create_appends_and_logs(self, strategy, strategist):
        a = services.goal_create(strategy=strategy, by=strategist, data={"title": "A"})
        b = services.goal_create(strategy=strategy, by=strategist, data={"title": "B"})
        c = services.goal_create(
            strategy=strategy, by=strategist, data={"title": "C", "parent": a}
        )
        assert (a.order, b.order, c.order) == (0, 1, 0)
        assert c.region == strategy.region
        assert actions().count("strategy.goal_create") == 3

    def test_officer_cannot_change_goals(self, goal, officer):
        with pytest.raises(PermissionDenied):
            services.goal_update(goal=goal, by=officer, data={"title": "No"})

    def test_cycles_are_refused_with_the_goal_named(self, strategy, strategist):
        a = GoalFactory(strategy=strategy, title="Top")
        b = GoalFactory(strategy=strategy, parent=a)
        c = GoalFactory(strategy=strategy, parent=b)
        with pytest.raises(ValidationError) as error:
            services.goal_update(goal=a, by=strategist, data={"parent": c})
        assert (
            "“Top” cannot be placed under itself"
            in error.value.message_dict["parent"][0]
        )
        a.refresh_from_db()
        assert a.parent is None

    def test_parent_from_another_strategy_is_refused(
        self, strategy, draft_strategy, strategist
    ):
        other = GoalFactory(strategy=draft_strategy)
        with pytest.raises(ValidationError, match="another strategy"):
            services.goal_create(
                strategy=strategy, by=strategist, data={"title": "X", "parent": other}
            )

    def test_second_editor_is_told_the_goal_changed(self, goal, strategist):
        read = goal.revision
        services.goal_update(
            goal=goal, by=strategist, data={"title": "Mine"}, revision=read
        )
        with pytest.raises(ValidationError) as error:
            services.goal_update(
                goal=Goal.objects.get(pk=goal.pk),
                by=strategist,
                data={"title": "Theirs"},
                revision=read,
            )
        assert error.value.code == STALE_EDIT
        assert Goal.objects.get(pk=goal.pk).title == "Mine"

    def test_move_renumbers_siblings(self, strategy, strategist):
        a, b, c = (
            services.goal_create(strategy=strategy, by=strategist, data={"title": t})
            for t in "ABC"
        )
        services.goal_move(goal=c, by=strategist, parent=None, position=0)
        assert list(
            strategy.goals.order_by("order").values_list("title", flat=True)
        ) == ["C", "A", "B"]
        services.goal_move(goal=b, by=strategist, parent=a, position=5)
        b.refresh_from_db()
        assert (b.parent, b.order) == (a, 0)
        with pytest.raises(ValidationError):
            services.goal_move(goal=a, by=strategist, parent=b, position=0)

    def test_reparenting_puts_the_goal_last(self, strategy, strategist):
        a = services.goal_create(strategy=strategy, by=strategist, data={"title": "A"})
        services.goal_create(
            strategy=strategy, by=strategist, data={"title": "A1", "parent": a}
        )
        b = services.goal_create(strategy=strategy, by=strategist, data={"title": "B"})
        services.goal_update(goal=b, by=strategist, data={"parent": a})
        b.refresh_from_db()
        assert b.order == 1

    def test_delete_refused_while_it_has_sub_goals(self, goal, strategist):
        child = GoalFactory(strategy=goal.strategy, parent=goal)
        with pytest.raises(ValidationError, match="sub-goals"):
            services.goal_delete(goal=goal, by=strategist)
        services.goal_delete(goal=child, by=strategist)
        services.goal_delete(goal=goal, by=strategist)
        assert not Goal.objects.exists()

    def test_translations_are_validated(self, strategy, strategist):
        with pytest.raises(ValidationError, match="not a language"):
            services.goal_create(
                strategy=strategy,
                by=strategist,
                data={"title": "X", "translations": {"xx": {"title": "?"}}},
            )
        with pytest.raises(ValidationError, match="cannot be translated"):
            services.goal_create(
                strategy=strategy,
                by=strategist,
                data={"title": "X", "translations": {"en": {"code": "?"}}},
            )
        goal = services.goal_create(
            strategy=strategy,
            by=strategist,
            data={
                "title": "Hållbar besöksnäring",
                "translations": {"en": {"title": "Sustainable tourism"}},
            },
        )
        assert goal.localised("title", "en") == "Sustainable tourism"
        assert goal.localised("title", "da") == "Hållbar besöksnäring"


class TestInteractions:
    def test_upsert_and_scale(self, strategy, strategist):
        a, b = GoalFactory(strategy=strategy), GoalFactory(strategy=strategy)
        services.interaction_set(
            strategy=strategy,
            by=strategist,
            from_goal=a,
            to_goal=b,
            score=-2,
            justification="Conflict",
        )
        revised = services.interaction_set(
            strategy=strategy,
            by=strategist,
            from_goal=a,
            to_goal=b,
            score=-3,
            justification="Worse",
        )
        assert strategy.interactions.get() == revised
        assert revised.score == -3
        assert revised.assessed_by == strategist
        with pytest.raises(ValidationError):
            services.interaction_set(
                strategy=strategy,
                by=strategist,
                from_goal=a,
                to_goal=b,
                score=4,
                justification="x",
            )
        with pytest.raises(ValidationError):
            services.interaction_set(
                strategy=strategy,
                by=strategist,
                from_goal=a,
                to_goal=a,
                score=1,
                justification="x",
            )
        services.interaction_remove(interaction=revised, by=strategist)
        assert not strategy.interactions.exists()

    def test_goals_of_another_strategy_are_refused(
        self, strategy, draft_strategy, strategist
    ):
        a, b = GoalFactory(strategy=strategy), GoalFactory(strategy=draft_strategy)
        with pytest.raises(ValidationError, match="belong to the strategy"):
            services.interaction_set(
                strategy=strategy,
                by=strategist,
                from_goal=a,
                to_goal=b,
                score=1,
                justification="x",
            )


class TestIndicatorsAndTargets:
    def test_indicator_of_another_region_cannot_measure_a_goal(
        self, goal, other_region, strategist
    ):
        foreign = IndicatorFactory(region=other_region)
        with pytest.raises(ValidationError, match="another region"):
            services.goal_indicator_add(goal=goal, indicator=foreign, by=strategist)

    def test_baseline_needs_value_and_year(self, goal, strategist):
        indicator = IndicatorFactory(region=goal.strategy.region)
        with pytest.raises(ValidationError, match="value and a year"):
            services.goal_indicator_add(
                goal=goal,
                indicator=indicator,
                by=strategist,
                data={"baseline_value": Decimal(1)},
            )

    def test_revised_target_keeps_the_old_one(self, goal, strategist):
        link = GoalIndicatorFactory(goal=goal)
        first = services.target_set(
            link=link, by=strategist, year=2020, value=Decimal("60")
        )
        assert (
            services.target_set(
                link=link, by=strategist, year=2020, value=Decimal("60")
            )
            == first
        )
        second = services.target_set(
            link=link, by=strategist, year=2020, value=Decimal("65"), reason="Raised"
        )
        first.refresh_from_db()
        assert first.superseded_at is not None
        assert second.is_current
        assert IndicatorTarget.objects.filter(goal_indicator=link).count() == 2
        entry = (
            AuditEntry.objects.filter(action="strategy.target_set")
            .order_by("pk")
            .last()
        )
        assert entry.changes["target 2020"] == {"old": "60.000000", "new": "65"}

    def test_target_year_outside_the_period_is_refused(self, goal, strategist):
        link = GoalIndicatorFactory(goal=goal)
        with pytest.raises(ValidationError) as error:
            services.target_set(link=link, by=strategist, year=2031, value=Decimal(1))
        assert (
            "2031 is outside the strategy's period 2011–2020"
            in error.value.message_dict["year"][0]
        )


class TestObservations:
    def test_write_creates_updates_and_keeps(self, region, strategist):
        sweden_geo()
        indicator = IndicatorFactory(region=region)
        services.observations_write(
            indicator=indicator, by=strategist, rows=[row(2020, "1"), row(2021, "2")]
        )
        counts = services.observations_write(
            indicator=indicator,
            by=strategist,
            rows=[
                row(2021, "2.5"),
                row(2022, "3"),
                row(2022, "7", code="2281", level=GeographyLevel.MUNICIPALITY),
                row(2022, "4", sex=Sex.WOMEN),
            ],
        )
        assert counts == {"created": 3, "updated": 1, "unchanged": 0}
        assert indicator.observations.count() == 5
        assert indicator.observations.get(year=2021).value == Decimal("2.5")
        municipal = indicator.observations.get(area_level="municipality")
        assert (municipal.area_code, municipal.county.code) == ("SE-m2281", "22")

    def test_unknown_area_refuses_the_whole_batch(self, region, strategist):
        sweden_geo()
        indicator = IndicatorFactory(region=region)
        services.observations_write(
            indicator=indicator, by=strategist, rows=[row(2020, "1")]
        )
        with pytest.raises(ValidationError) as error:
            services.observations_write(
                indicator=indicator,
                by=strategist,
                rows=[row(2020, "9"), row(2021, "2", code="99")],
            )
        assert (
            "Unknown region code “99” for Sverige (row 2)"
            in error.value.message_dict["area"][0]
        )
        assert list(indicator.observations.values_list("value", flat=True)) == [
            Decimal("1")
        ]

    def test_danish_areas_and_unknown_country(self, other_region):
        denmark_geo()
        indicator = IndicatorFactory(region=other_region)
        services.observations_write(
            indicator=indicator,
            by=None,
            rows=[
                row(2024, "5", code="1085", country="DK"),
                row(
                    2024,
                    "6",
                    code="265",
                    level=GeographyLevel.MUNICIPALITY,
                    country="DK",
                ),
            ],
        )
        assert set(indicator.observations.values_list("area_code", flat=True)) == {
            "DK-c1085",
            "DK-m265",
        }
        with pytest.raises(ValidationError, match="Unknown country code"):
            services.observations_write(
                indicator=indicator, by=None, rows=[row(2024, "5", country="XX")]
            )

    def test_only_the_indicators_region_may_write(self, region, outsider):
        sweden_geo()
        indicator = IndicatorFactory(region=region)
        with pytest.raises(PermissionDenied):
            services.observations_write(
                indicator=indicator, by=outsider, rows=[row(2020, "1")]
            )
        assert not Observation.objects.exists()

    def test_delete_one(self, region, strategist):
        sweden_geo()
        indicator = IndicatorFactory(region=region)
        services.observations_write(
            indicator=indicator, by=strategist, rows=[row(2020, "1")]
        )
        services.observation_delete(
            observation=indicator.observations.get(), by=strategist
        )
        assert not indicator.observations.exists()
        assert actions()[-1] == "strategy.observation_delete"

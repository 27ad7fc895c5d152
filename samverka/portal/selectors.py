"""What the public portal reads."""

from __future__ import annotations

from django.db.models import QuerySet

from samverka.core.models import Region
from samverka.core.selectors import region_list_public
from samverka.funding.models import Call
from samverka.funding.selectors import open_calls
from samverka.plans.models import ActionPlan
from samverka.plans.policies import plans_public
from samverka.strategy.choices import StrategyStatus
from samverka.strategy.models import Strategy
from samverka.strategy.policies import strategies_public

__all__ = [
    "region_list_public",
    "region_open_calls",
    "region_plan_count",
    "region_strategies_current",
]


def region_strategies_current(region: Region) -> QuerySet[Strategy]:
    """The region's adopted (current) strategies, newest first."""
    return (
        strategies_public()
        .filter(region=region, status=StrategyStatus.ADOPTED)
        .select_related("region")
        .order_by("-start_year", "title")
    )


def region_plan_count(region: Region) -> int:
    plans: QuerySet[ActionPlan] = plans_public().filter(region=region)
    return plans.count()


def region_open_calls(region: Region) -> QuerySet[Call]:
    """The region's calls open for applications now, closing soonest first."""
    return open_calls(region)

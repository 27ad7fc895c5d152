from rest_framework.routers import DefaultRouter

from samverka.strategy.api.imports import StatisticsImportViewSet
from samverka.strategy.api.views import (
    GoalIndicatorViewSet,
    GoalViewSet,
    IndicatorViewSet,
    InteractionViewSet,
    ObservationViewSet,
    SdgGoalViewSet,
    SdgTargetViewSet,
    StrategyViewSet,
    TargetViewSet,
)

router = DefaultRouter()
router.register("strategies", StrategyViewSet, basename="strategy")
router.register("goals", GoalViewSet, basename="goal")
router.register("sdg-goals", SdgGoalViewSet, basename="sdg-goal")
router.register("sdg-targets", SdgTargetViewSet, basename="sdg-target")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("goal-indicators", GoalIndicatorViewSet, basename="goal-indicator")
router.register("targets", TargetViewSet, basename="target")
router.register("observations", ObservationViewSet, basename="observation")
router.register("interactions", InteractionViewSet, basename="interaction")
router.register(
    "statistics-imports", StatisticsImportViewSet, basename="statistics-import"
)
urlpatterns = router.urls

from rest_framework.routers import DefaultRouter

from samverka.assessments.api.views import (
    AssessmentViewSet,
    AssignmentViewSet,
    GoalConflictViewSet,
    RankingViewSet,
)

router = DefaultRouter()
router.register(
    "assessments/assignments", AssignmentViewSet, basename="assessment-assignment"
)
router.register("assessments/applications", AssessmentViewSet, basename="assessment")
router.register(
    "assessments/conflicts", GoalConflictViewSet, basename="assessment-conflict"
)
router.register("assessments/calls", RankingViewSet, basename="assessment-call")
urlpatterns = router.urls

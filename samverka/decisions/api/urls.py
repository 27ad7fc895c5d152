from rest_framework.routers import DefaultRouter

from samverka.decisions.api.views import (
    CommitteeViewSet,
    ConditionViewSet,
    DecisionViewSet,
    DelegationLimitViewSet,
    MeetingViewSet,
)

router = DefaultRouter()
router.register("decisions/conditions", ConditionViewSet, basename="decision-condition")
router.register("decisions/committees", CommitteeViewSet, basename="committee")
router.register("decisions/meetings", MeetingViewSet, basename="meeting")
router.register(
    "decisions/delegation-limits", DelegationLimitViewSet, basename="delegation-limit"
)
router.register("decisions", DecisionViewSet, basename="decision")
urlpatterns = router.urls

from rest_framework.routers import DefaultRouter

from samverka.plans.api.views import ActionPlanViewSet, ActivityViewSet

router = DefaultRouter()
router.register("action-plans", ActionPlanViewSet, basename="action-plan")
router.register("activities", ActivityViewSet, basename="activity")
urlpatterns = router.urls

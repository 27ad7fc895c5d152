from rest_framework.routers import DefaultRouter

from samverka.funding.api.views import CallViewSet, FundViewSet

router = DefaultRouter()
router.register("funds", FundViewSet, basename="fund")
router.register("calls", CallViewSet, basename="call")
urlpatterns = router.urls

from rest_framework.routers import DefaultRouter

from samverka.actors.api.views import NetworkViewSet, OrganisationViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("networks", NetworkViewSet, basename="network")
urlpatterns = router.urls

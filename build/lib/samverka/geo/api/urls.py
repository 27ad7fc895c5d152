from rest_framework.routers import DefaultRouter

from samverka.geo.api.views import (
    CountryViewSet,
    CountyViewSet,
    MunicipalityViewSet,
    NutsRegionViewSet,
)

router = DefaultRouter()
router.register("geo/countries", CountryViewSet, basename="geo-country")
router.register("geo/counties", CountyViewSet, basename="geo-county")
router.register("geo/municipalities", MunicipalityViewSet, basename="geo-municipality")
router.register("geo/nuts-regions", NutsRegionViewSet, basename="geo-nuts-region")
urlpatterns = router.urls

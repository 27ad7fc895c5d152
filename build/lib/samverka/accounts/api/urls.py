from django.urls import path
from rest_framework.routers import DefaultRouter

from samverka.accounts.api.views import MeView, RegionViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")

urlpatterns = [path("me/", MeView.as_view(), name="api-me"), *router.urls]

from django.urls import path

from samverka.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("<slug:region_slug>/", views.RegionHomeView.as_view(), name="region_home"),
]

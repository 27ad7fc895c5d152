"""Top-level URLs. Region slugs take the remaining top-level paths, so this order matters."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from samverka.accounts.policies import can_use_admin
from samverka.core import views as core_views

admin.site.has_permission = lambda request: can_use_admin(request.user)  # type: ignore[method-assign,arg-type]
admin.site.site_header = "Samverka"

api_v1 = [
    path("", include("samverka.accounts.api.urls")),
    path("", include("samverka.geo.api.urls")),
    path("", include("samverka.actors.api.urls")),
    path("", include("samverka.strategy.api.urls")),
    path("", include("samverka.plans.api.urls")),
    path("", include("samverka.funding.api.urls")),
    path("", include("samverka.applications.api.urls")),
    path("", include("samverka.assessments.api.urls")),
    path("", include("samverka.decisions.api.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", core_views.health, name="health"),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("", include("samverka.accounts.urls")),
    path("", include("samverka.core.urls_notifications")),
    path("", include("samverka.actors.urls")),
    path("", include("samverka.strategy.urls")),
    path("", include("samverka.plans.urls")),
    path("", include("samverka.records.urls")),
    path("", include("samverka.funding.urls")),
    path("", include("samverka.applications.urls")),
    path("", include("samverka.assessments.urls")),
    path("", include("samverka.decisions.urls")),
    path("", include("samverka.portal.urls")),
]

handler403 = "samverka.core.views.permission_denied"
handler404 = "samverka.core.views.page_not_found"
handler500 = "samverka.core.views.server_error"

# Uploaded files (strategy documents, attachments, the case register) are never served
# from a public address, not even in development: every download goes through a view
# that checks who may read it.

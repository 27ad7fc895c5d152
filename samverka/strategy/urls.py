"""The strategy app's pages; each screen module keeps its own URL patterns."""

from samverka.strategy.views import imports, indicators, public, report, staff

app_name = "strategy"

urlpatterns = [
    *staff.urlpatterns,
    *indicators.urlpatterns,
    *imports.urlpatterns,
    *report.urlpatterns,
    *public.urlpatterns,
]

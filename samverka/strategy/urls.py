"""The strategy app's pages; each screen module keeps its own URL patterns."""

from samverka.strategy.views import (
    imports,
    indicators,
    public,
    report,
    spreadsheets,
    staff,
)

app_name = "strategy"

urlpatterns = [
    *staff.urlpatterns,
    *indicators.urlpatterns,
    *imports.urlpatterns,
    *report.urlpatterns,
    *spreadsheets.urlpatterns,
    *public.urlpatterns,
]

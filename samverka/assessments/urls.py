"""The assessments app's pages; each screen module keeps its own URL patterns."""

from samverka.assessments.views import (
    assignments,
    overview,
    portfolio,
    ranking,
    sustainability,
)

app_name = "assessments"

urlpatterns = [
    *assignments.urlpatterns,
    *overview.urlpatterns,
    *sustainability.urlpatterns,
    *ranking.urlpatterns,
    *portfolio.urlpatterns,
]

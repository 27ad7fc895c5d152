"""The decisions app's pages; each screen module keeps its own URL patterns."""

from samverka.decisions.views import (
    applicant,
    committees,
    decide,
    delegation,
    documents,
)

app_name = "decisions"

urlpatterns = [
    *decide.urlpatterns,
    *delegation.urlpatterns,
    *committees.urlpatterns,
    *documents.urlpatterns,
    *applicant.urlpatterns,
]

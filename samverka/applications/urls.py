"""The applications app's pages; each screen module keeps its own URL patterns."""

from samverka.applications.views import applicant, staff, steps

app_name = "applications"

urlpatterns = [
    *applicant.urlpatterns,
    *steps.urlpatterns,
    *staff.urlpatterns,
]

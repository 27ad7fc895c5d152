"""The plans app's pages; each screen module keeps its own URL patterns."""

from samverka.plans.views import public, spreadsheets, staff

app_name = "plans"

urlpatterns = [
    *staff.urlpatterns,
    *spreadsheets.urlpatterns,
    *public.urlpatterns,
]

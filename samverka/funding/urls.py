"""The funding app's pages; each screen module keeps its own URL patterns.

The feeds come before the public pages so that ``calls/open.json`` is never read as a
call's address."""

from samverka.funding.views import feeds, public, staff

app_name = "funding"

urlpatterns = [
    *staff.urlpatterns,
    *feeds.urlpatterns,
    *public.urlpatterns,
]

"""The case register's pages; each screen module keeps its own URL patterns."""

from samverka.records.views import cases

app_name = "records"

urlpatterns = [
    *cases.urlpatterns,
]

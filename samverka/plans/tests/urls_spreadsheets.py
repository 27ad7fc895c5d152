"""The project's URLs with the spreadsheet pages in the plans namespace, for the
spreadsheet tests until (and after) `samverka.plans.urls` includes them."""

from django.urls import URLResolver, include, path

from config.urls import urlpatterns as project_patterns
from samverka.plans import urls as plans_urls
from samverka.plans.views import spreadsheets

urlpatterns = [
    path("", include(([*spreadsheets.urlpatterns, *plans_urls.urlpatterns], "plans"))),
    *(
        pattern
        for pattern in project_patterns
        if not (isinstance(pattern, URLResolver) and pattern.namespace == "plans")
    ),
]

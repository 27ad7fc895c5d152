"""The project's URLs with the spreadsheet pages in the strategy namespace, for the
spreadsheet tests until (and after) `samverka.strategy.urls` includes them."""

from django.urls import URLResolver, include, path

from config.urls import urlpatterns as project_patterns
from samverka.strategy import urls as strategy_urls
from samverka.strategy.views import spreadsheets

urlpatterns = [
    path(
        "",
        include(([*spreadsheets.urlpatterns, *strategy_urls.urlpatterns], "strategy")),
    ),
    *(
        pattern
        for pattern in project_patterns
        if not (isinstance(pattern, URLResolver) and pattern.namespace == "strategy")
    ),
]

"""Error pages and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults


@login_not_required
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return defaults.permission_denied(
        request, exception or PermissionDenied(), template_name="403.html"
    )


def page_not_found(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    return defaults.page_not_found(
        request, exception or Http404(), template_name="404.html"
    )


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without context processors: whatever failed may be among them.
    return HttpResponse(
        loader.get_template("500.html").render({"request": request}), status=500
    )

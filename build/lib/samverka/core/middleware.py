"""Request id, login-by-default, and the region's language for its public pages."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import (
    LoginRequiredMiddleware as DjangoLoginRequired,
)
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation

from samverka.core.request_context import request_id_var

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Gives every request an id (the proxy's X-Request-ID when it is well formed)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Logging in is the default; the API authenticates on its own (session or token)."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponseBase | None:
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class RegionLanguageMiddleware:
    """On a region's pages, a visitor who has not chosen a language gets the region's.

    The choice a visitor makes with the language switcher (a cookie) always wins.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: dict[str, Any],
    ) -> None:
        slug = view_kwargs.get("region_slug")
        if not slug or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
            return
        from samverka.core.models import Region

        language = (
            Region.objects.filter(slug=slug)
            .values_list("default_language", flat=True)
            .first()
        )
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language

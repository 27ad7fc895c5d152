"""View helpers for region-scoped staff pages."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404

from samverka.accounts import policies
from samverka.core.models import Region


class RegionStaffMixin:
    """Resolve `region_slug` among the regions the user works in.

    No staff role anywhere: 403. A region where the user holds no role: 404, so that
    nothing tells whether it exists. `permission(user, region)` narrows further (403).
    """

    #: A policy predicate `(user, region) -> bool`, wrapped in staticmethod().
    permission: ClassVar[Any] = None
    region: Region

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if not policies.is_staff_member(request.user):
            raise PermissionDenied
        self.region = get_object_or_404(
            policies.regions_visible_to(request.user), slug=kwargs["region_slug"]
        )
        permission = type(self).permission
        if permission is not None and not permission(request.user, self.region):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["region"] = self.region
        return context

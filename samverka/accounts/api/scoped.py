"""Building blocks of the region-scoped REST API that every app's `api/` shares.

Reads go through an app's policy queryset (public where the policy says so); writes
only touch the objects of the regions where the user holds a staff role; related
objects are chosen by id within the user's scope; a save based on an older revision is
409 Conflict. The apps' viewsets and serializers build on these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from samverka.accounts.models import User
from samverka.accounts.policies import roles_by_region
from samverka.core.errors import STALE_EDIT

# Serializer pieces -------------------------------------------------------------------


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A related object chosen by id among those `scope(user)` returns.

    The `queryset` argument names the model for the schema; requests use the scope.
    """

    def __init__(self, *, scope: Callable[[Any], QuerySet[Any]], **kwargs: Any):
        self.scope = scope
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        return self.scope(getattr(request, "user", None))


def translations_field(**kwargs: Any) -> serializers.DictField:
    """The `translations` JSON: texts in other languages by language and field name."""
    return serializers.DictField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        required=False,
        **kwargs,
        help_text=_(
            "Texts in other languages by language code and field name, for example "
            '{"en": {"title": "Regional development strategy"}}.'
        ),
    )


def revision_field() -> serializers.IntegerField:
    return serializers.IntegerField(
        required=False,
        min_value=1,
        write_only=True,
        help_text=_(
            "The revision you read. When someone else saved in between, the change is "
            "refused with 409 Conflict and nothing is written."
        ),
    )


class AdoptInputSerializer(serializers.Serializer):
    adopted_on = serializers.DateField()
    decision_reference = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        help_text=_("The case number or minutes paragraph of the adopting decision."),
    )


class ConflictSerializer(serializers.Serializer):
    """The answer to a save based on an older revision."""

    detail = serializers.CharField()
    code = serializers.CharField(help_text=_("Always stale_edit."))


class ListFilterSerializer(serializers.Serializer):
    """Query parameters of a list; `lookups` maps each to its queryset filter."""

    lookups: dict[str, str] = {}


# Viewset pieces ----------------------------------------------------------------------


def actor(request: Request) -> User:
    """The acting user: writes need a logged-in user (`IsAuthenticatedOrReadOnly`)."""
    return cast(User, request.user)


def staff_scope(
    queryset: QuerySet[Any], user: Any, field: str = "region_id"
) -> QuerySet[Any]:
    """Only the objects of the regions where `user` holds a staff role (all of them for
    a platform administrator): what a write may touch at all."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return queryset
    return queryset.filter(**{f"{field}__in": list(roles_by_region(user))})


class StaleEdit(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Changed by someone else after you read it.")
    default_code = STALE_EDIT


@contextmanager
def conflict_on_stale_edit() -> Iterator[None]:
    """Turn the services' stale-revision refusal into 409 Conflict."""
    try:
        yield
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict") and any(
            error.code == STALE_EDIT for error in exc.error_list
        ):
            raise StaleEdit({"detail": exc.messages[0], "code": STALE_EDIT}) from exc
        raise


CONFLICT_RESPONSE = OpenApiResponse(
    ConflictSerializer,
    description="Someone else saved after the revision sent; nothing was written.",
)


class ScopedViewSet(viewsets.GenericViewSet):
    """Reads through the policy's queryset (public where the policy says so), writes
    only within the user's staff regions; lists filtered by `filter_serializer_class`."""

    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    filter_serializer_class: type[ListFilterSerializer] | None = None
    #: The field that holds an object's region, for the write scope.
    region_field = "region_id"

    def visible(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        queryset = self.visible()
        if self.request.method not in permissions.SAFE_METHODS:
            queryset = staff_scope(queryset, self.request.user, self.region_field)
        if self.action == "list" and self.filter_serializer_class is not None:
            filters = self.filter_serializer_class(data=self.request.query_params)
            filters.is_valid(raise_exception=True)
            queryset = queryset.filter(
                **{
                    filters.lookups[name]: value
                    for name, value in filters.validated_data.items()
                    if value not in (None, "")
                }
            )
        return queryset

    def read_input(self, serializer_class: type[Any], **kwargs: Any) -> dict[str, Any]:
        """The validated request body (400 naming the fields otherwise)."""
        serializer = serializer_class(
            data=self.request.data, context=self.get_serializer_context(), **kwargs
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def output(self, obj: Model, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(obj).data, status=code)

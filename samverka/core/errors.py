"""Domain errors that services raise; views and the API turn them into responses."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

STALE_EDIT = "stale_edit"


def require(allowed: bool, message: str = "") -> None:
    """Raise PermissionDenied unless a policy predicate allowed the action."""
    if not allowed:
        raise PermissionDenied(message)


def check_revision(obj: Any, revision: int | None) -> None:
    """Refuse a save based on an older revision of `obj` than the one stored.

    Forms and API clients send the `revision` they read; when someone else saved in
    between, the second save is refused (code ``stale_edit``) and the form keeps what
    the user typed. `revision=None` skips the check (services called by the system).
    """
    if revision is None:
        return
    current = (
        type(obj).objects.filter(pk=obj.pk).values_list("revision", flat=True).first()
    )
    if current is not None and int(revision) != current:
        raise ValidationError(
            _(
                "“%(object)s” was changed by someone else after you opened it. Your "
                "text is kept in the form: compare it with the current version and "
                "save again."
            )
            % {"object": obj},
            code=STALE_EDIT,
        )


def bump_revision(obj: Any) -> None:
    """Count one more save of `obj` (a model with a `revision` field), atomically."""
    from django.db.models import F

    type(obj).objects.filter(pk=obj.pk).update(revision=F("revision") + 1)
    obj.refresh_from_db(fields=["revision"])

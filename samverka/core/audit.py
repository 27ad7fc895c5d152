"""The audit log: services call `log()` after every write.

Each app registers its action codes with a translatable label in `AppConfig.ready()`,
and the models whose history staff may read with the scope function that decides who
may read it.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.db.models import Model, QuerySet
from django.utils.functional import Promise

from samverka.core.request_context import current_request_id

if TYPE_CHECKING:
    from samverka.accounts.models import User
    from samverka.core.models import AuditEntry

_ACTIONS: dict[str, Promise | str] = {}
_HISTORY_SCOPES: dict[str, Callable[[Any], QuerySet[Any]]] = {}

Changes = Mapping[str, tuple[Any, Any]]
M = TypeVar("M", bound=Model)


def register_action(code: str, label: Promise | str) -> None:
    """Name an action code (``app.verb``) with a translatable label."""
    if "." not in code:
        raise ValueError(f"Action codes are namespaced as 'app.verb', not {code!r}.")
    _ACTIONS[code] = label


def action_label(code: str) -> Promise | str:
    return _ACTIONS.get(code, code)


def register_history(model: type[Model], scope: Callable[[Any], QuerySet[Any]]) -> None:
    """Let staff read the history of `model` objects that `scope(user)` returns."""
    _HISTORY_SCOPES[model._meta.label_lower] = scope


def history_scope(label: str) -> Callable[[Any], QuerySet[Any]] | None:
    return _HISTORY_SCOPES.get(label)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Model):
        return {"id": value.pk, "repr": str(value)[:200]}
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | Promise):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def log(
    obj: Model,
    action: str,
    *,
    by: User | None,
    changes: Changes | None = None,
    region: Any = None,
) -> AuditEntry:
    """Append one audit entry for a write to `obj`.

    `changes` maps a field name to its (old, new) values. The region is taken from
    the object (its own ``region`` or, for a region, itself) unless given.
    """
    from django.contrib.contenttypes.models import ContentType

    from samverka.core.models import AuditEntry, Region

    if action not in _ACTIONS:
        raise ValueError(
            f"Unregistered audit action {action!r}; register it in AppConfig.ready()."
        )
    if region is None:
        region = obj if isinstance(obj, Region) else getattr(obj, "region", None)
    return AuditEntry.objects.create(
        actor=by if by is not None and by.is_authenticated else None,
        actor_repr=(str(by) if by is not None and by.is_authenticated else "")[:255],
        region=region,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        action=action,
        changes={
            field: {"old": _jsonable(old), "new": _jsonable(new)}
            for field, (old, new) in (changes or {}).items()
        },
        request_id=current_request_id() or "",
    )


def pick(data: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The entries of `data` that a service accepts: those named in `fields`."""
    return {name: data[name] for name in fields if name in data}


def created_changes(
    obj: Model, fields: Iterable[str], prefix: str = ""
) -> dict[str, tuple[Any, Any]]:
    """The (None, value) changes of a new object for its audit entry, leaving out
    empty fields."""
    return {
        f"{prefix}{name}": (None, getattr(obj, name))
        for name in fields
        if getattr(obj, name) not in (None, "", False, {}, [])
    }


def model_update(
    *, instance: M, fields: Iterable[str], data: Mapping[str, Any]
) -> tuple[M, dict[str, tuple[Any, Any]]]:
    """Set those `fields` that `data` holds on `instance`, validate and save.

    Returns the instance and the changes as ``{field: (old, new)}``, so that editing and
    auditing share one code path. Saves nothing when nothing changed.
    """
    changes: dict[str, tuple[Any, Any]] = {}
    m2m: dict[str, Any] = {}
    for field_name in fields:
        if field_name not in data:
            continue
        field = instance._meta.get_field(field_name)
        new = data[field_name]
        if isinstance(field, models.ManyToManyField):
            old_items = set(getattr(instance, field_name).all())
            if set(new) != old_items:
                changes[field_name] = (
                    sorted(map(str, old_items)),
                    sorted(map(str, new)),
                )
                m2m[field_name] = new
            continue
        old = getattr(instance, field_name)
        if old != new:
            changes[field_name] = (old, new)
            setattr(instance, field_name, new)
    if changes:
        instance.full_clean()
        concrete = [f for f in changes if f not in m2m]
        if concrete:
            update_fields = [*concrete]
            if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
                update_fields.append("updated_at")
            instance.save(update_fields=update_fields)
        for field_name, values in m2m.items():
            getattr(instance, field_name).set(values)
    return instance, changes

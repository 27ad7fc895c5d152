"""JSON-stat 2.0 and 1.0 (https://json-stat.org/format/), and recognising a document.

Statistics Sweden's PxWebApi 2 answers in JSON-stat 2.0: a ``dataset`` with ``id``,
``size``, ``dimension`` and ``value``. Statistics Denmark's Statbank API
(``format=JSONSTAT``) and PxWebApi 1 (``json-stat``) answer in JSON-stat 1.0: the
dataset sits under a name (``{"dataset": {...}}``) and the dimension order is in
``dimension.id`` / ``dimension.size``. Values are in row-major order: the last
dimension varies fastest. ``value`` and ``status`` may be lists or sparse objects
keyed by position.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from samverka.strategy.statistics.base import (
    Dataset,
    Dimension,
    Record,
    StatisticsError,
    parse_value,
)


def load_json(data: bytes | str) -> Any:
    """Decode a document (UTF-8, with or without a byte-order mark) as JSON."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        text = text.removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise StatisticsError(_("The data is not UTF-8 text.")) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise StatisticsError(
            _("The data is not valid JSON (line %(line)s: %(error)s).")
            % {"line": exc.lineno, "error": exc.msg}
        ) from exc


def parse_document(document: Any) -> Dataset:
    """Parse JSON-stat 2.0, JSON-stat 1.0 or PxWebApi 1 "json", whichever it is."""
    from samverka.strategy.statistics.pxweb import is_pxweb_json, parse_pxweb_json

    if not isinstance(document, Mapping):
        raise StatisticsError(_("The data is not a JSON-stat or PxWeb JSON object."))
    if document.get("class") == "dataset" or (
        "id" in document and "dimension" in document and "value" in document
    ):
        return parse_jsonstat2(document)
    if document.get("class") in ("bundle", "collection"):
        raise StatisticsError(
            _("The data is a JSON-stat %(class)s; give a single dataset.")
            % {"class": document.get("class")}
        )
    if is_pxweb_json(document):
        return parse_pxweb_json(document)
    if _v1_dataset(document) is not None:
        return parse_jsonstat1(document)
    raise StatisticsError(
        _(
            "The data is neither JSON-stat (1.0 or 2.0) nor PxWeb JSON: no dimensions "
            "and values were found."
        )
    )


def parse_jsonstat2(document: Mapping[str, Any]) -> Dataset:
    """A JSON-stat 2.0 ``dataset``."""
    ids = document.get("id")
    sizes = document.get("size")
    dimensions = document.get("dimension")
    if not isinstance(ids, list) or not isinstance(sizes, list):
        raise StatisticsError(_("The JSON-stat dataset has no “id” and “size” lists."))
    if not isinstance(dimensions, Mapping):
        raise StatisticsError(_("The JSON-stat dataset has no “dimension” object."))
    roles = document.get("role") or {}
    return _build(
        ids=ids,
        sizes=sizes,
        dimensions=dimensions,
        values=document.get("value"),
        status=document.get("status"),
        roles=roles if isinstance(roles, Mapping) else {},
        label=str(document.get("label") or ""),
        format="json-stat 2.0",
    )


def _v1_dataset(document: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The first dataset of a JSON-stat 1.0 response (``{"dataset": {...}}`` or a
    bundle of named datasets)."""
    candidates = [document.get("dataset"), *document.values()]
    for candidate in candidates:
        if isinstance(candidate, Mapping):
            dimension = candidate.get("dimension")
            if isinstance(dimension, Mapping) and "id" in dimension:
                return candidate
    return None


def parse_jsonstat1(document: Mapping[str, Any]) -> Dataset:
    """A JSON-stat 1.0 response; its first dataset is read."""
    dataset = _v1_dataset(document)
    if dataset is None:
        raise StatisticsError(_("The JSON-stat 1.0 response holds no dataset."))
    dimension = dataset["dimension"]
    roles = dimension.get("role") or {}
    return _build(
        ids=dimension.get("id"),
        sizes=dimension.get("size"),
        dimensions=dimension,
        values=dataset.get("value"),
        status=dataset.get("status"),
        roles=roles if isinstance(roles, Mapping) else {},
        label=str(dataset.get("label") or ""),
        format="json-stat 1.0",
    )


def _categories(dimension_id: str, dimension: Any) -> Dimension:
    if not isinstance(dimension, Mapping):
        raise StatisticsError(
            _("The dimension “%(dimension)s” is not described in the data.")
            % {"dimension": dimension_id}
        )
    category = dimension.get("category") or {}
    index = category.get("index")
    labels = category.get("label") or {}
    if isinstance(index, list):
        codes = [str(code) for code in index]
    elif isinstance(index, Mapping):
        codes = [str(code) for code, _position in sorted(index.items(), key=_order)]
    elif isinstance(labels, Mapping) and labels:
        # The index may be left out when a dimension has a single category.
        codes = [str(code) for code in labels]
    else:
        raise StatisticsError(
            _("The dimension “%(dimension)s” has no categories.")
            % {"dimension": dimension_id}
        )
    return Dimension(
        id=dimension_id,
        label=str(dimension.get("label") or ""),
        codes=tuple(codes),
        labels={str(k): str(v) for k, v in labels.items()}
        if isinstance(labels, Mapping)
        else {},
    )


def _order(item: tuple[Any, Any]) -> float:
    try:
        return float(item[1])
    except (TypeError, ValueError):
        return math.inf


def _build(
    *,
    ids: Any,
    sizes: Any,
    dimensions: Mapping[str, Any],
    values: Any,
    status: Any,
    roles: Mapping[str, Any],
    label: str,
    format: str,
) -> Dataset:
    if (
        not isinstance(ids, list)
        or not isinstance(sizes, list)
        or len(ids) != len(sizes)
    ):
        raise StatisticsError(_("The dataset's dimension ids and sizes do not match."))
    parsed: list[Dimension] = []
    for dimension_id, size in zip(ids, sizes, strict=True):
        dimension = _categories(str(dimension_id), dimensions.get(dimension_id))
        if len(dimension.codes) != size:
            raise StatisticsError(
                _(
                    "The dimension “%(dimension)s” has %(count)s categories but its "
                    "size is %(size)s."
                )
                % {
                    "dimension": dimension_id,
                    "count": len(dimension.codes),
                    "size": size,
                }
            )
        parsed.append(dimension)
    total = math.prod(len(d.codes) for d in parsed) if parsed else 0
    if isinstance(values, list):
        if len(values) != total:
            raise StatisticsError(
                _("The dataset has %(found)s values; its sizes call for %(expected)s.")
                % {"found": len(values), "expected": total}
            )

        def value_at(position: int) -> Any:
            return values[position]

    elif isinstance(values, Mapping):

        def value_at(position: int) -> Any:
            return values.get(str(position))

    else:
        raise StatisticsError(_("The dataset has no values."))

    def status_at(position: int) -> str:
        if isinstance(status, str):
            return status
        if isinstance(status, list):
            return str(status[position] or "") if position < len(status) else ""
        if isinstance(status, Mapping):
            return str(status.get(str(position)) or "")
        return ""

    records = []
    combinations = itertools.product(*(d.codes for d in parsed))
    for position, codes in enumerate(combinations):
        records.append(
            Record(
                categories=dict(zip(ids, codes, strict=True)),
                value=parse_value(value_at(position)),
                status=status_at(position),
            )
        )
    return Dataset(
        dimensions=parsed,
        records=records,
        roles={
            str(role): [str(i) for i in members]
            for role, members in roles.items()
            if isinstance(members, list)
        },
        label=label,
        format=format,
    )

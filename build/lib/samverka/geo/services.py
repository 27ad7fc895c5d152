"""Writes to the reference geography: loading countries, counties, municipalities and
NUTS regions from the public files (`samverka.geo.readers`).

Loading is idempotent: rows are matched on their natural keys (country code; country and
code; code and version), only changed values are written, and a second load of the same
files creates and updates nothing. Rows that a file no longer lists are kept, because
other records may refer to them. All files are read before the first write, and all
writes of one load happen in one transaction, so a bad file changes nothing.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samverka.accounts.policies import can_use_admin
from samverka.core import audit
from samverka.core.errors import require
from samverka.geo.choices import NutsRegionVersion
from samverka.geo.models import Country, County, Municipality, NutsRegion
from samverka.geo.official import official_download
from samverka.geo.readers import (
    COUNTRY_CODES,
    CountryData,
    GeoLoadError,
    NutsData,
    read_country,
    read_nuts,
)

if TYPE_CHECKING:
    from samverka.accounts.models import User

__all__ = ["GeoLoadError", "LoadCounts", "LoadResult", "geography_load"]

M = TypeVar("M", bound=models.Model)
BATCH_SIZE = 500
# Foreign keys are set by id from rows this load has just written; checking each one
# with a query (as full_clean would) would only slow the load down.
_UNCHECKED = ["country", "county", "parent"]


@dataclass
class LoadCounts:
    """How many rows of one kind a load created, updated and left as they were."""

    label: str | Promise
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class LoadResult:
    """What one load did for one country (``SE``) or for the NUTS regions (``NUTS``)."""

    subject: str
    name: str
    counts: dict[str, LoadCounts] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(counts.created for counts in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(counts.updated for counts in self.counts.values())

    @property
    def unchanged(self) -> int:
        return sum(counts.unchanged for counts in self.counts.values())


def geography_load(
    *,
    countries: Iterable[str] = COUNTRY_CODES,
    all_nuts: bool = False,
    source: Literal["files", "official"] = "files",
    source_dir: Path | None = None,
    with_boundaries: bool = False,
    by: User | None = None,
) -> list[LoadResult]:
    """Load the counties and municipalities of `countries` and their NUTS regions
    (both versions), or the NUTS regions of every country when `all_nuts`.

    `source="files"` reads `source_dir` (default ``settings.SHARED_DATA_DIR``), laid out as
    ../shared/data; `source="official"` first downloads the same files from their
    publishers into a temporary folder. Boundaries are read only `with_boundaries`;
    otherwise stored boundaries are kept. Writes one ``geo.load`` audit entry per country
    whose rows changed. Raises GeoLoadError, naming the file, when a file is missing or bad.
    Commands pass by=None; a user must be a platform administrator.
    """
    if by is not None:
        require(can_use_admin(by))
    codes = [code.upper() for code in countries]
    if source == "official":
        with tempfile.TemporaryDirectory(prefix="samverka-geo-") as folder:
            official_download(
                target_dir=Path(folder),
                countries=codes,
                nuts=all_nuts,
                with_boundaries=with_boundaries,
            )
            return geography_load(
                countries=codes,
                all_nuts=all_nuts,
                source_dir=Path(folder),
                with_boundaries=with_boundaries,
                by=by,
            )
    source_dir = Path(source_dir or settings.SHARED_DATA_DIR)
    # Read everything first: a bad file is found before anything is written.
    country_data = [
        read_country(code=code, source_dir=source_dir, with_boundaries=with_boundaries)
        for code in codes
    ]
    nuts_data: list[NutsData] = []
    if all_nuts or codes:
        nuts_data = [
            read_nuts(
                source_dir=source_dir,
                version=version,
                countries=None if all_nuts else codes,
                with_boundaries=with_boundaries,
            )
            for version in NutsRegionVersion.values
        ]
    with transaction.atomic():
        results = [_country_write(data, by=by) for data in country_data]
        if nuts_data:
            results.append(_nuts_write(nuts_data, by=by))
    return results


def _country_write(data: CountryData, *, by: User | None) -> LoadResult:
    """Write one country's rows and its audit entry."""
    result = LoadResult(subject=data.code, name=data.name, notes=list(data.notes))
    counts = result.counts
    counts["countries"] = LoadCounts(label=_("countries"))
    counts["counties"] = LoadCounts(label=_("counties"))
    counts["municipalities"] = LoadCounts(label=_("municipalities"))

    existing_country = Country.objects.filter(code=data.code).first()
    created, _updated = _sync(
        Country,
        existing={data.code: existing_country} if existing_country else {},
        wanted={data.code: {"code": data.code, "name": data.name}},
        counts=counts["countries"],
    )
    country = existing_country or created[0]

    county_fields = ["code", "name", "nuts_code"] + (
        ["boundary"] if data.county_boundaries else []
    )
    _sync(
        County,
        existing={
            c.code: c
            for c in _without_boundary(
                County.objects.filter(country=country), data.county_boundaries
            )
        },
        wanted={
            row.code: {
                "country_id": country.pk,
                **{f: getattr(row, f) for f in county_fields},
            }
            for row in data.counties
        },
        counts=counts["counties"],
    )
    county_ids = dict(County.objects.filter(country=country).values_list("code", "pk"))
    unknown = sorted(
        {r.county_code for r in data.municipalities if r.county_code} - set(county_ids)
    )
    if unknown:
        raise GeoLoadError(
            _("%(country)s: municipalities refer to unknown counties %(codes)s.")
            % {"country": data.code, "codes": ", ".join(unknown)}
        )

    with_boundary = data.municipality_boundaries
    _sync(
        Municipality,
        existing={
            m.code: m
            for m in _without_boundary(
                Municipality.objects.filter(country=country), with_boundary
            )
        },
        wanted={
            row.code: {
                "country_id": country.pk,
                "county_id": county_ids.get(row.county_code or ""),
                "code": row.code,
                "name": row.name,
                # Eurostat's LAU code is the national municipality code in all four.
                "lau_code": row.code,
                "nuts3_code": row.nuts3_code,
                **({"boundary": row.boundary} if with_boundary else {}),
            }
            for row in data.municipalities
        },
        counts=counts["municipalities"],
    )
    if result.created or result.updated:
        audit.log(
            country,
            "geo.load",
            by=by,
            changes={
                "created": (None, result.created),
                "updated": (None, result.updated),
            },
        )
    return result


def _nuts_write(versions: Sequence[NutsData], *, by: User | None) -> LoadResult:
    """Write the NUTS regions, parents first, and one audit entry per NUTS country."""
    result = LoadResult(subject="NUTS", name="NUTS")
    per_country: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for data in versions:
        counts = result.counts[f"nuts_{data.version}"] = LoadCounts(
            label=_("NUTS %(version)s regions") % {"version": data.version}
        )
        country_codes = {row.country_code for row in data.rows}
        existing = {
            region.code: region
            for region in _without_boundary(
                NutsRegion.objects.filter(
                    version=data.version, country_code__in=country_codes
                ),
                data.boundaries,
            )
        }
        ids = {code: region.pk for code, region in existing.items()}
        for level in range(4):
            rows = [row for row in data.rows if row.level == level]
            created, updated = _sync(
                NutsRegion,
                existing=existing,
                wanted={
                    row.code: {
                        "code": row.code,
                        "level": row.level,
                        "country_code": row.country_code,
                        "name": row.name,
                        "name_national": row.name_national,
                        "version": row.version,
                        "parent_id": ids.get(row.code[:-1]) if level else None,
                        **({"boundary": row.boundary} if data.boundaries else {}),
                    }
                    for row in rows
                },
                counts=counts,
            )
            ids.update((region.code, region.pk) for region in created)
            for region in created:
                per_country[region.country_code][0] += 1
            for region in updated:
                per_country[region.country_code][1] += 1
    roots = {
        region.country_code: region
        for region in NutsRegion.objects.filter(
            level=0, country_code__in=per_country
        ).order_by("version")
    }
    for country_code, (created_count, updated_count) in sorted(per_country.items()):
        if country_code in roots:
            audit.log(
                roots[country_code],
                "geo.load",
                by=by,
                changes={
                    "created": (None, created_count),
                    "updated": (None, updated_count),
                },
            )
    return result


def _without_boundary(
    queryset: models.QuerySet[M], with_boundary: bool
) -> models.QuerySet[M]:
    return queryset if with_boundary else queryset.defer("boundary")


def _sync(
    model: type[M],
    *,
    existing: dict[str, M],
    wanted: dict[str, dict[str, Any]],
    counts: LoadCounts,
) -> tuple[list[M], list[M]]:
    """Create the `wanted` rows that do not exist, update those whose values differ.

    `existing` and `wanted` are keyed by the same natural key; values are given by
    attribute name (``county_id``). Returns the created and the updated objects.
    """
    now = timezone.now()
    to_create: list[M] = []
    to_update: list[M] = []
    changed_fields: set[str] = set()
    for key, values in wanted.items():
        obj = existing.get(key)
        if obj is None:
            obj = model(**values)
            _validate(obj, key)
            to_create.append(obj)
            continue
        changed = [
            name for name, value in values.items() if getattr(obj, name) != value
        ]
        if not changed:
            counts.unchanged += 1
            continue
        for name in changed:
            setattr(obj, name, values[name])
        obj.updated_at = now  # type: ignore[attr-defined]
        _validate(obj, key)
        to_update.append(obj)
        changed_fields.update(changed)
    if to_create:
        model._default_manager.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model._default_manager.bulk_update(
            to_update, [*sorted(changed_fields), "updated_at"], batch_size=BATCH_SIZE
        )
    counts.created += len(to_create)
    counts.updated += len(to_update)
    return to_create, to_update


def _validate(obj: models.Model, key: str) -> None:
    """Field checks only: uniqueness is checked by the readers and the database."""
    try:
        obj.full_clean(
            exclude=_UNCHECKED, validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        raise GeoLoadError(
            _("%(model)s %(key)s: %(errors)s")
            % {"model": obj._meta.verbose_name, "key": key, "errors": exc.message_dict}
        ) from exc

"""Readers of the public geography files (downloading them is `samverka.geo.official`).

Nothing here touches the database: each reader turns the files of one folder of the
shared data (laid out as in ``../shared/data``: ``geo-se``, ``geo-dk``, ``geo-no``,
``geo-fi``, ``nuts``) into plain rows that `samverka.geo.services` then writes. Codes are
read as strings and must keep their leading zeros ("0301", "005"); a file that lost them
(a spreadsheet round trip) is refused rather than guessed at.

How the NUTS codes of counties and municipalities are found (docs/models/geo.md):

- a county's NUTS code is the NUTS 2024 region of the same country whose name equals one of
  the county's names ("Västernorrlands län" = SE321, "Nordland - Nordlánnda" =
  "Nordland/Nordlánnda" = NO071); Denmark's code file gives each region's NUTS 2 code;
- a municipality's NUTS 3 code is its county's code when that is a NUTS 3 region, or the
  only NUTS 3 region inside it (Region Nordjylland, DK05, holds only DK050); otherwise it
  is left empty, since no LAU-NUTS correspondence file is at hand.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from samverka.geo.choices import CURRENT_NUTS_VERSION, NutsRegionVersion

COUNTRY_CODES = ("SE", "DK", "NO", "FI")
COUNTRY_FOLDERS = {"SE": "geo-se", "DK": "geo-dk", "NO": "geo-no", "FI": "geo-fi"}
COUNTRY_NAMES = {"SE": "Sverige", "DK": "Danmark", "NO": "Norge", "FI": "Suomi"}
NUTS_FOLDER = "nuts"
NUTS_CODE_FILES = {
    NutsRegionVersion.NUTS_2021: "nuts_2021_codes.csv",
    NutsRegionVersion.NUTS_2024: "nuts_2024_codes.csv",
}
NUTS_BOUNDARY_FILES = {
    NutsRegionVersion.NUTS_2021: tuple(
        f"NUTS_RG_60M_2021_4326_LEVL_{level}.geojson" for level in range(4)
    ),
    NutsRegionVersion.NUTS_2024: ("NUTS_RG_20M_2024_4326.geojson",),
}
NUTS_COLUMNS = ("NUTS_ID", "LEVL_CODE", "CNTR_CODE", "NAME_LATN", "NUTS_NAME")

# Christiansø is run by the Danish state, not by a municipality (geo-dk/PROVENANCE.md).
DK_NOT_MUNICIPALITIES = frozenset({"411"})

# Names that differ between a county list and NUTS, as (country, county name): NUTS name.
NUTS_NAME_ALIASES = {("FI", "uusimaa"): "helsinki-uusimaa"}


class GeoLoadError(Exception):
    """A geography file is missing, unreadable or lacks what the loader needs."""


@dataclass(frozen=True)
class CountyRow:
    code: str
    name: str
    nuts_code: str = ""
    boundary: dict[str, Any] | None = None


@dataclass(frozen=True)
class MunicipalityRow:
    code: str
    name: str
    county_code: str | None
    nuts3_code: str = ""
    boundary: dict[str, Any] | None = None


@dataclass
class CountryData:
    """Everything the files say about one country's counties and municipalities.

    `county_boundaries` and `municipality_boundaries` tell whether boundaries were read;
    when not, the loader leaves the stored boundaries alone.
    """

    code: str
    name: str
    counties: list[CountyRow]
    municipalities: list[MunicipalityRow]
    county_boundaries: bool = False
    municipality_boundaries: bool = False
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NutsRow:
    code: str
    level: int
    country_code: str
    name: str
    name_national: str
    version: int
    boundary: dict[str, Any] | None = None


@dataclass
class NutsData:
    """The NUTS regions of one version, parents before children."""

    version: int
    rows: list[NutsRow]
    boundaries: bool = False


# Files ------------------------------------------------------------------------------


def _require_file(path: Path) -> Path:
    if not path.is_file():
        raise GeoLoadError(_("%(file)s: file not found.") % {"file": path})
    return path


def read_csv(path: Path, *, columns: Sequence[str]) -> list[dict[str, str]]:
    """The rows of a UTF-8 CSV file as strings, after checking that `columns` are there."""
    try:
        with _require_file(path).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [column for column in columns if column not in header]
            if missing:
                raise GeoLoadError(
                    _("%(file)s: missing column(s) %(columns)s (found: %(found)s).")
                    % {
                        "file": path,
                        "columns": ", ".join(missing),
                        "found": ", ".join(header) or "-",
                    }
                )
            return [
                {key: (value or "").strip() for key, value in row.items()}
                for row in reader
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise GeoLoadError(
            _("%(file)s: cannot be read (%(error)s).") % {"file": path, "error": exc}
        ) from exc


def read_json(path: Path) -> dict[str, Any]:
    try:
        with _require_file(path).open(encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise GeoLoadError(
            _("%(file)s: not valid JSON (%(error)s).") % {"file": path, "error": exc}
        ) from exc
    if not isinstance(data, dict):
        raise GeoLoadError(_("%(file)s: not a JSON object.") % {"file": path})
    return data


def read_geojson_features(path: Path) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection."""
    data = read_json(path)
    features = data.get("features")
    if data.get("type") != "FeatureCollection" or not isinstance(features, list):
        raise GeoLoadError(
            _("%(file)s: not a GeoJSON FeatureCollection.") % {"file": path}
        )
    return features


def boundaries_by_key(
    path: Path, *, key: str, width: int = 0
) -> dict[str, dict[str, Any]]:
    """GeoJSON geometries by the property `key`; several features of one key become one
    MultiPolygon (Denmark's file has one feature per island).
    """
    parts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for number, feature in enumerate(read_geojson_features(path), start=1):
        properties = feature.get("properties") or {}
        if key not in properties:
            raise GeoLoadError(
                _("%(file)s: feature %(number)s lacks the property %(key)s.")
                % {"file": path, "number": number, "key": key}
            )
        if feature.get("geometry"):
            parts[str(properties[key]).zfill(width)].append(feature["geometry"])
    return {code: _merge_geometries(geometries) for code, geometries in parts.items()}


def _merge_geometries(geometries: list[dict[str, Any]]) -> dict[str, Any]:
    if len(geometries) == 1:
        return geometries[0]
    polygons: list[Any] = []
    for geometry in geometries:
        if geometry["type"] == "Polygon":
            polygons.append(geometry["coordinates"])
        elif geometry["type"] == "MultiPolygon":
            polygons.extend(geometry["coordinates"])
    return {"type": "MultiPolygon", "coordinates": polygons}


def _code(
    row: dict[str, str], column: str, *, width: int, path: Path, line: int
) -> str:
    """A national code of exactly `width` digits, leading zeros included."""
    value = row[column]
    if not (value.isdigit() and len(value) == width):
        raise GeoLoadError(
            _(
                "%(file)s, line %(line)s: %(column)s %(value)r is not a code of %(width)s "
                "digits (leading zeros lost?)."
            )
            % {
                "file": path,
                "line": line,
                "column": column,
                "value": value,
                "width": width,
            }
        )
    return value


def _value(row: dict[str, str], column: str, *, path: Path, line: int) -> str:
    if not row[column]:
        raise GeoLoadError(
            _("%(file)s, line %(line)s: %(column)s is empty.")
            % {"file": path, "line": line, "column": column}
        )
    return row[column]


def _unique(codes: Iterable[str], *, path: Path) -> None:
    duplicates = sorted(code for code, count in Counter(codes).items() if count > 1)
    if duplicates:
        raise GeoLoadError(
            _("%(file)s: duplicate codes %(codes)s.")
            % {"file": path, "codes": ", ".join(duplicates)}
        )


# NUTS -------------------------------------------------------------------------------


def read_nuts(
    *,
    source_dir: Path,
    version: int,
    countries: Iterable[str] | None = None,
    with_boundaries: bool = False,
) -> NutsData:
    """The NUTS regions of one version from ``nuts/nuts_<version>_codes.csv``, for the
    given NUTS country codes (all when None), with boundaries from the GISCO GeoJSON.
    """
    folder = source_dir / NUTS_FOLDER
    path = folder / NUTS_CODE_FILES[NutsRegionVersion(version)]
    wanted = {code.upper() for code in countries} if countries is not None else None
    rows: list[NutsRow] = []
    for line, row in enumerate(read_csv(path, columns=NUTS_COLUMNS), start=2):
        code = _value(row, "NUTS_ID", path=path, line=line)
        if wanted is not None and row["CNTR_CODE"] not in wanted:
            continue
        level = row["LEVL_CODE"]
        if level not in {"0", "1", "2", "3"} or len(code) != int(level) + 2:
            raise GeoLoadError(
                _("%(file)s, line %(line)s: LEVL_CODE %(level)r does not fit %(code)s.")
                % {"file": path, "line": line, "level": level, "code": code}
            )
        rows.append(
            NutsRow(
                code=code,
                level=int(level),
                country_code=_value(row, "CNTR_CODE", path=path, line=line),
                # One 2021 name holds a line break; names are kept on one line.
                name=" ".join(row["NAME_LATN"].split()),
                name_national=" ".join(row["NUTS_NAME"].split()),
                version=version,
            )
        )
    _unique((row.code for row in rows), path=path)
    if with_boundaries:
        shapes: dict[str, dict[str, Any]] = {}
        for name in NUTS_BOUNDARY_FILES[NutsRegionVersion(version)]:
            shapes.update(boundaries_by_key(folder / name, key="NUTS_ID"))
        rows = [replace(row, boundary=shapes.get(row.code)) for row in rows]
    rows.sort(key=lambda row: (row.level, row.code))
    return NutsData(version=version, rows=rows, boundaries=with_boundaries)


def _name_keys(name: str) -> set[str]:
    """The comparable forms of a name: each part of a multilingual name, casefolded."""
    parts = [name, *name.replace(" - ", "/").split("/")]
    return {" ".join(part.split()).casefold() for part in parts if part.strip()}


def match_nuts(
    *, country: str, names: Mapping[str, Sequence[str]], nuts: NutsData, level: int = 3
) -> dict[str, str]:
    """County code -> NUTS code, by equal names at `level` in `country`."""
    by_name: dict[str, str] = {}
    for row in nuts.rows:
        if row.country_code == country and row.level == level:
            for key in _name_keys(row.name) | _name_keys(row.name_national):
                by_name[key] = row.code
    found: dict[str, str] = {}
    for code, county_names in names.items():
        for county_name in county_names:
            keys = _name_keys(county_name)
            keys |= {
                NUTS_NAME_ALIASES[(country, k)]
                for k in keys
                if (country, k) in NUTS_NAME_ALIASES
            }
            match = next((by_name[key] for key in sorted(keys) if key in by_name), None)
            if match:
                found[code] = match
                break
    return found


def nuts3_within(nuts_code: str, nuts: NutsData) -> str:
    """The NUTS 3 region that `nuts_code` is or holds alone; empty when there are several."""
    if len(nuts_code) == 5:
        return nuts_code
    inside = [
        row.code
        for row in nuts.rows
        if row.level == 3 and row.code.startswith(nuts_code)
    ]
    return inside[0] if nuts_code and len(inside) == 1 else ""


# Countries --------------------------------------------------------------------------


def read_country(
    *, code: str, source_dir: Path, with_boundaries: bool = False
) -> CountryData:
    """Counties and municipalities of one country, with NUTS codes and optional boundaries.

    Needs the country's folder and ``nuts/nuts_2024_codes.csv`` (for the NUTS codes).
    """
    readers = {
        "SE": _read_sweden,
        "DK": _read_denmark,
        "NO": _read_norway,
        "FI": _read_finland,
    }
    if code not in readers:
        raise GeoLoadError(_("Unknown country %(code)r.") % {"code": code})
    folder = source_dir / COUNTRY_FOLDERS[code]
    if not folder.is_dir():
        raise GeoLoadError(_("%(folder)s: folder not found.") % {"folder": folder})
    nuts = read_nuts(
        source_dir=source_dir, version=CURRENT_NUTS_VERSION, countries=[code]
    )
    data = readers[code](folder, nuts, with_boundaries)
    matched = sum(1 for county in data.counties if county.nuts_code)
    if matched < len(data.counties):
        data.notes.append(
            _("%(count)s of %(total)s counties have no NUTS code.")
            % {"count": len(data.counties) - matched, "total": len(data.counties)}
        )
    return data


def _municipalities_with_nuts(
    rows: list[MunicipalityRow], counties: list[CountyRow], nuts: NutsData
) -> list[MunicipalityRow]:
    nuts3 = {county.code: nuts3_within(county.nuts_code, nuts) for county in counties}
    return [
        replace(row, nuts3_code=nuts3.get(row.county_code or "", "")) for row in rows
    ]


def _attach_boundaries(
    rows: list[Any], shapes: dict[str, dict[str, Any]], *, path: Path, notes: list[str]
) -> list[Any]:
    missing = [row.code for row in rows if row.code not in shapes]
    if missing:
        notes.append(
            _("%(file)s has no boundary for %(codes)s.")
            % {"file": path.name, "codes": ", ".join(missing)}
        )
    return [replace(row, boundary=shapes.get(row.code)) for row in rows]


def _read_sweden(folder: Path, nuts: NutsData, with_boundaries: bool) -> CountryData:
    """SCB's län and kommun codes (sjbrg/swedish-geodata); boundaries from okfse."""
    path = folder / "scb_codes_counties.csv"
    counties = [
        CountyRow(
            code=_code(row, "county_code", width=2, path=path, line=line),
            name=_value(row, "county_name", path=path, line=line),
        )
        for line, row in enumerate(
            read_csv(path, columns=("county_code", "county_name")), start=2
        )
    ]
    _unique((county.code for county in counties), path=path)
    matched = match_nuts(
        country="SE",
        names={county.code: [county.name] for county in counties},
        nuts=nuts,
    )
    counties = [replace(c, nuts_code=matched.get(c.code, "")) for c in counties]

    path = folder / "scb_codes_municipalities.csv"
    columns = ("municipality_code", "municipality_name_short", "county_code")
    municipalities = [
        MunicipalityRow(
            code=_code(row, "municipality_code", width=4, path=path, line=line),
            name=_value(row, "municipality_name_short", path=path, line=line),
            county_code=_code(row, "county_code", width=2, path=path, line=line),
        )
        for line, row in enumerate(read_csv(path, columns=columns), start=2)
    ]
    _unique((row.code for row in municipalities), path=path)
    data = CountryData(
        code="SE",
        name=COUNTRY_NAMES["SE"],
        counties=counties,
        municipalities=_municipalities_with_nuts(municipalities, counties, nuts),
    )
    if with_boundaries:
        path = folder / "okfse_swedish_regions.geojson"
        shapes = boundaries_by_key(path, key="l_id", width=2)
        data.counties = _attach_boundaries(
            data.counties, shapes, path=path, notes=data.notes
        )
        path = folder / "okfse_swedish_municipalities.geojson"
        shapes = boundaries_by_key(path, key="id", width=4)
        data.municipalities = _attach_boundaries(
            data.municipalities, shapes, path=path, notes=data.notes
        )
        data.county_boundaries = data.municipality_boundaries = True
    return data


DK_COLUMNS = ("kommunekode", "kommunenavn", "regionskode", "regionsnavn", "nuts2_2021")


def _read_denmark(folder: Path, nuts: NutsData, with_boundaries: bool) -> CountryData:
    """Kommuner with their regions and the regions' NUTS 2 codes; no region boundaries."""
    path = folder / "dk_kommuner_regioner_codes.csv"
    counties: dict[str, CountyRow] = {}
    municipalities: list[MunicipalityRow] = []
    for line, row in enumerate(read_csv(path, columns=DK_COLUMNS), start=2):
        code = _code(row, "kommunekode", width=3, path=path, line=line)
        region = _code(row, "regionskode", width=4, path=path, line=line)
        counties.setdefault(
            region,
            CountyRow(
                code=region,
                name=_value(row, "regionsnavn", path=path, line=line),
                nuts_code=row["nuts2_2021"],
            ),
        )
        if code not in DK_NOT_MUNICIPALITIES:
            municipalities.append(
                MunicipalityRow(
                    code=code,
                    name=_value(row, "kommunenavn", path=path, line=line),
                    county_code=region,
                )
            )
    _unique((row.code for row in municipalities), path=path)
    county_rows = sorted(counties.values(), key=lambda county: county.code)
    data = CountryData(
        code="DK",
        name=COUNTRY_NAMES["DK"],
        counties=county_rows,
        municipalities=_municipalities_with_nuts(municipalities, county_rows, nuts),
    )
    if with_boundaries:
        path = folder / "dk_municipalities.geojson"
        shapes = boundaries_by_key(path, key="lau_1", width=3)
        data.municipalities = _attach_boundaries(
            data.municipalities, shapes, path=path, notes=data.notes
        )
        data.municipality_boundaries = True
    return data


NO_COLUMNS = ("kommunenummer", "kommunenavn", "fylkesnummer", "fylkesnavn")


def _read_norway(folder: Path, nuts: NutsData, with_boundaries: bool) -> CountryData:
    """The 2024 kommuner and fylker (Kartverket via robhop/fylker-og-kommuner)."""
    path = folder / "no_kommuner_fylker_2024_codes.csv"
    counties: dict[str, CountyRow] = {}
    municipalities: list[MunicipalityRow] = []
    for line, row in enumerate(read_csv(path, columns=NO_COLUMNS), start=2):
        fylke = _code(row, "fylkesnummer", width=2, path=path, line=line)
        counties.setdefault(
            fylke,
            CountyRow(code=fylke, name=_value(row, "fylkesnavn", path=path, line=line)),
        )
        municipalities.append(
            MunicipalityRow(
                code=_code(row, "kommunenummer", width=4, path=path, line=line),
                name=_value(row, "kommunenavn", path=path, line=line),
                county_code=fylke,
            )
        )
    _unique((row.code for row in municipalities), path=path)
    matched = match_nuts(
        country="NO", names={code: [c.name] for code, c in counties.items()}, nuts=nuts
    )
    county_rows = [
        CountyRow(code=code, name=c.name, nuts_code=matched.get(code, ""))
        for code, c in sorted(counties.items())
    ]
    data = CountryData(
        code="NO",
        name=COUNTRY_NAMES["NO"],
        counties=county_rows,
        municipalities=_municipalities_with_nuts(municipalities, county_rows, nuts),
    )
    if with_boundaries:
        path = folder / "no_Fylker-S.geojson"
        shapes = boundaries_by_key(path, key="fylkesnummer", width=2)
        data.counties = _attach_boundaries(
            data.counties, shapes, path=path, notes=data.notes
        )
        path = folder / "no_Kommuner-S.geojson"
        shapes = boundaries_by_key(path, key="kommunenummer", width=4)
        data.municipalities = _attach_boundaries(
            data.municipalities, shapes, path=path, notes=data.notes
        )
        data.county_boundaries = data.municipality_boundaries = True
    return data


FI_MAAKUNTA_COLUMNS = ("maakunta", "nimi_fi", "namn_sv", "name_en")
FI_KUNTA_COLUMNS = ("kuntanumero", "nimi_fi", "hva_id_2021")


def _read_finland(folder: Path, nuts: NutsData, with_boundaries: bool) -> CountryData:
    """Kunnat and maakunnat of 2020 (Yle's files from Statistics Finland).

    No kunta -> maakunta file exists here, so it is computed (see `finland_maakunta`).
    Boundaries exist only as TopoJSON and are not loaded.
    """
    path = folder / "fi_maakunnat_2020_codes.csv"
    names: dict[str, list[str]] = {}
    counties: list[CountyRow] = []
    for line, row in enumerate(read_csv(path, columns=FI_MAAKUNTA_COLUMNS), start=2):
        code = _code(row, "maakunta", width=2, path=path, line=line)
        counties.append(
            CountyRow(code=code, name=_value(row, "nimi_fi", path=path, line=line))
        )
        names[code] = [row["nimi_fi"], row["namn_sv"], row["name_en"]]
    _unique((county.code for county in counties), path=path)
    matched = match_nuts(country="FI", names=names, nuts=nuts)
    counties = [replace(c, nuts_code=matched.get(c.code, "")) for c in counties]

    path = folder / "fi_kunnat_2020_codes.csv"
    kunnat: list[tuple[str, str, str]] = [
        (
            _code(row, "kuntanumero", width=3, path=path, line=line),
            _value(row, "nimi_fi", path=path, line=line),
            row["hva_id_2021"],
        )
        for line, row in enumerate(read_csv(path, columns=FI_KUNTA_COLUMNS), start=2)
    ]
    _unique((code for code, _name, _hva in kunnat), path=path)
    notes: list[str] = []
    maakunta = finland_maakunta(
        folder=folder, hva={code: hva for code, _name, hva in kunnat}, notes=notes
    )
    municipalities = [
        MunicipalityRow(code=code, name=name, county_code=maakunta.get(code))
        for code, name, _hva in kunnat
    ]
    if with_boundaries:
        notes.append(_("Finland's boundaries are TopoJSON only and were not loaded."))
    return CountryData(
        code="FI",
        name=COUNTRY_NAMES["FI"],
        counties=counties,
        municipalities=_municipalities_with_nuts(municipalities, counties, nuts),
        notes=notes,
    )


def finland_maakunta(
    *, folder: Path, hva: dict[str, str], notes: list[str]
) -> dict[str, str]:
    """Kunta code -> maakunta code as it has been since 2021.

    1. A point inside each kunta of ``finland-munis-2020.topo.json`` is looked up in the
       maakunta areas of ``finland-regions-2020.topo.json``: the 2020 maakunta.
    2. The wellbeing services counties (``hva_id_2021``) follow the maakunta borders from
       2021 on (Uusimaa split into four, Helsinki and Åland outside). Each one is given the
       maakunta most of its kunnat lay in, and its kunnat follow it; so the five kunnat that
       changed maakunta on 1 January 2021 (Heinävesi, Iitti, Isokyrö, Joroinen, Kuhmoinen)
       get their present maakunta, matching the NUTS 2024 regions.
    """
    munis = read_topojson(folder / "finland-munis-2020.topo.json")
    regions = read_topojson(folder / "finland-regions-2020.topo.json")
    areas = [
        (str(geometry["properties"]["maakunta"]), polygons)
        for geometry, polygons in topojson_polygons(regions, "landskap-2020")
    ]
    in_2020: dict[str, str] = {}
    for geometry, polygons in topojson_polygons(munis, "munis"):
        code = str(geometry["properties"]["id"]).zfill(3)
        if not polygons:
            continue
        point = representative_point(polygons)
        found = [
            area for area, shapes in areas if any(contains(p, point) for p in shapes)
        ]
        if len(found) == 1:
            in_2020[code] = found[0]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for code, area in in_2020.items():
        if hva.get(code):
            votes[hva[code]][area] += 1
    hva_maakunta = {
        hva_id: counts.most_common(1)[0][0] for hva_id, counts in votes.items()
    }
    result: dict[str, str] = {}
    for code, hva_id in hva.items():
        found_area = hva_maakunta.get(hva_id) or in_2020.get(code)
        if found_area:
            result[code] = found_area
    missing = sorted(set(hva) - set(result))
    if missing:
        notes.append(
            _("No maakunta found for kunnat %(codes)s.") % {"codes": ", ".join(missing)}
        )
    return result


# TopoJSON (Finland) -----------------------------------------------------------------

Ring = list[tuple[float, float]]
Polygon = list[Ring]


def read_topojson(path: Path) -> dict[str, Any]:
    data = read_json(path)
    if data.get("type") != "Topology" or "arcs" not in data or "objects" not in data:
        raise GeoLoadError(_("%(file)s: not a TopoJSON topology.") % {"file": path})
    data["_path"] = path
    return data


def topojson_polygons(
    topology: dict[str, Any], name: str
) -> list[tuple[dict[str, Any], list[Polygon]]]:
    """Each geometry of object `name` with its polygons in longitude/latitude."""
    if name not in topology["objects"]:
        raise GeoLoadError(
            _("%(file)s: no object %(name)s.")
            % {"file": topology["_path"], "name": name}
        )
    transform = topology.get("transform") or {"scale": [1, 1], "translate": [0, 0]}
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part if not points else part[1:])
        return points

    result = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [[ring(r) for r in geometry["arcs"]]]
        elif geometry["type"] == "MultiPolygon":
            polygons = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            polygons = []
        result.append((geometry, polygons))
    return result


def contains(polygon: Polygon, point: tuple[float, float]) -> bool:
    """Even-odd rule: is `point` inside the polygon (outer ring minus holes)?"""
    x, y = point
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[-1:] + ring[:-1], strict=True):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


def _area(ring: Ring) -> float:
    return abs(
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
        )
    )


def representative_point(polygons: list[Polygon]) -> tuple[float, float]:
    """A point surely inside the largest polygon: the middle of the widest stretch of a
    horizontal line through it (a centroid can fall outside a crescent-shaped kunta).
    """
    polygon = max(polygons, key=lambda p: _area(p[0]))
    ys = [y for _x, y in polygon[0]]
    best: tuple[float, tuple[float, float]] | None = None
    for fraction in (0.5, 0.3, 0.7, 0.4, 0.6):
        y = min(ys) + (max(ys) - min(ys)) * fraction
        crossings = sorted(
            (x2 - x1) * (y - y1) / (y2 - y1) + x1
            for ring in polygon
            for (x1, y1), (x2, y2) in zip(ring, ring[-1:] + ring[:-1], strict=True)
            if (y1 > y) != (y2 > y)
        )
        for start, end in zip(crossings[0::2], crossings[1::2], strict=False):
            if best is None or end - start > best[0]:
                best = (end - start, ((start + end) / 2, y))
    return best[1] if best else polygon[0][0]

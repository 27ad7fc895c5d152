"""Download of the geography files from their publishers (`source="official"`).

The files go into a folder laid out as ../shared/data, and the code lists that
../shared/data derived from upstream files are derived here by the same mechanical steps
(see each folder's PROVENANCE.md), so that the same readers then load them. The upstream
addresses are those recorded in PROVENANCE.md, at the same commits; NUTS comes from
Eurostat's GISCO distribution.
"""

from __future__ import annotations

import csv
import shutil
import urllib.request
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from samverka.geo.readers import (
    COUNTRY_FOLDERS,
    DK_COLUMNS,
    FI_MAAKUNTA_COLUMNS,
    NO_COLUMNS,
    NUTS_BOUNDARY_FILES,
    NUTS_CODE_FILES,
    NUTS_COLUMNS,
    NUTS_FOLDER,
    GeoLoadError,
    read_csv,
    read_geojson_features,
    read_topojson,
)

_GITHUB = "https://raw.githubusercontent.com"
_GISCO = "https://gisco-services.ec.europa.eu/distribution/v2/nuts/geojson"

#: Where each file comes from: the upstream publications recorded in the PROVENANCE.md
#: of each folder of ../shared/data, at the same commits, and GISCO for NUTS. The third
#: item says whether the file is needed without boundaries.
OFFICIAL_FILES: dict[str, list[tuple[str, str, bool]]] = {
    "geo-se": [
        (
            f"{_GITHUB}/sjbrg/swedish-geodata/03b0a24be1f08f1b7127a1e1fc74fa5e81a6b1ba/data/counties.csv",
            "scb_codes_counties.csv",
            True,
        ),
        (
            f"{_GITHUB}/sjbrg/swedish-geodata/03b0a24be1f08f1b7127a1e1fc74fa5e81a6b1ba/data/municipalities.csv",
            "scb_codes_municipalities.csv",
            True,
        ),
        (
            f"{_GITHUB}/okfse/sweden-geojson/ff67bcb030d7d09032ae5f443d27130f05fdf1e0/swedish_municipalities.geojson",
            "okfse_swedish_municipalities.geojson",
            False,
        ),
        (
            f"{_GITHUB}/okfse/sweden-geojson/ff67bcb030d7d09032ae5f443d27130f05fdf1e0/swedish_regions.geojson",
            "okfse_swedish_regions.geojson",
            False,
        ),
    ],
    "geo-dk": [
        (
            f"{_GITHUB}/magnuslarsen/geoJSON-Danish-Municipalities/3a3d918f9c193687aedd0dde7ebf0787edf43af7/municipalities/data.csv",
            "dk_municipalities_codes.csv",
            True,
        ),
        (
            f"{_GITHUB}/magnuslarsen/geoJSON-Danish-Municipalities/3a3d918f9c193687aedd0dde7ebf0787edf43af7/municipalities/municipalities.geojson",
            "dk_municipalities.geojson",
            False,
        ),
    ],
    "geo-no": [
        (
            f"{_GITHUB}/robhop/fylker-og-kommuner/ae8782500090144c2b74d6bb2a89365a7ff2236d/{name}",
            f"no_{name}",
            True,
        )
        for name in ("Kommuner-S.geojson", "Fylker-S.geojson")
    ],
    "geo-fi": [
        (
            f"{_GITHUB}/Yleisradio/geodata/131fa8628120ceba5a5f0003d3dad241ef25e004/finland/{name}",
            name,
            True,
        )
        for name in (
            "finland-munis-2020.topo.json",
            "finland-regions-2020.topo.json",
            "finland-hva-2021.topo.json",
        )
    ],
    "nuts": [
        (f"{_GISCO}/{name}", name, True)
        for names in NUTS_BOUNDARY_FILES.values()
        for name in names
    ],
}

# The standard ISO 3166-2 -> region code, name and NUTS 2 of Denmark's five regions,
# as in geo-dk/dk_kommuner_regioner_codes.csv.
DK_REGIONS = {
    "DK-81": ("1081", "Region Nordjylland", "DK05"),
    "DK-82": ("1082", "Region Midtjylland", "DK04"),
    "DK-83": ("1083", "Region Syddanmark", "DK03"),
    "DK-84": ("1084", "Region Hovedstaden", "DK01"),
    "DK-85": ("1085", "Region Sjælland", "DK02"),
}


def official_download(
    *,
    target_dir: Path,
    countries: Iterable[str],
    nuts: bool = True,
    with_boundaries: bool = False,
) -> Path:
    """Download the files of `countries` (and NUTS) into `target_dir`, laid out as
    ../shared/data, and derive the code lists that the readers expect. Returns target_dir.
    """
    folders = [COUNTRY_FOLDERS[code] for code in countries]
    # The countries' NUTS codes are found in the NUTS lists, so those are always needed.
    if nuts or folders:
        folders.append(NUTS_FOLDER)
    for folder in folders:
        (target_dir / folder).mkdir(parents=True, exist_ok=True)
        for url, name, always in OFFICIAL_FILES[folder]:
            if always or with_boundaries:
                _download(url, target_dir / folder / name)
    derive_code_lists(source_dir=target_dir)
    return target_dir


def _download(url: str, path: Path) -> None:
    try:
        # The URLs are the https constants of OFFICIAL_FILES, never user input.
        response = urllib.request.urlopen(url, timeout=120)  # noqa: S310
        with response, path.open("wb") as out:
            shutil.copyfileobj(response, out)
    except OSError as exc:
        raise GeoLoadError(
            _("%(url)s: download failed (%(error)s).") % {"url": url, "error": exc}
        ) from exc


def _write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def derive_code_lists(*, source_dir: Path) -> None:
    """Write the code lists that ../shared/data derived from upstream files, for each
    folder under `source_dir` that has the upstream files: the same mechanical steps as
    the PROVENANCE.md files describe.
    """
    try:
        _derive(source_dir)
    except (KeyError, TypeError) as exc:
        raise GeoLoadError(
            _("%(folder)s: a downloaded file lacks %(key)s; has its format changed?")
            % {"folder": source_dir, "key": exc}
        ) from exc


def _derive(source_dir: Path) -> None:
    folder = source_dir / "geo-dk"
    if (folder / "dk_municipalities_codes.csv").is_file():
        rows = read_csv(
            folder / "dk_municipalities_codes.csv",
            columns=("lau_1", "label_en", "label_dk", "iso_3166_2"),
        )
        _write_csv(
            folder / "dk_kommuner_regioner_codes.csv",
            (
                "kommunekode",
                "kommunenavn",
                "kommunenavn_en",
                "region_iso_3166_2",
                *DK_COLUMNS[2:],
            ),
            sorted(
                (
                    row["lau_1"].zfill(3),
                    row["label_dk"],
                    row["label_en"],
                    row["iso_3166_2"],
                    *DK_REGIONS[row["iso_3166_2"]],
                )
                for row in rows
            ),
        )
    folder = source_dir / "geo-no"
    if (folder / "no_Kommuner-S.geojson").is_file():
        fylker = {
            str(f["properties"]["fylkesnummer"]): f["properties"]["fylkesnavn"]
            for f in read_geojson_features(folder / "no_Fylker-S.geojson")
        }
        _write_csv(
            folder / "no_kommuner_fylker_2024_codes.csv",
            NO_COLUMNS,
            sorted(
                (
                    p["kommunenummer"],
                    p["kommunenavn"],
                    p["kommunenummer"][:2],
                    fylker[p["kommunenummer"][:2]],
                )
                for p in (
                    f["properties"]
                    for f in read_geojson_features(folder / "no_Kommuner-S.geojson")
                )
            ),
        )
    folder = source_dir / "geo-fi"
    if (folder / "finland-munis-2020.topo.json").is_file():
        _derive_finland(folder)
    folder = source_dir / NUTS_FOLDER
    for version, names in NUTS_BOUNDARY_FILES.items():
        if all((folder / name).is_file() for name in names):
            columns = (*NUTS_COLUMNS, "MOUNT_TYPE", "URBN_TYPE", "COAST_TYPE")
            features = [
                f for name in names for f in read_geojson_features(folder / name)
            ]
            _write_csv(
                folder / NUTS_CODE_FILES[version],
                columns,
                sorted(
                    (
                        [
                            "" if f["properties"].get(c) is None else f["properties"][c]
                            for c in columns
                        ]
                        for f in features
                    ),
                    key=lambda row: (row[0][:2], row[1], row[0]),
                ),
            )


def _derive_finland(folder: Path) -> None:
    regions = read_topojson(folder / "finland-regions-2020.topo.json")
    _write_csv(
        folder / "fi_maakunnat_2020_codes.csv",
        FI_MAAKUNTA_COLUMNS,
        sorted(
            (p["maakunta"], p["nimi"], p["namn"], p["name"])
            for p in (
                g["properties"]
                for g in regions["objects"]["landskap-2020"]["geometries"]
            )
        ),
    )
    hva_file = read_topojson(folder / "finland-hva-2021.topo.json")
    hva_names = {
        g["properties"]["hva_id"]: g["properties"]["name_fi"]
        for g in hva_file["objects"]["hva"]["geometries"]
    }
    hva_of = {
        str(g["properties"]["id"]).zfill(3): g["properties"].get("hva_id") or ""
        for g in hva_file["objects"]["munis"]["geometries"]
    }
    munis = read_topojson(folder / "finland-munis-2020.topo.json")
    _write_csv(
        folder / "fi_kunnat_2020_codes.csv",
        (
            "kuntanumero",
            "nimi_fi",
            "namn_sv",
            "population_2019",
            "hva_id_2021",
            "hva_name_fi",
        ),
        sorted(
            (
                code,
                p["nimi"],
                p["namn"],
                p.get("population", ""),
                hva_of.get(code, ""),
                hva_names.get(hva_of.get(code, ""), ""),
            )
            for code, p in (
                (str(g["properties"]["id"]).zfill(3), g["properties"])
                for g in munis["objects"]["munis"]["geometries"]
            )
        ),
    )

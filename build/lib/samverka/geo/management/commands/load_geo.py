"""Load (or refresh) the reference geography from ../shared/data or the official sources."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from samverka.geo.readers import COUNTRY_CODES
from samverka.geo.services import GeoLoadError, LoadResult, geography_load


class Command(BaseCommand):
    help = (
        "Load countries, counties, municipalities and NUTS regions. Without --countries: "
        "all four countries and every NUTS region. With --countries: those countries and "
        "their NUTS regions; add --nuts for every NUTS region. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--countries",
            nargs="+",
            type=str.upper,
            choices=COUNTRY_CODES,
            metavar="CODE",
            help="Countries to load: SE DK NO FI (default: all four).",
        )
        parser.add_argument(
            "--nuts",
            action="store_true",
            help="Load the NUTS regions of every country (EU, EFTA, candidates).",
        )
        parser.add_argument(
            "--boundaries", action="store_true", help="Also load boundaries (GeoJSON)."
        )
        parser.add_argument(
            "--source",
            default=None,
            metavar="DIR",
            help=(
                "Folder laid out as ../shared/data (default: settings.SHARED_DATA_DIR), "
                "or 'official' to download from the publishers."
            ),
        )
        parser.add_argument(
            "--if-available",
            action="store_true",
            help="When the source folder is missing, say so and exit without error.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        countries: list[str] = options["countries"] or []
        all_nuts: bool = options["nuts"]
        if not countries and not all_nuts:
            countries, all_nuts = list(COUNTRY_CODES), True
        official = options["source"] == "official"
        source_dir = (
            None if official else Path(options["source"] or settings.SHARED_DATA_DIR)
        )
        if source_dir is not None and not source_dir.is_dir():
            message = _("Reference geography not loaded: %(folder)s not found.") % {
                "folder": source_dir
            }
            if options["if_available"]:
                self.stdout.write(message)
                return
            raise CommandError(message)

        started = time.monotonic()
        try:
            results = geography_load(
                countries=countries,
                all_nuts=all_nuts,
                source="official" if official else "files",
                source_dir=source_dir,
                with_boundaries=options["boundaries"],
            )
        except GeoLoadError as exc:
            raise CommandError(str(exc)) from exc
        for result in results:
            self.stdout.write(self._summary(result))
            for note in result.notes:
                self.stdout.write(f"  {note}")
        self.stdout.write(
            _("Done in %(seconds).1f s.") % {"seconds": time.monotonic() - started}
        )

    def _summary(self, result: LoadResult) -> str:
        parts = [
            _(
                "%(label)s %(created)s created, %(updated)s updated, %(unchanged)s unchanged"
            )
            % {
                "label": counts.label,
                "created": counts.created,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
            }
            for counts in result.counts.values()
        ]
        name = (
            result.subject
            if result.subject == result.name
            else f"{result.subject} {result.name}"
        )
        return f"{name}: " + "; ".join(parts)

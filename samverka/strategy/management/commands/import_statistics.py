"""Import statistics into an indicator from the command line, at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverka.strategy.choices import ImportSource, ImportStatus
from samverka.strategy.models import Indicator
from samverka.strategy.statistics.runner import start_import

API_SOURCES = [ImportSource.SCB_V2, ImportSource.SCB_V1, ImportSource.DST]


class Command(BaseCommand):
    help = (
        "Import statistics into an indicator: from Statistics Sweden (PxWebApi 2 or 1), "
        "Statistics Denmark, or a JSON-stat / PxWeb JSON file. Runs at once, as the "
        "system; the import is listed on the region's imports page like any other."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--indicator", type=int, required=True, help="The indicator's id."
        )
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--file", metavar="PATH", help="A JSON-stat or PxWeb file.")
        where.add_argument(
            "--table",
            metavar="ID",
            help="The table's id at the statistics office (TAB638, FOLK1A…).",
        )
        parser.add_argument(
            "--source",
            choices=[str(s) for s in API_SOURCES],
            help="The API to ask, with --table.",
        )
        parser.add_argument(
            "--query",
            metavar="JSON",
            help="The selection per variable (default: the indicator's source query).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            indicator = Indicator.objects.select_related("region").get(
                pk=options["indicator"]
            )
        except Indicator.DoesNotExist:
            raise CommandError(
                f"No indicator with id {options['indicator']}."
            ) from None
        if options["query"]:
            try:
                query = json.loads(options["query"])
            except json.JSONDecodeError as exc:
                raise CommandError(f"--query is not valid JSON: {exc}") from exc
        else:
            query = indicator.source_query or {}
        file_bytes = None
        request: dict[str, Any] = {"query": query}
        if options["file"]:
            path = Path(options["file"])
            try:
                file_bytes = path.read_bytes()
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc}") from exc
            source = ImportSource.FILE
            request["file_name"] = path.name
        else:
            if not options["source"]:
                raise CommandError("Give --source with --table.")
            source = options["source"]
            request["table"] = options["table"]
        try:
            job = start_import(
                indicator=indicator,
                by=None,
                source=source,
                request=request,
                file_bytes=file_bytes,
                synchronous=True,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if job.status != ImportStatus.DONE:
            raise CommandError(f"Import {job.pk} failed: {job.message}")
        self.stdout.write(self.style.SUCCESS(f"Import {job.pk}: {job.message}"))

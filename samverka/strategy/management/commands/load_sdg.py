"""Load the Sustainable Development Goals and their targets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverka.strategy.sdg import SdgLoadError, sdg_load


class Command(BaseCommand):
    help = (
        "Load the 17 SDGs (short titles in sv, da, nb, fi, en) and their 169 targets "
        "(English; Norwegian where known) from ../shared/data. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--source",
            metavar="DIR",
            help="Folder laid out as ../shared/data (default: settings.SHARED_DATA_DIR).",
        )
        parser.add_argument(
            "--goals-only",
            action="store_true",
            help="Load the 17 goals only, without the target texts.",
        )
        parser.add_argument(
            "--if-available",
            action="store_true",
            help="Load the goals only, without failing, when the target files are missing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["source"] or settings.SHARED_DATA_DIR)
        if options["goals_only"]:
            result = sdg_load(None)
        else:
            try:
                result = sdg_load(source)
            except SdgLoadError as error:
                if not options["if_available"]:
                    raise CommandError(str(error)) from error
                self.stderr.write(f"{error} Loading the 17 goals only.")
                result = sdg_load(None)
        self.stdout.write(
            f"Loaded {result.goals} Sustainable Development Goals and {result.targets} targets."
        )

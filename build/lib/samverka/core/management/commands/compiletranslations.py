"""Compile the .po files into .mo files with Babel, so no system gettext is needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every .po file under LOCALE_PATHS into a .mo file (skips up-to-date ones)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Compile even when up to date."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        compiled = 0
        for root in settings.LOCALE_PATHS:
            for po_path in sorted(Path(root).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if (
                    not options["force"]
                    and mo_path.exists()
                    and mo_path.stat().st_mtime >= po_path.stat().st_mtime
                ):
                    continue
                with po_path.open("rb") as po_file:
                    catalog = read_po(po_file, locale=po_path.parent.parent.name)
                with mo_path.open("wb") as mo_file:
                    # Fuzzy entries are guesses that no translator confirmed: left out,
                    # as msgfmt does.
                    write_mo(mo_file, catalog, use_fuzzy=False)
                compiled += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"compiled {mo_path}")
        if options["verbosity"] > 0:
            self.stdout.write(f"{compiled} translation file(s) compiled.")

"""Fail when a language that must be complete has an untranslated or fuzzy string."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def missing_translations(po_path: Path) -> list[str]:
    """The msgids of `po_path` that have no confirmed translation."""
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


class Command(BaseCommand):
    help = "Check that every string is translated in the given languages (sv and da by default)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--languages", nargs="+", default=["sv", "da"])

    def handle(self, *args: Any, **options: Any) -> None:
        problems = []
        for language in options["languages"]:
            for root in settings.LOCALE_PATHS:
                for po_path in sorted(Path(root).glob(f"{language}/LC_MESSAGES/*.po")):
                    for msgid in missing_translations(po_path):
                        problems.append(f"{po_path}: {msgid!r}")
        if problems:
            raise CommandError(
                f"{len(problems)} untranslated or fuzzy string(s):\n"
                + "\n".join(problems[:50])
            )
        self.stdout.write(
            f"Translations complete for {', '.join(options['languages'])}."
        )

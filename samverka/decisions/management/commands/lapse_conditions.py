"""Lapse the open conditions whose deadline has passed (run daily, e.g. from cron)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from samverka.decisions.services import conditions_lapse_overdue


class Command(BaseCommand):
    help = (
        "Lapse the open conditions of decisions whose deadline has passed, and tell "
        "the officers. Safe to run again."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--today",
            help="Count deadlines as of this date (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("today"):
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError(
                    f"--today must be a date as YYYY-MM-DD, not {options['today']!r}."
                ) from error
        lapsed = conditions_lapse_overdue(today)
        if options["verbosity"] > 0:
            self.stdout.write(
                f"{len(lapsed)} condition{'' if len(lapsed) == 1 else 's'} lapsed."
            )

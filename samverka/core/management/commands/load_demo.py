"""Load the demo: regions from the seeds, fictional people, and each app's demo part.

Idempotent: running it twice changes nothing. Each app contributes a `demo.py` module
with `register(order)` loaders, discovered without core importing the app.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import translation
from django.utils.module_loading import autodiscover_modules

from samverka.core import demo


class Command(BaseCommand):
    help = "Load (or refresh) the demo regions, users and data. Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        autodiscover_modules("demo")
        # What the command prints is for the developer running it: English. The
        # demo's receipts and letters are kept in memory rather than sent or printed.
        with (
            translation.override("en"),
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
            ),
            transaction.atomic(),
        ):
            context: dict[str, Any] = {}
            for loader in demo.loaders():
                loader.function(context=context, stdout=self.stdout)
        if options["verbosity"] > 0:
            for line in context.get("logins", []):
                self.stdout.write(line)

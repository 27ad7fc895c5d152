"""Benchmarks with real volumes: list pages and endpoints with thousands of rows.

    ./dev bench [--organisations 20000] [--repeat 20]

Builds a throw-away database (SQLite in a temporary folder, or the PostgreSQL that
DATABASE_URL names, with a `_bench` suffix), loads the real reference geography from
../shared/data when it is there, fills each demo region's actor registry with
generated organisations, then requests each page `--repeat` times and prints the
median and 95th-percentile time and the number of SQL queries per request.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="samverka-bench-")
    os.environ["SAMVERKA_DATA_DIR"] = tmp
    if os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].rstrip("/") + "_bench"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    db = connections["default"]
    if db.vendor == "sqlite":
        # A file, as in the demo, rather than SQLite's in-memory test database.
        db.settings_dict["TEST"]["NAME"] = str(Path(tmp) / "bench.sqlite3")
    # A fresh database of its own, never the developer's.
    test_name = db.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_geo", if_available=True, verbosity=0, stdout=io.StringIO())
        call_command("load_demo", verbosity=0)
        from samverka.accounts.models import User
        from samverka.actors.models import Organisation
        from samverka.core.models import Region
        from samverka.geo.models import Municipality

        started = time.perf_counter()
        for region in Region.objects.all():
            municipalities = list(
                Municipality.objects.filter(country__code=region.country)[:50]
            )
            Organisation.objects.bulk_create(
                [
                    Organisation(
                        region=region,
                        name=f"Benchmark organisation {i:06d}",
                        type="company" if i % 3 else "association",
                        country=region.country,
                        municipality=municipalities[i % len(municipalities)]
                        if municipalities
                        else None,
                        city="Exempelstad",
                    )
                    for i in range(args.organisations)
                ],
                batch_size=2000,
            )
        load_seconds = time.perf_counter() - started
        if connection.vendor == "postgresql":
            # What autovacuum would do soon after a bulk load in production.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        total = Organisation.objects.count()

        officer = User.objects.get(email="officer@vasternorrland.example.org")
        staff = Client()
        staff.force_login(officer)
        public = Client()
        pages = [
            ("public front page", public, "/"),
            ("public region home", public, "/vasternorrland/"),
            ("staff dashboard", staff, "/staff/vasternorrland/"),
            (
                "organisation list, page 1",
                staff,
                "/staff/vasternorrland/organisations/",
            ),
            (
                "organisation list, page 400",
                staff,
                "/staff/vasternorrland/organisations/?page=400",
            ),
            (
                "organisation list, search",
                staff,
                "/staff/vasternorrland/organisations/?q=000123",
            ),
            ("API organisations", staff, "/api/v1/organisations/?limit=50"),
            (
                "API municipalities (SE)",
                public,
                "/api/v1/geo/municipalities/?country=SE",
            ),
        ]
        print(
            f"database: {connection.vendor}; {total:,} organisations "
            f"(bulk-loaded in {load_seconds:.1f} s); {args.repeat} requests each\n"
        )
        print(
            f"{'page':<32} {'status':>6} {'queries':>8} {'median ms':>10} {'p95 ms':>8}"
        )
        for label, client, url in pages:
            client.get(url)  # warm caches
            timings = []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            print(
                f"{label:<32} {response.status_code:>6} {len(queries):>8} "
                f"{statistics.median(timings):>10.1f} {p95:>8.1f}"
            )
    finally:
        db.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    main()

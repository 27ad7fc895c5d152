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
    parser.add_argument(
        "--goals", type=int, default=150, help="goals of the benchmark strategy"
    )
    parser.add_argument(
        "--indicators", type=int, default=40, help="indicators with 25 years of data"
    )
    parser.add_argument(
        "--applications",
        type=int,
        default=3000,
        help="submitted applications added to Västernorrland for the inbox pages",
    )
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
        big, observation_count = build_strategy(args.goals, args.indicators)
        from samverka.plans.models import ActionPlan
        from samverka.strategy.models import Strategy

        rus = Strategy.objects.exclude(pk=big.pk).get(
            region__slug="vasternorrland", status="adopted", level="regional"
        )
        rus_goal = rus.goals.filter(goal_indicators__isnull=False).first()
        plan = ActionPlan.objects.filter(region__slug="vasternorrland").first()
        big_goal = big.goals.filter(goal_indicators__isnull=False).first()
        big_indicator = big_goal.goal_indicators.first().indicator

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
                "public strategy (demo RUS)",
                public,
                f"/vasternorrland/strategy/{rus.pk}/",
            ),
            (
                "public goal (demo RUS)",
                public,
                f"/vasternorrland/strategy/{rus.pk}/goals/{rus_goal.pk}/",
            ),
            (
                "public action plan (demo)",
                public,
                f"/vasternorrland/action-plans/{plan.pk}/",
            ),
            ("public strategy (big)", public, f"/vasternorrland/strategy/{big.pk}/"),
            (
                "short version (big)",
                public,
                f"/vasternorrland/strategy/{big.pk}/short/",
            ),
            (
                "public goal (big)",
                public,
                f"/vasternorrland/strategy/{big.pk}/goals/{big_goal.pk}/",
            ),
            (
                "follow-up report (big)",
                public,
                f"/vasternorrland/strategy/{big.pk}/report/",
            ),
            (
                "staff goal editor (big)",
                staff,
                f"/staff/vasternorrland/strategy/{big.pk}/",
            ),
            ("staff indicator list", staff, "/staff/vasternorrland/indicators/"),
            (
                "staff indicator detail (big)",
                staff,
                f"/staff/vasternorrland/indicators/{big_indicator.pk}/",
            ),
            (
                "API observations (big)",
                staff,
                f"/api/v1/observations/?indicator={big_indicator.pk}",
            ),
            (
                "API municipalities (SE)",
                public,
                "/api/v1/geo/municipalities/?country=SE",
            ),
        ]
        print(
            f"database: {connection.vendor}; {total:,} organisations "
            f"(bulk-loaded in {load_seconds:.1f} s); big strategy: {args.goals} goals, "
            f"{args.indicators} indicators, {observation_count:,} observations; "
            f"{args.repeat} requests each\n"
        )
        print(
            f"{'page':<32} {'status':>6} {'queries':>8} {'median ms':>10} {'p95 ms':>8}"
        )

        def measure(label: str, client: Client, url: str) -> None:
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

        for label, client, url in pages:
            measure(label, client, url)

        # Applications: the demo's volume first, then with --applications more.
        from samverka.applications.models import Application

        def application_pages() -> list[tuple[str, Client, str]]:
            sample = (
                Application.objects.filter(region__slug="vasternorrland")
                .exclude(status="draft")
                .order_by("pk")
                .first()
            )
            rows = [
                ("public call list", public, "/vasternorrland/calls/"),
                ("inbox, page 1", staff, "/staff/vasternorrland/applications/"),
                (
                    "inbox, sorted by amount",
                    staff,
                    "/staff/vasternorrland/applications/?sort=-amount",
                ),
                (
                    "inbox, text search",
                    staff,
                    "/staff/vasternorrland/applications/?q=Projekt",
                ),
                (
                    "API applications",
                    staff,
                    "/api/v1/applications/?region=vasternorrland",
                ),
            ]
            if sample is not None:
                rows.append(
                    (
                        "staff application page",
                        staff,
                        f"/staff/vasternorrland/applications/{sample.pk}/",
                    )
                )
                assessed = (
                    Application.objects.filter(
                        region__slug="vasternorrland", status="in_assessment"
                    )
                    .order_by("pk")
                    .first()
                )
                if assessed is not None:
                    base = f"/staff/vasternorrland/applications/{assessed.pk}"
                    ranking = f"/staff/vasternorrland/calls/{assessed.call_id}/ranking/"
                    rows += [
                        (
                            "assessments, lead's list",
                            staff,
                            "/staff/vasternorrland/assessments/",
                        ),
                        ("call ranking", staff, ranking),
                        (
                            "API call ranking",
                            staff,
                            f"/api/v1/assessments/calls/{assessed.call_id}/ranking/",
                        ),
                        ("assessment overview", staff, f"{base}/assessment/"),
                        ("decision memo (HTML)", staff, f"{base}/memo/"),
                        (
                            "sustainability of the portfolio",
                            staff,
                            "/staff/vasternorrland/assessments/portfolio/",
                        ),
                        ("conditions", staff, "/staff/vasternorrland/conditions/"),
                        ("API decisions", staff, "/api/v1/decisions/"),
                    ]
                member = sample.organisation.memberships.select_related("user").first()
                if member is not None:
                    applicant = Client()
                    applicant.force_login(member.user)
                    rows += [
                        ("applicant's list", applicant, "/me/applications/"),
                        (
                            "applicant's application page",
                            applicant,
                            f"/me/applications/{sample.pk}/",
                        ),
                    ]
            return rows

        demo_count = Application.objects.filter(region__slug="vasternorrland").count()
        print(f"\napplications at demo volume ({demo_count} in Västernorrland)")
        for label, client, url in application_pages():
            measure(label, client, url)
        started = time.perf_counter()
        added = build_applications(args.applications)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"\napplications with {added:,} more in Västernorrland "
            f"(bulk-loaded in {time.perf_counter() - started:.1f} s)"
        )
        for label, client, url in application_pages():
            measure(label, client, url)
    finally:
        db.creation.destroy_test_db(test_name, verbosity=0)


def build_applications(count: int) -> int:
    """`count` submitted applications in Västernorrland, copies of a demo application
    with its budget, financing plan and municipalities, each with its own case."""
    import datetime

    from django.utils import timezone

    from samverka.applications.models import Application, BudgetLine, FinancingLine
    from samverka.records.models import Case, CaseSequence

    template = (
        Application.objects.filter(region__slug="vasternorrland")
        .exclude(status="draft")
        .order_by("pk")
        .first()
    )
    if template is None or count <= 0:
        return 0
    region = template.region
    year = 2025
    now = timezone.now()
    cases = Case.objects.bulk_create(
        [
            Case(
                region=region,
                year=year,
                number=n + 1,
                case_number=f"{region.case_number_prefix} {year}-{n + 1:05d}",
                kind="application",
                title=f"Benchmark project {n}",
                party=template.organisation.name,
                opened_at=now,
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    CaseSequence.objects.update_or_create(
        region=region, year=year, defaults={"last_number": count}
    )
    statuses = ["submitted", "completion_requested", "in_assessment", "withdrawn"]
    applications = Application.objects.bulk_create(
        [
            Application(
                call=template.call,
                region=region,
                fund=template.fund,
                organisation=template.organisation,
                title=f"Benchmark project {n}",
                summary=template.summary,
                contact_name=template.contact_name,
                contact_email=template.contact_email,
                start_date=template.start_date,
                end_date=template.end_date,
                amount_requested=100_000_00 + n * 1000,
                total_cost=200_000_00 + n * 2000,
                cofinancing_total=100_000_00 + n * 1000,
                status=statuses[n % len(statuses)],
                case=cases[n],
                submitted_at=now - datetime.timedelta(minutes=n),
                last_submitted_at=now - datetime.timedelta(minutes=n),
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    municipalities = list(template.municipalities.all())
    through = Application.municipalities.through
    through.objects.bulk_create(
        [
            through(application_id=a.pk, municipality_id=m.pk)
            for a in applications
            for m in municipalities
        ],
        batch_size=5000,
    )
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(application=a, category="staff", year=2027, amount=a.total_cost)
            for a in applications
        ],
        batch_size=5000,
    )
    FinancingLine.objects.bulk_create(
        [
            FinancingLine(application=a, funder="Kommunen", amount=a.cofinancing_total)
            for a in applications
        ],
        batch_size=5000,
    )
    build_assessments([a for a in applications if a.status == "in_assessment"])
    return len(applications)


def build_assessments(applications: list) -> None:
    """Two assessors with submitted scores on every criterion of each application in
    assessment, so that the ranking and the overview combine real scores."""
    from django.utils import timezone

    from samverka.accounts.models import User
    from samverka.assessments.models import Assignment, Score

    if not applications:
        return
    assessors = list(
        User.objects.filter(
            role_assignments__region=applications[0].region,
            role_assignments__role__in=["assessor", "officer"],
        ).distinct()[:2]
    )
    criteria = list(applications[0].call.criteria.all())
    now = timezone.now()
    assignments = Assignment.objects.bulk_create(
        [
            Assignment(
                application=a,
                region=a.region,
                assessor=person,
                status="submitted",
                declared_at=now,
                submitted_at=now,
            )
            for a in applications
            for person in assessors
        ],
        batch_size=5000,
    )
    Score.objects.bulk_create(
        [
            Score(
                assignment=assignment,
                criterion=criterion,
                value=(assignment.application_id + criterion.pk) % 6,
            )
            for assignment in assignments
            for criterion in criteria
            if criterion.scale_min <= 0 and criterion.scale_max >= 5
        ],
        batch_size=5000,
    )


def build_strategy(goal_count: int, indicator_count: int):
    """A large adopted strategy for Västernorrland: five priority areas, `goal_count`
    goals under them, and `indicator_count` indicators with 25 years of values for
    the county, the country and every Swedish municipality that is loaded."""
    import datetime
    from decimal import Decimal

    from samverka.core.models import Region
    from samverka.geo.models import Country, County, Municipality
    from samverka.strategy import services
    from samverka.strategy.models import Goal, Indicator, IndicatorTarget, Observation

    region = Region.objects.get(slug="vasternorrland")
    strategy = services.strategy_create(
        region=region,
        by=None,
        data={"title": "Benchmark strategy", "start_year": 2021, "end_year": 2040},
    )
    areas = [
        services.goal_create(
            strategy=strategy,
            by=None,
            data={"title": f"Area {n}", "kind": "priority_area"},
        )
        for n in range(5)
    ]
    goals = Goal.objects.bulk_create(
        [
            Goal(
                strategy=strategy,
                region=region,
                parent=areas[n % 5],
                code=f"{n % 5 + 1}.{n // 5 + 1}",
                title=f"Benchmark goal {n}",
                order=n,
            )
            for n in range(goal_count)
        ]
    )
    sweden = Country.objects.get(code="SE")
    county = County.objects.get(country=sweden, code="22")
    municipalities = list(Municipality.objects.filter(country=sweden))
    observations = []
    for n in range(indicator_count):
        indicator = Indicator.objects.create(
            region=region,
            name=f"Benchmark indicator {n}",
            unit="%",
            geography_level="county",
            headline_area="SE-c22",
        )
        link = services.goal_indicator_add(
            goal=goals[n % len(goals)],
            indicator=indicator,
            by=None,
            data={"baseline_value": Decimal(50), "baseline_year": 2020},
        )
        IndicatorTarget.objects.create(
            goal_indicator=link, year=2030, value=Decimal(70)
        )
        for year in range(2000, 2025):
            value = Decimal(40 + (year - 2000) + n % 7)
            observations.append(
                Observation(
                    indicator=indicator,
                    region=region,
                    year=year,
                    area_level="country",
                    country=sweden,
                    area_code="SE",
                    value=value,
                )
            )
            observations.append(
                Observation(
                    indicator=indicator,
                    region=region,
                    year=year,
                    area_level="county",
                    country=sweden,
                    county=county,
                    area_code="SE-c22",
                    value=value,
                )
            )
            for m in municipalities:
                observations.append(
                    Observation(
                        indicator=indicator,
                        region=region,
                        year=year,
                        area_level="municipality",
                        country=sweden,
                        county=m.county,
                        municipality=m,
                        area_code=f"SE-m{m.code}",
                        value=value,
                    )
                )
    Observation.objects.bulk_create(observations, batch_size=5000)
    services.strategy_adopt(
        strategy=strategy, by=None, adopted_on=datetime.date(2021, 1, 1)
    )
    return strategy, len(observations)


if __name__ == "__main__":
    main()

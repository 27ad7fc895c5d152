"""Case numbers stay unique and gapless when many submit at the same moment.

Only PostgreSQL shows this: SQLite lets one writer in at a time, so the race cannot
happen there. Run with ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/samverka``
(as `.ci/run` does); under SQLite these tests skip.
"""

import threading

import pytest
from django.db import connection, connections, transaction

from samverka.accounts.models import User
from samverka.applications import receipts, services
from samverka.applications.models import Application
from samverka.applications.tests.conftest import complete
from samverka.records import services as records
from samverka.records.models import Case, CaseSequence

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrent case numbers need PostgreSQL (SQLite serialises writers): "
            "set DATABASE_URL=postgres://... to run them"
        )


def _run_at_once(count, work):
    """Run `work(i)` in `count` threads released together; each thread closes its
    own database connection. Returns the exceptions raised."""
    barrier = threading.Barrier(count)
    errors = []

    def run(i):
        try:
            barrier.wait(timeout=30)
            work(i)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return errors


def test_twenty_simultaneous_submissions_get_numbers_one_to_twenty(
    call, applicant_org, applicant, monkeypatch
):
    # The printouts are not what is under test here; they would only slow it down.
    monkeypatch.setattr(receipts, "register_submission", lambda submission: [])
    ids = []
    for n in range(20):
        draft = services.application_start(
            call=call, organisation=applicant_org, by=applicant, title=f"Projekt {n}"
        )
        complete(draft, applicant)
        ids.append(draft.pk)

    def submit(i):
        user = User.objects.get(pk=applicant.pk)
        application = Application.objects.get(pk=ids[i])
        services.application_submit(application=application, by=user, key=f"key-{i}")

    errors = _run_at_once(20, submit)
    assert errors == []
    numbers = sorted(
        Case.objects.filter(region=call.region).values_list("number", flat=True)
    )
    assert numbers == list(range(1, 21))
    case_numbers = list(
        Application.objects.filter(pk__in=ids).values_list(
            "case__case_number", flat=True
        )
    )
    assert None not in case_numbers
    assert len(set(case_numbers)) == 20
    prefix = f"RVN {Case.objects.first().year}-"
    assert sorted(case_numbers) == [f"{prefix}{n:05d}" for n in range(1, 21)]
    assert CaseSequence.objects.get(region=call.region).last_number == 20


class RolledBack(Exception):
    pass


def test_numbers_returned_by_rolled_back_transactions_are_used_again(region):
    taken = []
    lock = threading.Lock()

    def take(i):
        try:
            with transaction.atomic():
                number = records.next_case_number(region=region, year=2031)
                if i % 4 == 3:
                    raise RolledBack
                with lock:
                    taken.append(number)
        except RolledBack:
            pass

    errors = _run_at_once(40, take)
    assert errors == []
    assert sorted(taken) == list(range(1, 31))
    assert CaseSequence.objects.get(region=region, year=2031).last_number == 30

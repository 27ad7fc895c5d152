"""Background tasks of the strategy app (django-tasks; see samverka/core/tasks.py)."""

from __future__ import annotations

from django_tasks import task


@task()
def import_statistics_task(*, import_id: int) -> str:
    """Run a queued statistics import (`statistics.runner.run_import`); its status."""
    from samverka.strategy.statistics.runner import run_import

    return str(run_import(import_id).status)

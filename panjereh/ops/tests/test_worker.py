"""`panjereh worker --batch` runs what is queued through the real task table, then stops. (One thread:
the tests' in-memory SQLite does not take concurrent connections; `make run` and the browser journeys
run the worker with its threads against a database file or PostgreSQL.)"""

from __future__ import annotations

from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from panjereh.applications.constants import Status
from panjereh.applications.models import Application
from panjereh.applications.tests.conftest import apply, citizen, client_for, world  # noqa: F401 (a fixture)


def test_the_worker_processes_queued_applications_and_their_messages(world: str) -> None:  # noqa: F811
    client = client_for(citizen())
    codes = [apply(client, "criminal-record-certificate", key=f"worker-key-{n}").json()["tracking_code"]
             for n in range(3)]  # fmt: skip
    call_command("worker", "--batch", "--threads", "1", "--interval", "0.01")
    assert set(Application.objects.filter(tracking_code__in=codes).values_list("status", flat=True)) == {Status.ISSUED}
    assert DBTaskResult.objects.exclude(status="SUCCESSFUL").count() == 0
    for worker_ids, started, finished in DBTaskResult.objects.values_list("worker_ids", "started_at", "finished_at"):
        # claimed as django-tasks-db claims: this worker's id recorded, the start before the end
        assert len(worker_ids) == 1 and worker_ids[0].startswith("panjereh-")
        assert started is not None and finished is not None and started <= finished
    # Processing queued one SMS task per decision; the worker ran those too.
    assert DBTaskResult.objects.filter(task_path__endswith="send_notification_sms").count() == 3

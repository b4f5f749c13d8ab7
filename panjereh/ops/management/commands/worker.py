"""`panjereh worker`: the task worker. Runs the queued tasks (application processing, forwarding,
notifications) in a few threads, each a django-tasks-db worker, and every so often queues again
the work a crashed worker left behind. SIGINT/SIGTERM: the running tasks finish, then it stops."""

from __future__ import annotations

import signal
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections, connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

SWEEP_SECONDS = 30


class Command(BaseCommand):
    help = "Run the task worker (what `make run` starts next to the web server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--threads", type=int, default=4, help="tasks run at once (they mostly wait on HTTP)")
        parser.add_argument("--interval", type=float, default=settings.WORKER_INTERVAL_SECONDS)
        parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")

    def handle(self, *args: Any, **options: Any) -> None:
        from panjereh.applications.forwarding import deliveries_resume
        from panjereh.applications.services import applications_resume

        stop = threading.Event()
        workers = [
            Worker(queue_names=["default"], interval=options["interval"], batch=options["batch"],
                   backend_name="default", startup_delay=False, max_tasks=None,
                   worker_id=f"panjereh-{get_random_string(12)}", excluded_queue_names=[])
            for _ in range(max(1, options["threads"]))
        ]  # fmt: skip

        def request_stop(signum: int, frame: object) -> None:
            stop.set()
            for worker in workers:
                worker.running = False

        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, request_stop)

        def sweep() -> None:
            applications_resume()
            deliveries_resume()
            close_old_connections()

        sweep()
        threads = [threading.Thread(target=self._run, args=(w,), name=w.worker_id, daemon=True) for w in workers]
        for thread in threads:
            thread.start()
        last_sweep = time.monotonic()
        while any(t.is_alive() for t in threads) and not stop.wait(0.2):
            if not options["batch"] and time.monotonic() - last_sweep >= SWEEP_SECONDS:
                sweep()
                last_sweep = time.monotonic()
        for thread in threads:
            thread.join()

    @staticmethod
    def _run(worker: Worker) -> None:
        try:
            worker.run()
        finally:
            connections.close_all()

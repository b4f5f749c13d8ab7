"""`panjereh demo`: migrate, load the sample data, and serve the portal on 127.0.0.1:PORT."""

from __future__ import annotations

import os
import shutil
import sys
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from panjereh.core.processes import Child, run_together


class Command(BaseCommand):
    help = "Run the whole platform on this machine with the sample data (what `make run` runs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--no-serve", action="store_true", help="prepare everything, but do not start servers")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write("بارگذاری داده‌های نمونه (loading the sample data)…")
        call_command("catalog", "sample", stdout=self.stdout)
        if options["no_serve"]:
            return
        host, port = options["host"], options["port"]
        env = {**os.environ, "SECURE_COOKIES": os.environ.get("SECURE_COOKIES", "0")}
        granian = shutil.which("granian") or "granian"
        web = Child(
            "web",
            [granian, "--interface", "wsgi", "--host", host, "--port", str(port), "--workers", "1",
             "--blocking-threads", "4", "--log-level", "warning", "panjereh.wsgi:application"],
            env,
        )  # fmt: skip
        self.stdout.write(
            f"\nپنجره آماده است ({time.monotonic() - started:.1f}s): http://{host}:{port}/\n"
            f"  API: http://{host}:{port}/api/v1/docs   admin: http://{host}:{port}/admin/\n"
            "  Ctrl-C stops everything it started.\n"
        )
        sys.stdout.flush()
        raise SystemExit(run_together([web]))

"""`panjereh serve`: the production path's servers, configured from the environment alone
(docs/operations.md, deploy/): the web processes (pages, API, and the exchange gateway on the same
origin) and the exchange gateway's own processes, kept running by panjereh.infra.processes. The task
workers run apart (`panjereh worker --processes K`), and so do migrations (`panjereh migrate`, once per
release, before the servers start).
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from panjereh.infra.processes import PortTaken, run_together
from panjereh.ops.servers import fresh_metrics_dir, gateway_child, web_child


def serving_refused(web_workers: int) -> str | None:
    """Why this configuration must not serve, or None. Rate limits, one-time code challenges and
    cached pages live in the cache: in each process's own memory every process would count its own,
    and a limit of five would become five per process."""
    if settings.DEBUG:
        return "DEBUG روشن است؛ برای خدمت‌دهی خاموشش کنید (DEBUG=0). (DEBUG is on)"
    if web_workers > 1 and not settings.REDIS_URL:
        return (
            "چند فرایند بدون Redis حافظهٔ مشترک ندارند و هر کدام محدودیت‌ها را جدا می‌شمارد؛ REDIS_URL را بدهید "
            "یا با یک فرایند وب اجرا کنید. (several web processes need REDIS_URL: limits would count per process)"
        )
    return None


class Command(BaseCommand):
    help = "Serve the platform in production: web and exchange gateway processes, kept running."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"),
                            help="where the web processes listen (behind the reverse proxy)")  # fmt: skip
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--web-workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")),
                            help="web processes (pages and API); about one per core")  # fmt: skip
        parser.add_argument("--gateway-host", default=os.environ.get("GATEWAY_HOST", "127.0.0.1"))
        parser.add_argument("--gateway-port", type=int, default=int(os.environ.get("GATEWAY_PORT", "8001")))
        parser.add_argument("--gateway-workers", type=int, default=int(os.environ.get("GATEWAY_WORKERS", "2")),
                            help="exchange gateway processes; 0: only the web processes' /exchange/")  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        web_workers, gateway_workers = options["web_workers"], options["gateway_workers"]
        if web_workers < 1 or gateway_workers < 0:
            raise CommandError("--web-workers must be at least 1 and --gateway-workers at least 0")
        refused = serving_refused(web_workers)
        if refused:
            raise CommandError(refused)
        # PORT: without gateway processes the platform's own inquiries go to the web origin (settings).
        env = {"PROMETHEUS_MULTIPROC_DIR": fresh_metrics_dir(), **os.environ, "PORT": str(options["port"])}
        if gateway_workers:  # the platform's own inquiries go to the gateway's processes, not the web's
            env.setdefault("EXCHANGE_URL", f"http://{options['gateway_host']}:{options['gateway_port']}")
        children = [web_child(options["host"], options["port"], env, workers=web_workers)]
        if gateway_workers:
            children.append(gateway_child(options["gateway_host"], options["gateway_port"], env, gateway_workers))

        def ready() -> None:
            where = ", ".join(f"{child.name} {child.port[0]}:{child.port[1]}" for child in children if child.port)
            self.stdout.write(f"panjereh: serving ({where})")
            self.stdout.flush()

        try:
            code = run_together(children, on_ready=ready)
        except PortTaken as taken:
            raise CommandError(f"port in use: {taken}; nothing was started") from None
        raise SystemExit(code)

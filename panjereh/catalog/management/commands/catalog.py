"""`panjereh catalog import FILE` | `panjereh catalog sample` | `panjereh catalog reindex`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from panjereh.catalog.search import reindex_all
from panjereh.catalog.services import ImportReport, catalog_import_file


class Command(BaseCommand):
    help = "Manage the service catalog: import service profiles, load the sample data, rebuild the search index."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        importing = commands.add_parser("import", help="import service profiles from a JSON Lines file")
        importing.add_argument("file", type=Path)
        sample = commands.add_parser("sample", help="load the labelled sample agencies and services")
        sample.add_argument("--services", type=int, default=None, help="how many sample services (default 4200)")
        commands.add_parser("reindex", help="rebuild the search index from the catalog")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import":
            self._import(options["file"])
        elif action == "sample":
            from panjereh.catalog.sample_loader import sample_load

            report = sample_load(services=options["services"])
            self._print(report)
        else:
            self.stdout.write(f"indexed: {reindex_all()}")

    def _import(self, path: Path) -> None:
        if not path.is_file():
            raise CommandError(f"پرونده «{path}» پیدا نشد.")
        report = catalog_import_file(path)
        self._print(report)
        if report.rejected:
            raise SystemExit(1)

    def _print(self, report: ImportReport) -> None:
        for rejection in sorted(report.rejected, key=lambda item: item.line):
            field = f" [{rejection.field}]" if rejection.field else ""
            self.stdout.write(f"line {rejection.line}: rejected{field}: {rejection.reason}")
        self.stdout.write(f"created: {report.created}")
        self.stdout.write(f"updated: {report.updated}")
        self.stdout.write(f"unchanged: {report.unchanged}")
        self.stdout.write(f"rejected: {len(report.rejected)}")

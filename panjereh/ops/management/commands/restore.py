"""`panjereh restore FOLDER [--replace]`: a backup put back where the settings name the databases and
VAR_DIR; every checksum is checked before anything is written. Then: `panjereh audit verify`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from panjereh.ops.backup import BackupRefused, restore


class Command(BaseCommand):
    help = "Restore a backup made by `panjereh backup` (docs/operations.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="the backup's folder")
        parser.add_argument("--replace", action="store_true", help="replace databases that hold data")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = restore(options["folder"], replace=options["replace"])
        except BackupRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(f"restored: {', '.join(summary.databases)} and {summary.files} files from {summary.folder}")

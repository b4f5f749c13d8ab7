"""`panjereh backup FOLDER`: both SQLite databases (copied online) and var/'s keys, into a new folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from panjereh.ops.backup import BackupRefused, backup


class Command(BaseCommand):
    help = "Back up the embedded databases and the keys into a new folder (docs/operations.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="a new or empty folder")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup(options["folder"])
        except BackupRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(f"backed up: {', '.join(summary.databases)} and {summary.files} files to {summary.folder}")

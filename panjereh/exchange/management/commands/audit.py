"""`panjereh audit verify [--file F]` | `panjereh audit export --from A --to B FILE` | `panjereh audit checkpoint`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from panjereh.exchange.audit.io import export_range, verify_database, verify_file
from panjereh.exchange.audit.store import checkpoint_now
from panjereh.exchange.audit.verify import Verification


class Command(BaseCommand):
    help = "Verify, export or sign the exchange's tamper-evident audit log."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        verify = actions.add_parser("verify", help="verify the hash chain and the signed checkpoints")
        verify.add_argument("--file", type=Path, help="verify an exported file instead of the database")
        verify.add_argument("--trusted-key", action="append", default=[], metavar="BASE64",
                            help="another Ed25519 public key to trust (raw, base64); repeatable")  # fmt: skip
        export = actions.add_parser("export", help="export a range of records to a file that verifies on its own")
        export.add_argument("--from", dest="first", type=int, default=1)
        export.add_argument("--to", dest="last", type=int, default=2**62)
        export.add_argument("file", type=Path)
        actions.add_parser("checkpoint", help="sign the current end of the chain")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "verify":
            path: Path | None = options["file"]
            if path is not None and not path.is_file():
                raise CommandError(f"پرونده «{path}» پیدا نشد.")
            trusted = options["trusted_key"]
            self._report(verify_file(path, trusted) if path else verify_database(trusted))
        elif action == "export":
            if options["first"] < 1 or options["last"] < options["first"]:
                raise CommandError("بازه نادرست است: --from باید ۱ یا بیشتر و --to بزرگ‌تر از آن باشد.")
            checkpoint_now()  # so the exported range ends on a signature
            count = export_range(options["file"], options["first"], options["last"])
            self.stdout.write(f"exported: {count} records to {options['file']}")
        else:
            checkpoint = checkpoint_now()
            self.stdout.write(f"checkpoint: {checkpoint.seq}" if checkpoint else "checkpoint: already signed")

    def _report(self, result: Verification) -> None:
        if result.ok:
            self.stdout.write(
                f"verified: {result.records} records, {result.checkpoints} signed checkpoints"
                f" ({result.unsigned_tail} records after the last checkpoint)"
            )
            return
        self.stdout.write(f"verified: {result.records} records before the first bad one")
        self.stdout.write(f"tampered: first bad record {result.first_bad_seq}: {result.problem}")
        raise SystemExit(1)

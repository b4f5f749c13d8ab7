"""`panjereh audit verify [--file F] [--witness W]` | `panjereh audit export --from A --to B FILE` |
`panjereh audit checkpoint` | `panjereh audit witness --url URL --file W [--every S --times N]`."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from panjereh.exchange.audit import signing
from panjereh.exchange.audit.io import ExportPastTheEnd, export_range, verify_database, verify_file
from panjereh.exchange.audit.store import checkpoint_now
from panjereh.exchange.audit.verify import Verification
from panjereh.exchange.audit.witness import WitnessFileDamaged, WitnessUnavailable, witness_remote, witnessed
from panjereh.persian import to_persian_digits


class Command(BaseCommand):
    help = "Verify, export or sign the exchange's tamper-evident audit log."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        verify = actions.add_parser("verify", help="verify the hash chain and the signed checkpoints")
        verify.add_argument("--file", type=Path, help="verify an exported file instead of the database")
        verify.add_argument("--trusted-key", action="append", default=[], metavar="BASE64",
                            help="another Ed25519 public key to trust (raw, base64); repeatable")  # fmt: skip
        verify.add_argument("--witness", action="append", default=[], type=Path, metavar="FILE",
                            help="a witness file of heads seen (besides the local one); repeatable")  # fmt: skip
        export = actions.add_parser("export", help="export a range of records to a file that verifies on its own")
        export.add_argument("--from", dest="first", type=int, default=1)
        export.add_argument("--to", dest="last", type=int, default=2**62)
        export.add_argument("file", type=Path)
        actions.add_parser("checkpoint", help="sign the current end of the chain")
        witness = actions.add_parser("witness", help="keep the signed heads a platform publishes, and check them")
        witness.add_argument("--url", required=True, help="the platform's /api/v1/audit/head")
        witness.add_argument("--file", required=True, type=Path, help="the witness file (appended only)")
        witness.add_argument("--trusted-key", action="append", default=[], metavar="BASE64",
                             help="the platform's audit public key (raw, base64); repeatable")  # fmt: skip
        witness.add_argument("--every", type=float, default=60.0, help="seconds between two looks")
        witness.add_argument("--times", type=int, default=1, help="looks to take (0: until stopped)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "verify":
            path: Path | None = options["file"]
            if path is not None and not path.is_file():
                raise CommandError(f"پرونده «{path}» پیدا نشد.")
            trusted = options["trusted_key"]
            if path is not None and options["witness"]:
                raise CommandError("--witness با پایگاه داده سنجیده می‌شود، نه با پرونده برون‌بُرد.")
            for seen in options["witness"]:
                if not seen.is_file():
                    raise CommandError(f"پرونده «{seen}» پیدا نشد.")
            self._report(verify_file(path, trusted) if path else verify_database(trusted, options["witness"]))
        elif action == "export":
            if options["first"] < 1 or options["last"] < options["first"]:
                raise CommandError("بازه نادرست است: --from باید ۱ یا بیشتر و --to بزرگ‌تر از آن باشد.")
            checkpoint_now()  # so the exported range ends on a signature
            try:
                count = export_range(options["file"], options["first"], options["last"])
            except ExportPastTheEnd as past:
                last = to_persian_digits(str(past.head_seq))
                raise CommandError(f"بازه از پایان دفتر گذشته است: دفتر تا رکورد {last} است.") from None
            self.stdout.write(f"exported: {count} records to {options['file']}")
        elif action == "witness":
            self._witness(options)
        else:
            checkpoint = checkpoint_now()
            self.stdout.write(f"checkpoint: {checkpoint.seq}" if checkpoint else "checkpoint: already signed")

    def _witness(self, options: dict[str, Any]) -> None:
        """Looks at the published head `--times` times; exits 1 at the first problem."""
        keys = signing.trusted_public_keys(options["trusted_key"])
        looks = 0
        while True:
            try:
                problem = witness_remote(options["url"], options["file"], keys)
            except (WitnessUnavailable, WitnessFileDamaged) as error:
                raise CommandError(f"سرِ دفتر ممیزی خوانده نشد: {error}") from None
            if problem:
                self.stdout.write(f"tampered: {problem}")
                raise SystemExit(1)
            self.stdout.write(f"witnessed: {witnessed(options['file'])[-1]['seq']}")
            looks += 1
            if options["times"] and looks >= options["times"]:
                return
            time.sleep(options["every"])

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

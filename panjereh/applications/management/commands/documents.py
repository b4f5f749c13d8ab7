"""`panjereh documents rotate-key` | `panjereh documents revoke-key KID` | `panjereh documents keys`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from panjereh.applications.documents import signing, verification
from panjereh.applications.models import DocumentKey


class Command(BaseCommand):
    help = "Rotate or revoke the keys issued documents are signed with."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("rotate-key", help="a new signing key; the old ones still verify what they signed")
        revoke = actions.add_parser("revoke-key", help="revoke a key: every document it signed stops verifying")
        revoke.add_argument("kid")
        actions.add_parser("keys", help="list the keys")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "rotate-key":
            key = signing.key_rotate()
            self.stdout.write(key.key_id)
        elif action == "revoke-key":
            if not DocumentKey.objects.filter(pk=options["kid"]).exists():
                raise CommandError(f"کلیدی با شناسه «{options['kid']}» پیدا نشد.")
            key = verification.key_revoke(key_id=options["kid"])
            signed = key.documents.count()
            self.stdout.write(f"revoked: {key.key_id} ({signed} documents no longer verify)")
        else:
            for row in verification.published_keys():
                state = "revoked" if row["revoked_at"] else "retired" if row["retired_at"] else "signing"
                self.stdout.write(f"{row['key_id']}\t{state}\t{signing.fingerprint(row['public_key'])}")

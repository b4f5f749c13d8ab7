"""`panjereh exchange inquire PROVIDER SERVICE --purpose P [--subject CODE] [--body JSON]`

Makes one inquiry through the gateway as the platform's own system, and prints the status, the
audit id and the answer: how an operator checks that an agency's data service is reachable.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from panjereh.exchange.client import ExchangeUnreachable, inquire


class Command(BaseCommand):
    help = "Talk to the information exchange as the platform's own system."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        ask = actions.add_parser("inquire", help="one inquiry through the gateway")
        ask.add_argument("provider")
        ask.add_argument("service")
        ask.add_argument("--purpose", required=True)
        ask.add_argument("--subject", default="")
        ask.add_argument("--body", default="", help='JSON object; default: {"national_code": SUBJECT}')

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            body = json.loads(options["body"]) if options["body"] else {"national_code": options["subject"]}
        except ValueError as error:
            raise CommandError("بدنه باید JSON معتبر باشد.") from error
        if not isinstance(body, dict):
            raise CommandError("بدنه باید یک شیء JSON باشد.")
        try:
            answer = inquire(options["provider"], options["service"], body, purpose=options["purpose"],
                             subject=options["subject"])  # fmt: skip
        except ExchangeUnreachable as error:
            raise CommandError(f"درگاه تبادل در دسترس نیست ({error}).") from error
        self.stdout.write(f"status: {answer.status}")
        self.stdout.write(f"audit id: {answer.audit_id}")
        self.stdout.write(json.dumps(answer.data, ensure_ascii=False, indent=2))
        if not answer.ok:
            raise SystemExit(1)

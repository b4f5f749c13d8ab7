"""`panjereh oidc register-client --agency CODE --name NAME --redirect-uri URL [--redirect-uri URL …]`.

Registers an agency window as an OpenID Connect client of the national window and prints its client
id and secret. The secret is printed this once: only its hash is kept.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from panjereh.accounts.services import ClientRegistrationError, oidc_client_register
from panjereh.agencies.selectors import agency_get


class Command(BaseCommand):
    help = "Single sign-on for agency windows: register a window as an OpenID Connect client."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        register = commands.add_parser("register-client", help="register an agency window; prints its id and secret")
        register.add_argument("--agency", required=True, help="the agency's code")
        register.add_argument("--name", required=True, help="the window's name, shown on the consent screen")
        register.add_argument("--redirect-uri", action="append", required=True, dest="redirect_uris")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = agency_get(options["agency"])
        if agency is None:
            raise CommandError(f"دستگاهی با کد «{options['agency']}» پیدا نشد.")
        try:
            client_id, secret = oidc_client_register(
                agency=agency, name=options["name"], redirect_uris=options["redirect_uris"]
            )
        except ClientRegistrationError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"client_id: {client_id}")
        self.stdout.write(f"client_secret: {secret}")
        self.stdout.write("The secret is shown only now; keep it in the agency window's configuration.")

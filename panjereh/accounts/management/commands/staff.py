"""`panjereh staff add --username U --agency CODE --role ROLE [--first-name F --last-name L]` and
`panjereh staff totp-reset --username U`.

`add` makes a staff account, under the person's name when given (what the back office calls them): a
password (typed twice when run at a terminal, otherwise generated) and a TOTP device whose otpauth://
address is printed once, for the member's authenticator app.
`totp-reset` replaces a member's device (a lost phone) and prints the new address once.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from panjereh.accounts import services
from panjereh.accounts.constants import StaffRole


class Command(BaseCommand):
    help = "Staff accounts of the back office: add one, or reset its TOTP device."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="a new staff account with a TOTP device")
        add.add_argument("--username", required=True)
        add.add_argument("--role", required=True, choices=StaffRole.values)
        add.add_argument("--agency", default="", help="the agency's code (none only for a supervisor)")
        add.add_argument("--first-name", default="", help="the person's first name, as the back office shows it")
        add.add_argument("--last-name", default="", help="the person's last name, as the back office shows it")
        add.add_argument("--generate-password", action="store_true", help="generate the password even at a terminal")
        reset = actions.add_parser("totp-reset", help="replace a staff member's TOTP device")
        reset.add_argument("--username", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "add":
                self._add(options)
            else:
                device = services.staff_totp_reset(username=options["username"])
                self.stdout.write("دستگاه پیشین باطل شد؛ این نشانی را در برنامه احراز هویت بیفزایید (فقط یک بار):")
                self.stdout.write(f"otpauth: {device.config_url}")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

    def _add(self, options: dict[str, Any]) -> None:
        password = None
        if not options["generate_password"] and sys.stdin.isatty():
            password = getpass.getpass("گذرواژه: ")
            if password != getpass.getpass("تکرار گذرواژه: "):
                raise CommandError("دو گذرواژه یکی نیستند.")
        new = services.staff_create(
            username=options["username"],
            role=options["role"],
            agency_code=options["agency"] or None,
            password=password,
            first_name=options["first_name"],
            last_name=options["last_name"],
        )
        member = new.member
        where = member.agency.name if member.agency else "همه دستگاه‌ها"
        name = member.user.get_full_name()
        self.stdout.write(f"کارکن ساخته شد: {member.user.username}{f' ({name})' if name else ''} — "
                          f"{member.get_role_display()}، {where}")  # fmt: skip
        if not name and member.role != StaffRole.SUPERVISOR:
            self.stdout.write("نامی داده نشد: در کارتابل و گردش کار «کارشناس دستگاه» خوانده می‌شود "
                              "(--first-name و --last-name).")  # fmt: skip
        if password is None:
            self.stdout.write(f"password: {new.password}")
            self.stdout.write("(گذرواژه فقط همین یک بار نمایش داده می‌شود.)")
        self.stdout.write("این نشانی را در برنامه احراز هویت بیفزایید (فقط یک بار نمایش داده می‌شود):")
        self.stdout.write(f"otpauth: {new.provisioning_uri}")

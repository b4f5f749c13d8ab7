"""The `panjereh` console script: Django's management commands under the project's name.

`panjereh demo`, `panjereh catalog import FILE` and every Django command (`migrate`, …) pass
straight through to `django-admin` with the project's settings.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panjereh.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "panjereh"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()

"""``python -m panjereh.sandbox [--host 127.0.0.1] [--port 8100]``: serve the sandbox with granian.

Always one worker: the fault knobs live in the process's memory, and two workers would each
have their own. The environment (``SANDBOX_SEED``, ``SANDBOX_FAULTS``) is checked here first,
so a typo fails at once with a message instead of inside granian's worker.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import sys

from .faults import parse_faults_env, parse_seed_env

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8100
TARGET = "panjereh.sandbox.app:app"


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"not a TCP port: {text!r}")
    return port


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m panjereh.sandbox",
        description="Simulated agency systems (synthetic data, fault knobs) for Panjereh's tests and demo.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument(
        "--port",
        type=_port,
        default=None,
        help=f"port to listen on (default: env SANDBOX_PORT, else {DEFAULT_PORT})",
    )
    parser.add_argument("--log-level", default="warning", choices=["debug", "info", "warning", "error"])
    args = parser.parse_args(argv)
    if args.port is None:
        try:
            args.port = _port(os.environ.get("SANDBOX_PORT") or str(DEFAULT_PORT))
        except argparse.ArgumentTypeError as exc:
            parser.error(f"SANDBOX_PORT: {exc}")
    try:
        parse_seed_env(os.environ.get("SANDBOX_SEED"))
        # Knob values and agency names are checked by building the app once.
        from .app import SandboxApp

        SandboxApp(faults=parse_faults_env(os.environ.get("SANDBOX_FAULTS")))
    except ValueError as exc:
        parser.error(str(exc))
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if not _is_loopback(args.host):
        logging.getLogger("panjereh.sandbox").warning(
            "listening on %s: the sandbox has no authentication and its /_faults knobs are open to anyone "
            "who can reach it; keep it on loopback",
            args.host,
        )
    from granian import Granian
    from granian.constants import Interfaces

    Granian(
        target=TARGET,
        address=args.host,
        port=args.port,
        interface=Interfaces.ASGI,
        workers=1,
        websockets=False,
        log_level=args.log_level,
    ).serve()
    return 0


if __name__ == "__main__":
    sys.exit(main())

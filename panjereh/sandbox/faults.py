"""Fault knobs: make a simulated agency slow, flaky, garbled, down or hanging, on purpose.

The knobs live in the memory of the one sandbox process (run it with one worker). Error and
garbage rates draw from one ``random.Random`` seeded at start (``SANDBOX_SEED``, default 1403)
and reseeded by a reset, so a test that sets the same knobs sees the same sequence of outcomes.
"""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from .protocol import ApiError, JSONObject, finite_number

DEFAULT_SEED = 1403
TIMEOUT_SECONDS = 30.0  # how long the `timeout` knob holds a call at least
MAX_LATENCY_MS = 600_000  # ten minutes: anything longer is a typo

Outcome = Literal["answer", "error", "garbage"]


@dataclass
class Knobs:
    latency_ms: int = 0  # added before answering
    error_rate: float = 0.0  # share of calls answered 500
    garbage_rate: float = 0.0  # share of calls answered 200 with a body that is not JSON
    down: bool = False  # every call answered 503 at once, with Connection: close
    timeout: bool = False  # hold every call max(latency, TIMEOUT_SECONDS) before answering

    def as_json(self) -> JSONObject:
        return dataclasses.asdict(self)


def _invalid(knob: str, message: str) -> ApiError:
    return ApiError(422, "invalid_request", message, knob)


def checked_changes(changes: Mapping[str, object]) -> dict[str, int | float | bool]:
    """The knobs to set, type- and range-checked, or ``ApiError`` 422 naming the knob."""
    known = {field.name for field in dataclasses.fields(Knobs)}
    clean: dict[str, int | float | bool] = {}
    for knob in sorted(changes):
        value = changes[knob]
        if knob not in known:
            raise _invalid(knob[:100], "چنین تنظیمی وجود ندارد.")
        if knob == "latency_ms":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_LATENCY_MS:
                raise _invalid(knob, f"تأخیر باید عدد صحیحی از 0 تا {MAX_LATENCY_MS} میلی‌ثانیه باشد.")
            clean[knob] = value
        elif knob in ("error_rate", "garbage_rate"):
            if not (isinstance(value, int | float) and finite_number(value) and 0 <= value <= 1):
                raise _invalid(knob, "نرخ باید عددی از 0 تا 1 باشد.")
            clean[knob] = float(value)
        else:  # down, timeout
            if not isinstance(value, bool):
                raise _invalid(knob, "این تنظیم باید true یا false باشد.")
            clean[knob] = value
    return clean


class FaultBoard:
    """The knobs of every agency, and the seeded dice for the rates."""

    def __init__(self, agencies: Iterable[str], seed: int = DEFAULT_SEED, timeout_seconds: float = TIMEOUT_SECONDS):
        self.seed = seed
        self.timeout_seconds = timeout_seconds
        self.knobs: dict[str, Knobs] = {agency: Knobs() for agency in agencies}
        self.rng = random.Random(seed)  # noqa: S311 (reproducible dice on purpose, not security)

    def snapshot(self) -> JSONObject:
        return {agency: knobs.as_json() for agency, knobs in self.knobs.items()}

    def update(self, agency: str, changes: Mapping[str, object]) -> Knobs:
        """Set some knobs of one agency (all or nothing); ``KeyError`` for an unknown agency."""
        changed = dataclasses.replace(self.knobs[agency])  # a copy: a call in flight keeps its knobs
        for knob, value in checked_changes(changes).items():
            setattr(changed, knob, value)
        self.knobs[agency] = changed
        return changed

    def load(self, config: Mapping[str, object]) -> None:
        """Apply ``{"agency": {"knob": value}}`` (``SANDBOX_FAULTS``); ``ValueError`` if wrong."""
        for agency, changes in config.items():
            if agency not in self.knobs:
                raise ValueError(f"SANDBOX_FAULTS: unknown agency {agency!r} (known: {', '.join(self.knobs)})")
            if not isinstance(changes, dict):
                raise ValueError(f"SANDBOX_FAULTS: {agency}: expected an object of knobs")
            try:
                self.update(agency, changes)
            except ApiError as exc:
                raise ValueError(f"SANDBOX_FAULTS: {agency}.{exc.field}: bad value {changes.get(exc.field)!r}") from exc

    def reset(self) -> None:
        """No faults anywhere, and the dice start again from the seed."""
        self.knobs = {agency: Knobs() for agency in self.knobs}
        self.rng = random.Random(self.seed)  # noqa: S311 (as above)

    def delay_seconds(self, knobs: Knobs) -> float:
        latency = knobs.latency_ms / 1000
        return max(latency, self.timeout_seconds) if knobs.timeout else latency

    def roll(self, knobs: Knobs) -> Outcome:
        """Error first, then garbage; a rate of 0 draws nothing, so it does not move the dice."""
        if knobs.error_rate and self.rng.random() < knobs.error_rate:
            return "error"
        if knobs.garbage_rate and self.rng.random() < knobs.garbage_rate:
            return "garbage"
        return "answer"


def parse_faults_env(text: str | None) -> dict[str, object]:
    """``SANDBOX_FAULTS`` as a mapping (empty when unset); ``ValueError`` if it is not an object."""
    if not text or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"SANDBOX_FAULTS is not JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise ValueError("SANDBOX_FAULTS must be a JSON object of agencies")
    return value


def parse_seed_env(text: str | None) -> int:
    if text is None or not text.strip():
        return DEFAULT_SEED
    try:
        return int(text)
    except ValueError as exc:
        raise ValueError(f"SANDBOX_SEED must be an integer, not {text!r}") from exc

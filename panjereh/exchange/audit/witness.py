"""Witnesses of the audit log: the signed heads seen, kept outside the database, appended only.

The head is signed with every batch, so cutting or rewriting the newest records needs the signing key.
What a signature cannot show is a rollback: the database put back to an older head, signed in its
day, and grown again from there. A witness that once saw head N with hash H shows it: the log must
still reach N, and its record N must still hash to H (as Certificate Transparency's monitors keep
signed tree heads).

- The worker appends the database's head to `AUDIT_WITNESS_FILE` (`var/audit-witness.jsonl`) every
  half minute.
- `panjereh audit witness --url https://…/api/v1/audit/head --file F` does the same from another
  host, over the public API, and asks each time whether the last head it saw is still in the log.
- `panjereh audit verify` checks the log against the local file and any `--witness F`.

One JSON object per line: {"seq", "hash", "key_id", "signature", "signed_at", "seen_at"}.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
from django.conf import settings

from panjereh.exchange.audit import chain, signing
from panjereh.exchange.models import AuditHead, AuditRecord

HEAD_FIELDS = ("seq", "hash", "key_id", "signature", "signed_at")


class WitnessFileDamaged(Exception):
    """A line of the witness file is not a head (the file was edited, or is not one)."""


def local_witness_file() -> Path:
    return Path(settings.AUDIT_WITNESS_FILE)


def signed_head() -> dict[str, Any] | None:
    """The database's head as the public API shows it, or None before the first record."""
    head = AuditHead.objects.filter(pk=1, seq__gt=0).values(*HEAD_FIELDS).first()
    if head is None:
        return None
    at = head["signed_at"]
    head["signed_at"] = at.astimezone(datetime.UTC).isoformat(timespec="seconds") if at else None
    return dict(head)


def record_hash_at(seq: int) -> str | None:
    return AuditRecord.objects.filter(seq=seq).values_list("hash", flat=True).first()


def head_signature_problem(head: Mapping[str, Any], keys: Mapping[str, str]) -> str:
    try:
        message = chain.checkpoint_message(int(head["seq"]), str(head["hash"]))
        public = keys.get(str(head["key_id"]))
        signature = str(head["signature"])
    except (KeyError, TypeError, ValueError):
        return "the head is malformed"
    if public is None or not signing.verify(public, message, signature):
        return "the head is not signed by a trusted key"
    return ""


def witnessed(path: Path) -> list[dict[str, Any]]:
    """The heads in a witness file, oldest first; an absent file is an empty one."""
    if not path.exists():
        return []
    heads = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            head = json.loads(line)
            heads.append({"seq": int(head["seq"]), "hash": str(head["hash"]), **head})
        except (ValueError, KeyError, TypeError):
            raise WitnessFileDamaged(f"{path}: line {number} is not a head") from None
    return heads


def witness(path: Path, head: Mapping[str, Any], keys: Mapping[str, str], *, still_there: str | None = "") -> str:
    """Append `head` to the file if it is new and signed; the problem, if there is one ("" if none).

    `still_there`: the log's hash now at the last witnessed sequence number, when the caller asked
    (None: the log no longer has it); "" means not asked (the head alone is compared)."""
    problem = head_signature_problem(head, keys)
    if problem:
        return problem
    seen = witnessed(path)
    last = seen[-1] if seen else None
    seq, head_hash = int(head["seq"]), str(head["hash"])
    if last is not None:
        if seq < last["seq"]:
            return f"rolled back: the head is record {seq}, and record {last['seq']} was seen before"
        if seq == last["seq"] and head_hash != last["hash"]:
            return f"rewritten: record {seq} differs from the one seen before"
        if still_there is None or (still_there and still_there != last["hash"]):
            return f"rolled back: record {last['seq']} seen before is no longer in the log as it was"
        if seq == last["seq"]:
            return ""  # nothing new
    line = {name: head.get(name) for name in HEAD_FIELDS}
    line["seen_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    _append_line(path, json.dumps(line, ensure_ascii=False))
    return ""


def witness_locally() -> str:
    """The worker's witness: this database's head into the local file. The problem, if any."""
    head = signed_head()
    if head is None or not head["signature"]:
        return ""
    path = local_witness_file()
    seen = witnessed(path)
    still_there = record_hash_at(seen[-1]["seq"]) if seen else ""
    return witness(path, head, signing.trusted_public_keys(), still_there=still_there)


class WitnessUnavailable(Exception):
    """The platform's published head could not be read."""


def witness_remote(url: str, path: Path, keys: Mapping[str, str]) -> str:
    """A witness on another host: the head published at `url` (…/api/v1/audit/head) into the file,
    asking first whether the last head seen is still in the log. The problem, if any."""
    head = _get_json(url)
    if head is None:
        raise WitnessUnavailable(f"{url}: the log has no head yet")
    seen = witnessed(path)
    still_there: str | None = ""
    if seen and head.get("seq") != seen[-1]["seq"]:
        answer = _get_json(f"{url.rstrip('/').removesuffix('/head')}/records/{seen[-1]['seq']}/hash")
        still_there = str(answer["hash"]) if answer else None
    return witness(path, head, keys, still_there=still_there)


def _get_json(url: str) -> dict[str, Any] | None:
    """The JSON answer, None for a 404; WitnessUnavailable for anything else that is not an answer."""
    try:
        answer = httpx.get(url, timeout=10.0, follow_redirects=False)
        if answer.status_code == 404:
            return None
        answer.raise_for_status()
        body = answer.json()
    except (httpx.HTTPError, ValueError) as error:
        raise WitnessUnavailable(f"{url}: {error}") from None
    if not isinstance(body, dict):
        raise WitnessUnavailable(f"{url}: not a JSON object")
    return body


def _append_line(path: Path, line: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, (line + "\n").encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

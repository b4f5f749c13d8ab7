"""Decision rules in JSON Logic (jsonlogic.com): data, not code, so an agency can edit them in the
back office and nothing in them can run Python. No `eval` anywhere.

A definition's `rules` is a list of {"when": <JSON Logic>, "reason": "Persian sentence"}; the first
rule whose `when` holds rejects the application with its reason; when none holds, it is approved.
Rules read the inputs {"form": …, "person": …, "inquiries": {name: answer}}.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from json_logic import jsonLogic, operations, scoped_operations

KNOWN_OPERATIONS = {*operations, *scoped_operations, "var", "missing", "missing_some"}


class RuleError(Exception):
    """A rule could not be evaluated (an unknown operation, a type error): a definition defect."""


@dataclass(frozen=True)
class Outcome:
    approved: bool
    reason: str


def evaluate(expression: Any, inputs: dict[str, Any]) -> Any:
    try:
        return jsonLogic(expression, inputs)
    except (
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        ZeroDivisionError,
        AttributeError,
        AssertionError,
        RecursionError,
        OverflowError,
    ) as error:
        raise RuleError(str(error)) from error


def decide(rules: list[dict[str, Any]], inputs: dict[str, Any], approve_reason: str) -> Outcome:
    for rule in rules:
        if evaluate(rule["when"], inputs):
            return Outcome(False, rule["reason"])
    return Outcome(True, approve_reason)


def inputs_hash(inputs: dict[str, Any]) -> str:
    """SHA-256 of the inputs in canonical JSON: what a later review can match the decision against."""
    canonical = json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def rules_errors(rules: Any) -> list[str]:
    """What is wrong with a rules declaration, unknown operations included."""
    if not isinstance(rules, list):
        return ["قواعد باید فهرست باشند."]
    errors = []
    for i, rule in enumerate(rules, start=1):
        if not isinstance(rule, dict) or set(rule) != {"when", "reason"}:
            errors.append(f"قاعده {i} باید دقیقاً when و reason داشته باشد.")
            continue
        if not isinstance(rule["reason"], str) or not rule["reason"].strip():
            errors.append(f"قاعده {i} دلیل فارسی ندارد.")
        unknown = unknown_operations(rule["when"])
        if unknown:
            errors.append(f"قاعده {i} عملگر ناشناخته دارد: {', '.join(sorted(unknown))}")
    return errors


def unknown_operations(expression: Any) -> set[str]:
    """Operators in a JSON Logic expression that the evaluator does not know."""
    if isinstance(expression, list):
        return set().union(*(unknown_operations(item) for item in expression))
    if not isinstance(expression, dict):
        return set()
    if len(expression) != 1:
        return {"(شیء با چند کلید)"}
    ((operator, values),) = expression.items()
    found = set() if operator in KNOWN_OPERATIONS else {str(operator)}
    return found | unknown_operations(values)

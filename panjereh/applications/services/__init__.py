"""Writes of applications, by capability (the modules below import one another in one direction
only: pyproject.toml's import contract for this package):

- `submission`: the definition named by a request, the Idempotency-Key, the application created;
- `processing`: the worker's task: inquiries through the exchange, the automatic decision;
- `forwarding`: the application handed to an agency's own system, and its delivery;
- `decisions`: a decision written; officers, agency systems' reports, appeals, the agency's inbox;
- `feedback`: ratings and complaints;
- `payment`: a service's fee: its payment started, and the application submitted once it is paid;
- `timeline`: state changes, their timeline events and the person's notifications;
- `definition_cache`: the process's copies of service definitions.

Every state change writes its timeline event in the same transaction; the work that follows leaves
through task rows written in that transaction too. Callers outside this package (views, the API,
the admin, commands, other apps) import the package, `from panjereh.applications import services`,
and call the writes below.
"""

from __future__ import annotations

from panjereh.applications.services.decisions import (
    application_agency_report,
    application_appeal,
    application_claim,
    application_decide,
    application_hand_over,
)
from panjereh.applications.services.feedback import complaint_answer, complaint_file, rating_add
from panjereh.applications.services.forwarding import deliveries_resume
from panjereh.applications.services.payment import application_payment_start
from panjereh.applications.services.processing import application_ask_again, application_process, applications_resume
from panjereh.applications.services.submission import application_submit

__all__ = [
    "application_agency_report",
    "application_appeal",
    "application_ask_again",
    "application_claim",
    "application_decide",
    "application_hand_over",
    "application_payment_start",
    "application_process",
    "application_submit",
    "applications_resume",
    "complaint_answer",
    "complaint_file",
    "deliveries_resume",
    "rating_add",
]

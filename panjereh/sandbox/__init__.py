"""Panjereh sandbox: simulated agency systems with synthetic people and fault knobs.

A small raw ASGI application (no Django, no database; only the standard library,
``panjereh.persian`` and ``jdatetime``) served by granian as its own process on loopback. It
stands in for the agencies' real systems — civil registry, telecom registry (Shahkar), the
judiciary, ... — so that the national window's inquiries, the exchange gateway's timeouts and
retries, and the demo can run anywhere, offline. **All data is synthetic.**

Running
=======

``python -m panjereh.sandbox [--host 127.0.0.1] [--port 8100] [--log-level warning]``
(``uv run python -m panjereh.sandbox``). The host defaults to 127.0.0.1; anything that is not
loopback gets a warning, since nothing here is authenticated. The port comes from ``--port``,
else env ``SANDBOX_PORT``, else 8100. Always one granian worker: the fault knobs live in the
process's memory. The ASGI callable is ``panjereh.sandbox.app:app``
(``granian --interface asgi panjereh.sandbox.app:app`` works too); tests build their own
``SandboxApp(seed=..., faults=..., timeout_seconds=...)``.

Environment: ``SANDBOX_PORT``; ``SANDBOX_SEED`` (integer, default 1403: seeds the dice of
the error and garbage rates); ``SANDBOX_FAULTS`` (JSON knobs to start with, e.g.
``{"judiciary": {"latency_ms": 200}, "police": {"down": true}}``). A bad value stops the
process at start with a message.

Synthetic people
================

Every valid national code (``panjereh.persian.normalize_national_code``: ASCII, Persian or
Arabic-Indic digits, one script only) is a person, always the same one: each fact is drawn
from ``hashlib.sha256(national_code + field_name)`` (``derive.Draw``), never from global
random state or the clock. ``people.person(code) -> Person`` is the single source of name,
gender, father's name, birth date (Jalali 1320/01/01–1385/12/29, so everyone is an adult),
birth place and ``alive`` (about 2% are dead); every agency asks it, so they agree (a woman is
never subject to conscription). Dates that have a status ("valid", "expired", running insurance
periods, due bills) are judged against the fixed sandbox today ``derive.TODAY`` = 1404/01/01
(2025-03-21). Data tables (names by gender, last names, fathers' names, cities, courts,
offences, employers) are in ``data.py``. Dates in answers are Jalali ``YYYY/MM/DD`` with ASCII
digits; Persian text uses ASCII digits too (``"6 دانگ"``).

Protocol
========

Every agency endpoint is ``POST /{agency}/{service}`` with a JSON object (UTF-8) whose fields
are exactly the service's fields: all required, none extra. Values are text; the national code
and mobile are answered in canonical form (10 ASCII digits; ``09xxxxxxxxx``). Every answer
has ``Content-Type: application/json``. Errors are
``{"error": {"code": "...", "message": "Persian sentence", "field": "name" | null}}``:

- 400 ``bad_request``: the body is not UTF-8 JSON (NaN/Infinity refused), or not an object;
- 404 ``not_found``: unknown path (unknown agency or service included, whatever the method);
- 405 ``method_not_allowed``: a known path with another method (``Allow`` header says which);
- 413 ``payload_too_large``: a body over 1 MB (1,048,576 bytes; read in chunks, or refused at
  once by its Content-Length);
- 422 ``invalid_request``: an unknown field (checked first, alphabetically; ``field`` names
  it), a missing field, or a value that is not a string;
  ``invalid_national_code`` / ``invalid_mobile``: the value does not validate (mixed digit
  scripts included);
- 500 ``internal_error``: the ``error_rate`` knob, or a bug (never bad input);
- 503 ``service_unavailable``: the ``down`` knob.

Agencies and services (request fields → answer)
===============================================

1. ``POST /civil-registry/person`` ``{national_code}`` → ``{national_code, first_name,
   last_name, father_name, birth_date (Jalali), birth_date_gregorian (ISO), gender
   ("male"|"female"), alive (bool), birth_place}``.
2. ``POST /telecom-registry/mobile-ownership`` ``{national_code, mobile}`` → ``{owned}``.
   **Rule:** owned exactly when the normalised mobile's last four digits equal the national
   code's last four, so ``"0912000" + code[-4:]`` (``person(code).mobile``, in the range
   ``panjereh.persian.SANDBOX_MOBILE_PREFIX`` kept for synthetic people) is always that person's number.
3. ``POST /judiciary/criminal-record`` ``{national_code}`` → ``{national_code, has_record,
   records: [{case_number (16 digits), court, offence, verdict_date (Jalali)}]}``.
   **Rule:** a record (one to three convictions) exactly when the code's 8th digit (index 7)
   is 9; otherwise ``has_record: false, records: []``.
4. ``POST /property-registry/properties`` ``{national_code}`` → ``{national_code, properties:
   [{registration_number ("1234/56"), postal_code (10 digits, the first five never 0 or 2),
   area_m2 (int), usage ("residential"|"commercial"|"agricultural"), city, share ("6 دانگ",
   "3 دانگ", "2 دانگ" or "1 دانگ")}]}`` — 0 to 3 properties (about 40% own none).
5. ``POST /police/passport`` ``{national_code}`` → ``{national_code, status
   ("valid"|"expired"|"none"), passport_number ("P" + 8 digits, or null), expires_on (Jalali,
   after TODAY when valid, before it when expired; null for none)}``.
6. ``POST /police/driving-licence`` ``{national_code}`` → ``{national_code, status
   ("valid"|"expired"|"suspended"|"none"), licence_class ("پایه یکم"|"پایه دوم"|"پایه سوم"|
   "موتورسیکلت", null for none), expires_on (Jalali or null)}``.
7. ``POST /conscription/status`` ``{national_code}`` → ``{national_code, applicable (false for
   women, by the civil registry's gender), status ("served"|"exempt"|"study_exemption"|
   "eligible"|"absent"; "not_applicable" for women), card_number (10 digits for served and
   exempt, else null)}``. Men's status is weighted by age on TODAY.
8. ``POST /social-security/insurance-history`` ``{national_code}`` → ``{national_code, insured
   (a period is running), total_months (the sum), periods: [{employer, from (Jalali, first of a
   month), to (Jalali, last of a month; null while running), months}]}`` — none before 18,
   none after TODAY, no running period for the dead; about 20% were never insured.
9. ``POST /energy/bills`` ``{national_code}`` → ``{national_code, bills: [{kind
   ("electricity"|"water"|"gas"), bill_id (13 digits: file, company, type 1/2/3, mod-11 check),
   payment_id (amount/1000, year digit, period, two check digits), amount_rials (int, whole
   thousands), due_date (Jalali, around TODAY), paid}]}``.

Forwarded applications: ``POST /energy/connection-requests`` is the power distributor's own system
taking the applications the national window forwards (``forwarded.py``, docs/forwarding.md): 401 unless
the platform's EdDSA token (``SANDBOX_PLATFORM_PUBLIC_KEY``) is for this system, fresh, unused and hashes
the exact body; 503 without that key; 202 otherwise, and ``SANDBOX_REPORT_DELAY_SECONDS`` later its
decision goes to ``SANDBOX_PLATFORM_URL`` signed with ``SANDBOX_AGENCY_PRIVATE_KEY``. The ``energy``
knobs apply (``garbage_rate`` answers 500 there). ``GET /energy/connection-requests`` lists what came.

Other endpoints: ``GET /`` (index: agencies, services, paths, fields, Persian titles);
``GET /healthz`` → ``{"status": "ok", "agencies": [...]}`` (never affected by faults).

Fault knobs
===========

Per agency, in the memory of the process; they act only on that agency's ``POST`` calls:

- ``latency_ms`` (int, 0..600000): added before answering;
- ``error_rate`` (0..1): that share of calls answers 500 ``internal_error``;
- ``garbage_rate`` (0..1): that share answers 200 with an HTML body (still labelled
  ``application/json``);
- ``down`` (bool): every call answers 503 at once, with ``Connection: close``, without
  reading the body;
- ``timeout`` (bool): every call waits ``max(latency_ms, 30 s)`` before answering, to exercise
  client timeouts.

Order within a call: ``down`` → read the body (413) → wait (latency/timeout) → error roll →
garbage roll → validate the request (400/422) → answer. The rolls use one ``random.Random``
seeded with ``SANDBOX_SEED``; a rate of 0 draws nothing. ``GET /_faults`` → every agency's
knobs; ``PUT /_faults/{agency}`` with a JSON object of some knobs → that agency's knobs
(all or nothing; unknown agency 404, unknown knob or bad value 422 naming it);
``DELETE /_faults`` → every knob back to no faults (``SANDBOX_FAULTS`` included) and the dice
reseeded; answers the knobs.

Demo agency window
==================

``/agency-window/`` is a pretend agency window («پنجره خدمات سازمان ثبت اسناد و املاک کشور
(نمونه)») that logs people in with the national window's OpenID Connect provider: authorization code
with PKCE S256, state and nonce kept in this process (``window.py``), the code exchanged over HTTP,
the ID token checked against the provider's JWKS. ``SANDBOX_OIDC_ISSUER`` (e.g.
``http://127.0.0.1:8000/o``), ``SANDBOX_OIDC_CLIENT_ID`` and ``SANDBOX_OIDC_CLIENT_SECRET`` configure
it (``panjereh demo`` registers it and sets them); unset, the page says so. Its pages are HTML under a
strict CSP (no scripts); every other answer of the sandbox stays JSON.
"""

"""A country's data for bench/scale.py, generated in PostgreSQL itself (not through the ORM).

The tables a person's pages read are filled to the size asked: users and citizens, applications
with their timeline events, and the exchange's audit log. Rows are made server-side, one
INSERT … SELECT over generate_series per half of each table on two connections (both cores; no row
crosses the wire, which is what makes it faster than COPY from a client), with the tables'
constraints and indexes dropped first and built again afterwards, as pg_restore does. Only the
people the benchmark logs in get a mobile and valid tracking codes; the rest are alike but inert.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg

TABLES = (
    "auth_user",
    "accounts_citizen",
    "applications_application",
    "applications_applicationevent",
    "exchange_auditrecord",
)
FIRST_PREFIX = 100_000_000  # national codes 100000000c, 100000001c, …: nine digits and a check digit
SPAN_SECONDS = 5 * 365 * 24 * 3600  # applications and inquiries spread over the last five years

# The Iranian national code (mod-11 check digit) of a nine-digit prefix: one SQL expression, so that
# PostgreSQL inlines the function (a body with a FROM clause is called row by row, many times slower).
CHECK_SUM = " + ".join(f"(p / {10 ** (8 - k)} % 10) * {10 - k}" for k in range(9))
NATIONAL_CODE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION bench_nc(p bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lpad(p::text, 9, '0')
    || (CASE WHEN ({CHECK_SUM}) % 11 < 2 THEN ({CHECK_SUM}) % 11 ELSE 11 - ({CHECK_SUM}) % 11 END)::text
$$
"""
FIRST_NAMES = ["علی", "زهرا", "محمد", "فاطمه", "حسین", "مریم", "رضا", "سارا", "مهدی", "نرگس", "امیر", "لیلا"]
LAST_NAMES = ["احمدی", "محمدی", "حسینی", "رضایی", "کریمی", "موسوی", "جعفری", "صادقی", "رحیمی", "نوری"]


def sql_array(words: list[str]) -> str:
    return "ARRAY[" + ", ".join(f"'{w}'" for w in words) + "]"


def detach(conn: psycopg.Connection[Any]) -> list[str]:
    """Drop the five tables' keys, foreign keys (theirs and those pointing at them) and indexes; return
    the statements that build them again, keys first, foreign keys last."""
    tables = list(TABLES)
    constraints = conn.execute(
        """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype FROM pg_constraint
           WHERE (conrelid = ANY(%s::regclass[]) OR confrelid = ANY(%s::regclass[])) AND contype IN ('p', 'u', 'f')""",
        [tables, tables],
    ).fetchall()
    indexes = conn.execute(
        """SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i
           WHERE indrelid = ANY(%s::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c
             WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u'))""",
        [tables],
    ).fetchall()
    keys = [c for c in constraints if c[3] != "f"]
    foreign = [c for c in constraints if c[3] == "f"]
    for table, name, _, _ in foreign + keys:
        conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    build = [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for table, name, definition, _ in keys]
    build += [definition for _, definition in indexes]
    build += [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for table, name, definition, _ in foreign]
    return build


def in_halves(url: str, sql: str, count: int, setup: str = "") -> None:
    """Run `sql` (with {lo} and {hi}) over 0 … count-1 in two halves on two connections at once."""
    errors: list[BaseException] = []

    def run(lo: int, hi: int) -> None:
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                if setup:
                    conn.execute(setup)
                conn.execute(sql.format(lo=lo, hi=hi))
        except BaseException as error:
            errors.append(error)

    middle = count // 2
    threads = [
        threading.Thread(target=run, args=part) for part in ((0, middle - 1), (middle, count - 1)) if part[1] >= part[0]
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def generate(url: str, *, citizens: int, applications: int, events: int, audit: int, now: datetime.datetime,
             progress: Callable[[str], None]) -> dict[str, float]:  # fmt: skip
    """Fill the tables; return the seconds each step took. `events` per application."""
    timings: dict[str, float] = {}
    t0 = f"(TIMESTAMPTZ '{now.isoformat()}' - INTERVAL '{SPAN_SECONDS} seconds')"

    def step(name: str, action: Callable[[], None]) -> None:
        progress(f"{name}…")
        started = time.perf_counter()
        action()
        timings[name] = round(time.perf_counter() - started, 1)
        progress(f"{name}: {timings[name]} s")

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(NATIONAL_CODE_FUNCTION)
        user_base = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM auth_user").fetchone()[0]  # type: ignore[index]
        citizen_base = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM accounts_citizen").fetchone()[0]  # type: ignore[index]
        definitions = conn.execute(
            "SELECT id, agency_id, decision_mode, code FROM applications_servicedefinition ORDER BY id"
        ).fetchall()
        triples = conn.execute(
            """SELECT a.code, d.code, (SELECT p.code FROM exchange_purpose p JOIN exchange_dataservice_purposes dp
                 ON dp.purpose_id = p.id WHERE dp.dataservice_id = d.id ORDER BY p.code LIMIT 1)
               FROM exchange_dataservice d JOIN agencies_agency a ON a.id = d.provider_id ORDER BY d.id"""
        ).fetchall()
        if not triples or not definitions:
            raise RuntimeError("the sample exchange and smart services must be set up first")
        consumers = [r[0] for r in conn.execute("SELECT code FROM agencies_agency ORDER BY code LIMIT 40").fetchall()]
        conn.execute(
            "CREATE TABLE bench_defs (k integer PRIMARY KEY, id integer, agency_id integer, mode text, code text)"
        )
        with conn.cursor() as cursor:
            cursor.executemany("INSERT INTO bench_defs VALUES (%s, %s, %s, %s, %s)",
                               [(k, *row) for k, row in enumerate(definitions)])  # fmt: skip
        conn.execute("CREATE TABLE bench_triples (k integer PRIMARY KEY, provider text, service text, purpose text)")
        with conn.cursor() as cursor:
            cursor.executemany("INSERT INTO bench_triples VALUES (%s, %s, %s, %s)",
                               [(k, *row) for k, row in enumerate(triples)])  # fmt: skip
        if conn.execute("SELECT exists(SELECT 1 FROM exchange_auditrecord)").fetchone()[0]:  # type: ignore[index]
            raise RuntimeError("the audit log must be empty: its records are numbered from 1")
        event_base = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM applications_applicationevent").fetchone()[0]  # type: ignore[index]
        build = detach(conn)

    prefix = f"({FIRST_PREFIX} + n.i)"
    joined = f"({t0} + (n.i * {SPAN_SECONDS} / {max(citizens, 1)}) * INTERVAL '1 second')"
    step("citizens", lambda: in_halves(url, f"""
        INSERT INTO auth_user (id, password, last_login, is_superuser, username, first_name, last_name, email,
            is_staff, is_active, date_joined)
        SELECT {user_base} + n.i, '!' || md5(n.i::text), NULL, false, 'nc-' || bench_nc({prefix}), '', '', '',
            false, true, {joined}
        FROM generate_series({{lo}}::bigint, {{hi}}) AS n(i);
        INSERT INTO accounts_citizen (id, created_at, updated_at, user_id, national_code, first_name, last_name,
            father_name, birth_date, gender, mobile, identity_checked_at)
        SELECT {citizen_base} + n.i, {joined}, {joined}, {user_base} + n.i, bench_nc({prefix}),
            ({sql_array(FIRST_NAMES)})[1 + n.i % {len(FIRST_NAMES)}],
            ({sql_array(LAST_NAMES)})[1 + n.i % {len(LAST_NAMES)}],
            ({sql_array(FIRST_NAMES)})[1 + (n.i / 7) % {len(FIRST_NAMES)}], DATE '1945-01-01' + (n.i % 25000)::int,
            CASE WHEN n.i % 2 = 0 THEN 'male' ELSE 'female' END, '', {joined}
        FROM generate_series({{lo}}::bigint, {{hi}}) AS n(i)
    """, citizens))  # fmt: skip

    # Each citizen gets applications / citizens of them (a stride coprime with the count spreads them).
    submitted = f"({t0} + ((n.i * {SPAN_SECONDS}) / {max(applications, 1)}) * INTERVAL '1 second')"
    step("applications", lambda: in_halves(url, f"""
        INSERT INTO applications_application (id, tracking_code, citizen_id, definition_id, agency_id, data, status,
            decision_mode, submitted_at, updated_at, due_at, promised_by, decided_at, decision_reason, decided_by,
            decided_automatically, rule_version, inputs_hash, assigned_to_id, claimed_at, appealed_at, attempts)
        SELECT md5('a' || n.i)::uuid, 'b' || lpad(n.i::text, 11, '0'), {citizen_base} + (n.i * 7919) % {citizens},
            d.id, d.agency_id, jsonb_build_object('postal_code', lpad((n.i % 9999999999)::text, 10, '1'),
            'reason', 'تمدید'), CASE WHEN n.i % 20 = 0 THEN 'waiting_for_agency' WHEN n.i % 9 = 0 THEN 'rejected'
            ELSE 'issued' END, d.mode, {submitted}, {submitted} + INTERVAL '1 hour',
            CASE WHEN d.mode = 'automatic' THEN NULL ELSE {submitted} + INTERVAL '48 hours' END,
            {submitted} + INTERVAL '48 hours',
            CASE WHEN n.i % 20 = 0 THEN NULL ELSE {submitted} + (n.i % 100) * INTERVAL '1 hour' END,
            CASE WHEN n.i % 20 = 0 THEN '' ELSE 'بر پایه استعلام از دستگاه‌های مسئول' END, '',
            d.mode = 'automatic' AND n.i % 20 <> 0, d.code || '@1', md5(n.i::text) || md5((n.i + 1)::text),
            NULL, NULL, NULL, 1
        FROM generate_series({{lo}}::bigint, {{hi}}) AS n(i) JOIN bench_defs d ON d.k = n.i % {len(definitions)}
    """, applications))  # fmt: skip
    if events:
        step("events", lambda: in_halves(url, f"""
            INSERT INTO applications_applicationevent (id, application_id, at, status, message, actor, actor_name)
            SELECT {event_base} + n.i, md5('a' || (n.i / {events}))::uuid,
                {t0} + (((n.i / {events}) * {SPAN_SECONDS}) / {max(applications, 1)} + (n.i % {events}) * 3600)
                    * INTERVAL '1 second',
                CASE WHEN n.i % {events} = 0 THEN 'submitted' ELSE 'issued' END,
                CASE WHEN n.i % {events} = 0 THEN 'درخواست ثبت شد و کد رهگیری صادر شد.'
                     ELSE 'درخواست بررسی و نتیجه اعلام شد.' END,
                CASE WHEN n.i % {events} = 0 THEN 'citizen' ELSE 'system' END, ''
            FROM generate_series({{lo}}::bigint, {{hi}}) AS n(i)
        """, applications * events))  # fmt: skip

    # The audit log: in time order; about the citizens at random; hashes as wide as the real chain's
    # (two md5s a row, each hex string used twice: the width is what the benchmark needs, not the chain).
    at = f"({t0} + ((n.i * {SPAN_SECONDS}) / {max(audit, 1)}) * INTERVAL '1 second')"
    step("audit", lambda: in_halves(url, f"""
        INSERT INTO exchange_auditrecord (id, seq, at, consumer, consumer_agency, provider, data_service, purpose,
            subject, application, outcome, status, latency_ms, request_hash, response_hash, jti, prev_hash, hash)
        SELECT n.i + 1, n.i + 1, {at}, 'window', ({sql_array(consumers)})[1 + n.i % {len(consumers)}], t.provider,
            t.service, t.purpose, bench_nc({FIRST_PREFIX} + (n.i * 104729) % {citizens}),
            CASE WHEN n.i % 2 = 0 THEN '' ELSE 'b' || lpad(((n.i * 31) % {max(applications, 1)})::text, 11, '0') END,
            CASE WHEN n.i % 33 = 0 THEN 'provider_timeout' ELSE 'ok' END, CASE WHEN n.i % 33 = 0 THEN 504 ELSE 200 END,
            20 + (n.i * 7919) % 400, reverse(h.m) || h.next, h.next || h.m, h.next::uuid::text,
            h.m || reverse(h.m), h.next || reverse(h.next)
        FROM generate_series({{lo}}::bigint, {{hi}}) AS n(i) JOIN bench_triples t ON t.k = n.i % {len(triples)}
        CROSS JOIN LATERAL (SELECT md5(n.i::text) AS m, md5((n.i + 1)::text) AS next) AS h
    """, audit))  # fmt: skip

    def rebuild() -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '1GB'")
            conn.execute("SET max_parallel_maintenance_workers = 2")
            for statement in build:
                conn.execute(statement)

    step("indexes_and_keys", rebuild)

    def finish() -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DROP TABLE bench_defs, bench_triples")
            conn.execute("DROP FUNCTION bench_nc(bigint)")
            for table in TABLES:
                if table == "applications_application":
                    continue  # its ids are UUIDs: no sequence
                conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f"(SELECT coalesce(max(id), 1) FROM {table}))")  # fmt: skip
            # The chain's head as the writer would have left it (the gateway signs the next one).
            conn.execute(
                """INSERT INTO exchange_audithead (id, seq, hash, key_id, signature)
                   VALUES (1, %s, md5((%s)::text) || reverse(md5((%s)::text)), '', '')
                   ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash""",
                [audit, audit, audit],
            )
            conn.execute("VACUUM (ANALYZE)")

    step("vacuum_analyze", finish)
    return timings


def sizes(url: str) -> dict[str, dict[str, int]]:
    """Rows, bytes (with indexes and TOAST) and relations (table, indexes, TOAST) of each generated table."""
    out: dict[str, dict[str, int]] = {}
    with psycopg.connect(url) as conn:
        for table in TABLES:
            rows, total, relations = conn.execute(  # the planner's count after ANALYZE: exact enough, and instant
                f"""SELECT greatest(reltuples, 0)::bigint, pg_total_relation_size(oid),
                       2 + (SELECT count(*) FROM pg_index WHERE indrelid = c.oid) + (reltoastrelid <> 0)::int
                    FROM pg_class c WHERE oid = '{table}'::regclass"""
            ).fetchone()  # type: ignore[misc]
            out[table] = {"rows": int(rows), "bytes": int(total), "relations": int(relations)}
    return out

"""Search benchmark: a 10,000-service catalog, 1,000 queries with every variant of issue 2, and
the two kinds of issue 29: a broken plural for its singular or the reverse (`broken_plural`), and
a word whose synonym is in the titles of many near-twins while one service has the word itself in
its keywords (`synonym_near_twins`, on services the benchmark adds for it).

Prints p50/p95 of the search in-process and through HTTP (granian WSGI on loopback), page
times for home/results/profile, recall@5 on the variant pairs, the time to load the catalog,
and as its last line one JSON object with all the figures.

    uv run python bench/search.py [--services 10000] [--queries 1000] [--http-queries 1000]
                                  [--kind-queries 200]

It uses its own database in a temporary folder (SQLite), or a fresh PostgreSQL database when
DATABASE_URL names a PostgreSQL server. Benchmarks are not tests: nothing here asserts.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import free_port, fresh_database, migrate  # noqa: E402

ARABIC = str.maketrans({"ی": "ي", "ک": "ك"})
PERSIAN_TO_ARABIC_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩")
LATIN_TO_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ZWNJ = "\u200c"
FATHA, KASRA, DAMMA = "\u064e", "\u0650", "\u064f"
LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def variants(title: str, keywords: list[str], rng: random.Random, vocabulary: set[str]) -> list[tuple[str, str]]:
    """(kind, query) pairs that a person might type for this title."""
    from panjereh.persian import tokens

    out: list[tuple[str, str]] = [("exact", title)]
    if "ی" in title or "ک" in title:
        out.append(("arabic_letters", title.translate(ARABIC)))
    if ZWNJ in title:
        out.append(("zwnj_dropped", title.replace(ZWNJ, "")))
        out.append(("zwnj_as_space", title.replace(ZWNJ, " ")))
    words = title.split()
    if len(words) >= 2:
        # join two words that were written apart (سیم کارت → سیمکارت)
        i = rng.randrange(len(words) - 1)
        out.append(("space_dropped", " ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]])))
    if any(ch.isdigit() for ch in title):
        out.append(("arabic_digits", title.translate(PERSIAN_TO_ARABIC_DIGITS)))
        out.append(("latin_digits", title.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))))
    out.append(
        (
            "diacritics",
            "".join(
                ch + (rng.choice([FATHA, KASRA, DAMMA]) if ch in LETTERS and rng.random() < 0.3 else "") for ch in title
            ),
        )
    )
    if "ا" in title:
        out.append(("hamza", title.replace("ا", "أ", 1) if not title.startswith("ا") else title.replace("ا", "إ", 1)))
    from panjereh.catalog.synonyms import SYNONYMS

    for group in SYNONYMS:
        present = [phrase for phrase in group if phrase in title]
        if present:
            other = rng.choice(
                [phrase for phrase in group if phrase not in present[0] and present[0] not in phrase] or [""]
            )
            if other:
                out.append(("synonym", title.replace(present[0], other, 1)))
            break
    typo = _typo(title, rng, vocabulary, tokens)
    if typo:
        out.append(("typo", typo))
    for keyword in keywords[:1]:
        out.append(("keyword", keyword))
    return out


def broken_plural(title: str, rng: random.Random) -> str | None:
    """The title with one word that has a broken plural (or is one) turned into the other form."""
    from panjereh.persian import normalize
    from panjereh.persian.plurals import BROKEN_PLURALS

    plural_of = {singular: plural for plural, singular in reversed(BROKEN_PLURALS.items())}
    words = title.split()
    swaps = []
    for i, word in enumerate(words):
        form = normalize(word)
        other = BROKEN_PLURALS.get(form) or plural_of.get(form)
        if other:
            swaps.append((i, other))
    if not swaps:
        return None
    i, other = rng.choice(swaps)
    return " ".join([*words[:i], other, *words[i + 1 :]])


# Near-twins for `synonym_near_twins`: the same act for many kinds of one thing.
TWIN_KINDS = ["تحصیلی", "کاری", "توریستی", "زیارتی", "تجاری", "پزشکی", "ورزشی", "دانشجویی", "خانوادگی", "فرهنگی",
              "موقت", "فوری"]  # fmt: skip
# Acts the sample catalog does not use, so each query meets only the services added for it.
TWIN_ACTS = ["بازگشایی", "جابجایی", "توقف", "ازسرگیری", "تعلیق", "بایگانی", "ضبط", "ترهین", "تهاتر"]


def synonym_near_twins(vocabulary: set[str], limit: int) -> tuple[list[dict[str, object]], list[tuple[str, str]]]:
    """Records to import and (query, expected code) pairs: for a synonym pair (a, b), twelve
    services «act a kind» and one «act …» whose keywords hold b; the query is «act b»."""
    from panjereh.catalog.synonyms import SYNONYMS
    from panjereh.persian import compact, tokens

    acts = [act for act in TWIN_ACTS if act not in vocabulary][:2]
    records: list[dict[str, object]] = []
    queries: list[tuple[str, str]] = []
    for g, group in enumerate(SYNONYMS):
        title_word, typed = group[0], group[-1]
        # a spelling of the same words («ثبت‌نام», «ثبتنام») or a longer phrase is no synonym case
        one, other = compact(title_word), compact(typed)
        if one in other or other in one or set(tokens(title_word)) & set(tokens(typed)) or len(tokens(typed)) > 2:
            continue
        for a, act in enumerate(acts):
            if len(queries) >= limit:
                return records, queries
            code = f"bench-twins-{g}-{a}"
            records += [_record(f"{code}-{k}", f"{act} {title_word} {kind}", []) for k, kind in enumerate(TWIN_KINDS)]
            records.append(_record(code, f"{act} درخواست شماره {g}{a}", [typed]))
            queries.append((f"{act} {typed}", code))
    return records, queries


def _record(code: str, title: str, keywords: list[str]) -> dict[str, object]:
    return {
        "code": code, "agency": {"code": "bench-twins", "name": "دستگاه آزمایشی"}, "title": title, "summary": "",
        "audience": "G2C", "maturity": "semi", "smart": False, "channels": ["web"], "requirements": [],
        "fee_rials": 0, "sla_days": 3, "keywords": keywords,
    }  # fmt: skip


def _typo(title: str, rng: random.Random, vocabulary: set[str], tokens: object) -> str | None:
    words = title.split()
    candidates = [i for i, word in enumerate(words) if len(word) >= 5 and ZWNJ not in word and word.isalpha()]
    if not candidates:
        return None
    i = rng.choice(candidates)
    word = words[i]
    for _ in range(20):
        j = rng.randrange(1, len(word) - 1)
        kind = rng.choice(["delete", "insert", "substitute", "swap"])
        if kind == "delete":
            typo = word[:j] + word[j + 1 :]
        elif kind == "insert":
            typo = word[:j] + rng.choice(LETTERS) + word[j:]
        elif kind == "substitute":
            typo = word[:j] + rng.choice(LETTERS) + word[j + 1 :]
        else:
            typo = word[: j - 1] + word[j] + word[j - 1] + word[j + 1 :]
        # A "typo" that is itself a real word is a different query, not a typo.
        if typo != word and typo not in vocabulary:
            return " ".join([*words[:i], typo, *words[i + 1 :]])
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--http-queries", type=int, default=1_000)
    parser.add_argument("--page-requests", type=int, default=200)
    parser.add_argument("--kind-queries", type=int, default=200, help="queries of each of issue 29's kinds")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    database = fresh_database("bench-search")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from panjereh.catalog.imports import catalog_import
    from panjereh.catalog.models import Service
    from panjereh.catalog.sample_loader import sample_load
    from panjereh.catalog.search import refresh_statistics, search_services
    from panjereh.catalog.search.engine import lexicon

    migrate()
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    report = sample_load(services=args.services)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    sample_load(services=args.services)
    reload_s = time.perf_counter() - started
    print(
        f"catalog: {Service.objects.count()} services on {connection.vendor}; load {load_s:.1f}s "
        f"(created {report.created}, rejected {len(report.rejected)}); idempotent reload {reload_s:.1f}s"
    )

    rng = random.Random(args.seed)
    vocabulary = set(lexicon().vocabulary.doc_freq)
    services = list(Service.objects.values_list("code", "title", "keywords"))
    pairs: list[tuple[str, str, str]] = []  # (kind, query, expected code)
    while len(pairs) < args.queries:
        code, title, keywords = rng.choice(services)
        kind, query = rng.choice(variants(title, list(keywords), rng, vocabulary))
        if kind == "keyword":
            continue  # a keyword alone names many services; measured separately below
        pairs.append((kind, query, code))
    plural_titles = [(code, title) for code, title, _ in services if broken_plural(title, rng)]
    for code, title in rng.sample(plural_titles, min(args.kind_queries, len(plural_titles))):
        pairs.append(("broken_plural", broken_plural(title, rng) or title, code))
    twin_records, twin_queries = synonym_near_twins(vocabulary, args.kind_queries)
    twin_report = catalog_import(enumerate(twin_records, start=1))
    refresh_statistics()  # as after any bulk load (the import itself does it from 1,000 services)
    pairs += [("synonym_near_twins", query, code) for query, code in twin_queries]
    print(
        f"issue 29 kinds: {len(plural_titles)} titles with a broken plural or its singular; "
        f"{twin_report.created} near-twin services added for {len(twin_queries)} synonym queries"
    )
    rng.shuffle(pairs)

    for _kind, query, _code in pairs[:50]:  # warm up caches
        search_services(query)
    latencies: list[float] = []
    hits: dict[str, list[bool]] = {}
    misses: list[tuple[str, str, str]] = []
    for kind, query, code in pairs:
        started = time.perf_counter()
        page = search_services(query, page_size=5)
        latencies.append((time.perf_counter() - started) * 1000)
        found = code in [service.code for service in page.services]
        hits.setdefault(kind, []).append(found)
        if not found:
            misses.append((kind, query, code))
    recall = sum(sum(v) for v in hits.values()) / len(pairs)
    print(
        f"in-process: {len(pairs)} queries, p50 {percentile(latencies, 0.5):.2f} ms, "
        f"p95 {percentile(latencies, 0.95):.2f} ms, max {max(latencies):.2f} ms"
    )
    print("recall@5 by variant: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(hits.items())))
    for kind, query, code in misses[:10]:
        print(f"  miss [{kind}] {query!r} → expected {code}")
    broad_ms = broad_words([title for _code, title, _ in services])
    print(
        f"in-process, the {BROAD_WORDS} commonest title words alone (each matches hundreds or thousands): "
        f"p50 {percentile(broad_ms, 0.5):.2f} ms, p95 {percentile(broad_ms, 0.95):.2f} ms"
    )

    port = free_port()
    env = {**os.environ, "SECURE_COOKIES": "0", "PUBLIC_RATE_PER_IP": ""}  # one client measuring, not a flood
    server = subprocess.Popen(
        [sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "1", "--blocking-threads", "1", "--log-level", "warning", "panjereh.wsgi:application"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        conn = _wait_for(port)
        http_ms = [
            _get(conn, "/api/v1/services?" + urllib.parse.urlencode({"q": q}))
            for _k, q, _c in pairs[: args.http_queries]
        ]
        sample_code = services[0][0]
        pages = {
            "home": "/",
            "results": "/services/?" + urllib.parse.urlencode({"q": "تمدید گواهینامه"}),
            "profile": f"/services/{sample_code}/",
        }
        page_ms = {name: [_get(conn, path) for _ in range(args.page_requests)] for name, path in pages.items()}
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        database.drop()

    print(
        f"HTTP /api/v1/services: {len(http_ms)} requests, "
        f"p50 {percentile(http_ms, 0.5):.2f} ms, p95 {percentile(http_ms, 0.95):.2f} ms"
    )
    for name, values in page_ms.items():
        print(f"page {name}: p50 {percentile(values, 0.5):.2f} ms, p95 {percentile(values, 0.95):.2f} ms")
    figures = {
        "database": connection.vendor,
        "services": args.services,
        "twin_services_added": twin_report.created,
        "queries": len(pairs),
        "load_s": round(load_s, 2),
        "reload_s": round(reload_s, 2),
        "inprocess_p50_ms": round(percentile(latencies, 0.5), 2),
        "inprocess_p95_ms": round(percentile(latencies, 0.95), 2),
        "broad_words_p95_ms": round(percentile(broad_ms, 0.95), 2),
        "http_p50_ms": round(percentile(http_ms, 0.5), 2),
        "http_p95_ms": round(percentile(http_ms, 0.95), 2),
        "page_p95_ms": {name: round(percentile(values, 0.95), 2) for name, values in page_ms.items()},
        "recall_at_5": round(recall, 4),
        "recall_by_variant": {k: round(sum(v) / len(v), 4) for k, v in sorted(hits.items())},
        "mean_inprocess_ms": round(statistics.fmean(latencies), 2),
    }
    print(json.dumps(figures, ensure_ascii=False))


BROAD_WORDS = 300


def broad_words(titles: list[str]) -> list[float]:
    """Times (ms) of searching each of the commonest title words alone, three times: the queries whose
    matches are the most numerous, which the title-shaped queries above do not reach."""
    from collections import Counter

    from panjereh.catalog.search import search_services
    from panjereh.persian import tokens

    counts = Counter(word for title in titles for word in set(tokens(title)) if len(word) > 2)
    words = [word for word, _ in counts.most_common(BROAD_WORDS)]
    for word in words:  # warm
        search_services(word)
    times = []
    for _ in range(3):
        for word in words:
            started = time.perf_counter()
            search_services(word)
            times.append((time.perf_counter() - started) * 1000)
    return times


def _wait_for(port: int) -> http.client.HTTPConnection:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return conn
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not start")


def _get(conn: http.client.HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    return elapsed


if __name__ == "__main__":
    main()

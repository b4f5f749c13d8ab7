"""Sample data: a deterministic generator of service profiles («شناسنامه خدمت»).

SYNTHETIC SAMPLE DATA.  Titles are built from real kinds of Iranian government
services (see :mod:`.subjects`), but every profile -- its maturity, smart flag,
fee, time, requirements, legal basis, dates and URL -- is invented.  Nothing
here is a claim about any real agency's real service.

``generate_services(count, seed)`` returns exactly ``count`` dicts in the
project's JSON Lines import format, always the same for the same arguments
(stdlib only; all randomness comes from ``random.Random(seed)``).  The list
starts with a fixed set of flagship services (:data:`.flagships.FLAGSHIPS`).  Maturity
shares follow the published evaluation (21% fully electronic, 61% semi, 7%
inherently non-electronic, 11% not yet electronic) and about 12% of all
services are smart.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from panjereh.catalog.synonyms import SYNONYMS
from panjereh.core.provinces import PROVINCES

from .agencies import AGENCIES, AGENCIES_BY_CODE, MUNICIPALITY_CITIES
from .flagships import CATALOGUE_WEIGHTS, FLAGSHIPS, KIND_WEIGHTS
from .subjects import (
    ACTIONS,
    BANK_SUBJECTS,
    GENERIC_FIRST,
    GENERIC_SUBJECTS,
    MUNICIPAL_SUBJECTS,
    SUBJECTS,
)
from .texts import (
    ACTION_SUMMARY,
    AUDIENCE_PHRASE,
    AUDIENCE_RULES,
    CATEGORY_RULES,
    CONDITIONS,
    DEFAULT_DISTRICTS,
    DEFAULT_UNIT_TEMPLATE,
    DOCUMENTS,
    EGOV_BASES,
    FEES_RIALS,
    LAWS,
    LIFE_EVENT_RULES,
    MATURITY_SENTENCE,
    MISSION_TEMPLATE,
    MISSIONS,
    MUNICIPAL_DISTRICTS,
    OFFLINE_HINTS,
    STEPS,
    UNIT_TEMPLATES,
)

SERVICE_KEYS = (
    "code",
    "agency",
    "title",
    "summary",
    "description",
    "audience",
    "maturity",
    "smart",
    "channels",
    "requirements",
    "fee_rials",
    "sla_days",
    "keywords",
    "legal_basis",
    "revision",
    "approved_on",
    "categories",
    "life_events",
    "service_url",
)
AUDIENCES = ("G2C", "G2B", "G2B2C", "G2G")
MATURITIES = ("full", "semi", "offline_by_nature", "not_yet")
CHANNELS = ("web", "mobile", "in_person", "kiosk", "phone")
MATURITY_SHARES = {"full": 0.21, "semi": 0.61, "offline_by_nature": 0.07, "not_yet": 0.11}
SMART_SHARE = 0.12
MIN_PER_AGENCY = 3

_STATUS_BONUS = {"connected": 0.2, "launched": 0.0, "not_started": -0.4}
_FULL_BONUS = {
    "inquiry": 0.35,
    "pay": 0.35,
    "get": 0.25,
    "verify": 0.25,
    "track": 0.2,
    "register": 0.15,
    "record": 0.1,
    "renew": 0.05,
    "request": -0.05,
    "issue": -0.05,
    "inspect": -0.5,
}
_SMART_BONUS = {"inquiry": 0.4, "verify": 0.4, "get": 0.3, "pay": 0.3, "track": 0.2, "renew": 0.1}
_FREE_ACTIONS = frozenset({"inquiry", "track", "verify", "object", "record", "get"})
_NO_DOCUMENT_ACTIONS = frozenset({"inquiry", "track", "verify", "get", "pay"})
_CHANNEL_PHRASE = {
    "web": "درگاه اینترنتی",
    "mobile": "برنامک تلفن همراه",
    "in_person": "مراجعه حضوری",
    "kiosk": "پیشخوان خدمات دولت",
    "phone": "تماس تلفنی",
}
Service = dict[str, Any]

_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_FIRST_APPROVAL = date(2019, 1, 1)
_LAST_APPROVAL = date(2025, 12, 31)


def fa(value: object) -> str:
    """Write a number with Persian digits (and ٬ as the thousands separator)."""
    text = f"{value:,}" if isinstance(value, int) else str(value)
    return text.replace(",", "٬").translate(_FA_DIGITS)


# --------------------------------------------------------------- candidates
# A candidate is (code, titles to try in order, base title, phrase, action,
# category, audience).  The base title is the title without any agency or
# office suffix; keyword rules look at it only.
Candidate = tuple[str, tuple[str, ...], str, str, str, str, str | None]


def _subjects_for(code: str) -> list[tuple[str, tuple[str, ...]]]:
    """The (category, subject) pairs an agency offers."""
    kind = AGENCIES_BY_CODE[code]["kind"]
    tables = [SUBJECTS.get(code, {})]
    if kind == "municipality":
        tables.append(MUNICIPAL_SUBJECTS)
    elif kind == "bank" and code != "cbi":
        tables.append(BANK_SUBJECTS)
    return [(cat, subj) for table in tables for cat, subjs in table.items() for subj in subjs]


def _units(agency: Service) -> list[tuple[str, str]]:
    """(code fragment, Persian label) of the agency's provincial or local offices."""
    code, name = agency["code"], agency["name"]
    if code in MUNICIPALITY_CITIES:
        n = MUNICIPAL_DISTRICTS.get(code, DEFAULT_DISTRICTS)
        return [(f"d{i:02d}", f"{name}، منطقه {fa(i)}") for i in range(1, n + 1)]
    if code == "mfa":
        return [(key, MISSION_TEMPLATE.format(p=city)) for key, city in MISSIONS]
    template = UNIT_TEMPLATES.get(code, DEFAULT_UNIT_TEMPLATE)
    return [(key, template.format(p=prov, agency=name)) for key, prov in PROVINCES]


def _qualify(title: str, label: str) -> str:
    """«title (label)», or «title - label» when either already has parentheses."""
    return f"{title} - {label}" if "(" in title or "(" in label else f"{title} ({label})"


def _candidates(agency: Service, skip_titles: set[str]) -> Iterator[Candidate]:
    """All titles an agency could list, most natural first.

    First every subject with its first action, then with its second action...;
    then the generic services (only the most common ones for agencies with
    provincial or local offices); then the subjects again at each office, with
    any remaining generic services after the first office.
    """
    code, name = agency["code"], agency["name"]
    pairs = _subjects_for(code)
    base: list[Candidate] = []
    depth = max((len(s[2].split()) for _, s in pairs), default=0)
    for i in range(depth):
        for category, subject in pairs:
            key, phrase, actions = subject[0], subject[1], subject[2].split()
            if i >= len(actions):
                continue
            action = actions[i]
            fragment, template = ACTIONS[action]
            title = template.format(phrase)
            if title in skip_titles:
                continue
            cand_code = f"{code}-{key}-{fragment}" if fragment else f"{code}-{key}"
            audience = subject[3] if len(subject) > 3 else None
            base.append((cand_code, (title, _qualify(title, name)), title, phrase, action, category, audience))
    home = pairs[0][0] if pairs else "civic-participation"
    generic: list[Candidate] = [
        (f"{code}-{key}", (_qualify(phrase, name),), phrase, phrase, "main", category or home, audience)
        for key, phrase, category, audience in GENERIC_SUBJECTS
    ]
    # Agencies known for provincial or local offices list those early; the
    # others list every generic service before any provincial variant.
    has_offices = code in UNIT_TEMPLATES or code in MUNICIPALITY_CITIES or code == "mfa"
    first = GENERIC_FIRST if has_offices else len(generic)
    yield from base
    yield from generic[:first]
    for n, (unit_key, label) in enumerate(_units(agency)):
        for cand_code, _titles, title, phrase, action, category, audience in base:
            yield (f"{cand_code}-{unit_key}", (_qualify(title, label),), title, phrase, action, category, audience)
        if n == 0:
            yield from generic[first:]


def _allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` by weight (largest remainder), at least 3 each if possible."""
    n = len(weights)
    floor = MIN_PER_AGENCY if total >= MIN_PER_AGENCY * n else 0
    rest = total - floor * n
    extra = [max(w - floor, 0.5) for w in weights]
    scale = rest / sum(extra)
    raw = [e * scale for e in extra]
    quotas = [int(r) for r in raw]
    by_remainder = sorted(range(n), key=lambda i: (quotas[i] - raw[i], i))
    for i in by_remainder[: rest - sum(quotas)]:
        quotas[i] += 1
    return [floor + q for q in quotas]


# ------------------------------------------------------------------ rules
Rules = list[tuple[str, "re.Pattern[str]"]]


def _compile(rules: list[tuple[str, tuple[str, ...]]]) -> Rules:
    """One whole-word regex per rule value (titles are matched space-padded)."""
    return [(value, re.compile("(?<= )(?:" + "|".join(map(re.escape, words)) + ")(?= )")) for value, words in rules]


_AUDIENCE_RULES = _compile(AUDIENCE_RULES)
_CATEGORY_RULES = _compile(CATEGORY_RULES)
_LIFE_EVENT_RULES = _compile(LIFE_EVENT_RULES)
_OFFLINE_RULE = _compile([("offline", OFFLINE_HINTS)])[0][1]
_SYNONYM_RULES = [(group, _compile([("", group)])[0][1]) for group in SYNONYMS]


def _padded(text: str) -> str:
    """The title's words between single spaces, so keywords match whole words only."""
    for mark in "()،":
        text = text.replace(mark, " ")
    return f" {' '.join(text.split())} "


def _squeeze(text: str) -> str:
    """Drop spaces and ZWNJs, so spelling variants of a title's words compare equal."""
    return text.replace(" ", "").replace("\u200c", "")


def _first_matches(title: str, rules: Rules, limit: int) -> list[str]:
    padded = _padded(title)
    found = [value for value, pattern in rules if pattern.search(padded)]
    return list(dict.fromkeys(found))[:limit]


@functools.cache
def _title_facts(base: str) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(audience, extra categories, life events, keywords) read off a base title."""
    audience = (_first_matches(base, _AUDIENCE_RULES, 1) or ["G2C"])[0]
    categories = tuple(_first_matches(base, _CATEGORY_RULES, 2))
    life_events = tuple(_first_matches(base, _LIFE_EVENT_RULES, 2))
    padded = _padded(base)
    keywords: list[str] = []
    squeezed = _squeeze(base)
    for group, pattern in _SYNONYM_RULES:
        if pattern.search(padded):
            keywords += [w for w in group if _squeeze(w) not in squeezed and w not in keywords]
    return audience, categories, life_events, tuple(keywords[:6])


# ---------------------------------------------------------------- profile
def _assign_maturity(records: list[Service], count: int, rng: random.Random) -> None:
    """Set maturity and smart on generated records so the totals hit the shares."""
    fixed = [r for r in records if "maturity" in r]
    free = [r for r in records if "maturity" not in r]
    target = {m: round(count * share) for m, share in MATURITY_SHARES.items()}
    target["not_yet"] = count - target["full"] - target["semi"] - target["offline_by_nature"]
    for r in fixed:
        target[r["maturity"]] -= 1
    target = {m: max(n, 0) for m, n in target.items()}

    hinted = [r for r in free if _OFFLINE_RULE.search(_padded(r["base"]))]
    rng.shuffle(hinted)
    offline = hinted[: target["offline_by_nature"]]
    taken = {id(r) for r in offline}
    rest = [r for r in free if id(r) not in taken]
    if len(offline) < target["offline_by_nature"]:
        extra = rng.sample(rest, min(target["offline_by_nature"] - len(offline), len(rest)))
        offline += extra
        taken |= {id(r) for r in extra}
        rest = [r for r in rest if id(r) not in taken]
    for r in offline:
        r["maturity"], r["smart"] = "offline_by_nature", False

    def score(r: Service) -> float:
        status = AGENCIES_BY_CODE[r["agency"]]["window_status"]
        return rng.random() + _STATUS_BONUS[status] + _FULL_BONUS.get(r["action"], 0.0)

    ranked = sorted(rest, key=score, reverse=True)
    n_full = min(target["full"], len(ranked))
    n_not_yet = min(target["not_yet"], len(ranked) - n_full)
    for i, r in enumerate(ranked):
        if i < n_full:
            r["maturity"] = "full"
        elif i >= len(ranked) - n_not_yet:
            r["maturity"] = "not_yet"
        else:
            r["maturity"] = "semi"
        r["smart"] = False

    smart_left = round(count * SMART_SHARE) - sum(1 for r in fixed if r["smart"])
    full = [r for r in free if r["maturity"] == "full"]
    full.sort(key=lambda r: rng.random() + _SMART_BONUS.get(r["action"], 0.0), reverse=True)
    for r in full[: max(smart_left, 0)]:
        r["smart"] = True


def _channels(maturity: str, smart: bool, rng: random.Random) -> list[str]:
    if maturity == "full":
        chosen = {"web", "mobile"} if smart or rng.random() < 0.7 else {"web"}
        if not smart and rng.random() < 0.2:
            chosen.add("kiosk")
    elif maturity == "semi":
        chosen = {"web", "in_person"}
        if rng.random() < 0.4:
            chosen.add("mobile")
    else:
        chosen = {"in_person"}
    if rng.random() < 0.15:
        chosen.add("phone")
    return [c for c in CHANNELS if c in chosen]


def _requirements(category: str, action: str, audience: str, smart: bool, fee: int, rng: random.Random) -> list[str]:
    conditions = rng.sample(CONDITIONS, rng.randint(0, 2 if smart else 1))
    if smart:  # smart services never ask for documents
        return conditions + (["پرداخت الکترونیکی هزینه خدمت"] if fee else [])
    if action in _NO_DOCUMENT_ACTIONS:
        return conditions
    citizen_docs, business_docs = DOCUMENTS.get(category, DOCUMENTS["civic-participation"])
    docs = citizen_docs if audience == "G2C" else business_docs
    return conditions + [f"تصویر {d}" for d in rng.sample(docs, rng.randint(0, 3))]


def _legal_basis(category: str, rng: random.Random) -> str:
    if rng.random() < 0.25:
        return rng.choice(EGOV_BASES)
    law, articles = rng.choice(LAWS[category])
    roll = rng.random()
    article = fa(rng.randint(1, articles))
    if roll < 0.6:
        return f"ماده {article} {law}"
    if roll < 0.75:
        return f"تبصره {fa(rng.randint(1, 4))} ماده {article} {law}"
    if roll < 0.9 and law.startswith("قانون"):
        return f"آیین‌نامه اجرایی {law}"
    return law


def _join_fa(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "، ".join(items[:-1]) + " و " + items[-1]


def _description(r: Service, agency: Service) -> str:
    kind = "smart" if r["smart"] else r["maturity"]
    steps = "؛ ".join(STEPS[kind])
    channels = _join_fa([_CHANNEL_PHRASE[c] for c in r["channels"]])
    sla = r["sla_days"]
    parts = [
        f"«{r['title']}» از خدمات {agency['name']} است و {AUDIENCE_PHRASE[r['audience']]} "
        f"می‌توانند آن را از طریق {channels} دریافت کنند.",
        f"مراحل انجام کار: {steps}.",
        "نتیجه در همان روز اعلام می‌شود." if sla == 0 else f"حداکثر زمان انجام کار {fa(sla)} روز کاری است.",
        "این خدمت رایگان است." if r["fee_rials"] == 0 else f"هزینه خدمت {fa(r['fee_rials'])} ریال است.",
    ]
    if r["maturity"] == "full":
        parts.append("اطلاعات لازم از دستگاه‌های دیگر به‌صورت الکترونیکی استعلام می‌شود.")
    return " ".join(parts)


def _profile(r: Service, rng: random.Random) -> Service:
    """Turn a generated record into a full service profile."""
    agency = AGENCIES_BY_CODE[r["agency"]]
    title, action, category = r["title"], r["action"], r["category"]
    audience, more_categories, matched_events, matched_keywords = _title_facts(r["base"])
    audience = r.get("audience") or audience
    maturity, smart = r["maturity"], r["smart"]
    if "fee" in r:
        fee = r["fee"]
    elif action in _FREE_ACTIONS or audience == "G2G" or rng.random() < 0.4:
        fee = 0
    else:
        fee = rng.choice(FEES_RIALS)
    if "sla" in r:
        sla = r["sla"]
    elif smart:
        sla = rng.choice((0, 0, 0, 1))
    else:
        low, high = {"full": (0, 7), "semi": (3, 30), "offline_by_nature": (1, 30), "not_yet": (7, 90)}[maturity]
        sla = rng.randint(low, high)
    categories = [category] + [c for c in more_categories if c != category]
    life_events = r.get("life_events") or list(matched_events)
    summary_key = "smart" if smart else maturity
    summary = ACTION_SUMMARY[action].format(p=r["phrase"], a=agency["name"])
    slug = r["code"][len(agency["code"]) + 1 :] or "service"
    website = agency["website"]
    profile = {
        "code": r["code"],
        "agency": {"code": agency["code"], "name": agency["name"]},
        "title": title,
        "summary": f"{summary} {MATURITY_SENTENCE[summary_key]}",
        "description": "",
        "audience": audience,
        "maturity": maturity,
        "smart": smart,
        "channels": _channels(maturity, smart, rng),
        "requirements": _requirements(category, action, audience, smart, fee, rng),
        "fee_rials": fee,
        "sla_days": sla,
        "keywords": list(r.get("keywords") or matched_keywords),
        "legal_basis": _legal_basis(category, rng),
        "revision": rng.choices((1, 2, 3, 4, 5, 6), weights=(30, 25, 18, 12, 8, 7))[0],
        "approved_on": (
            _FIRST_APPROVAL + timedelta(days=rng.randrange((_LAST_APPROVAL - _FIRST_APPROVAL).days + 1))
        ).isoformat(),
        "categories": categories[:2],
        "life_events": life_events[:2],
        "service_url": f"{website}/services/{slug}" if website and maturity != "not_yet" else "",
    }
    profile["description"] = _description(profile, agency)
    return profile


# ------------------------------------------------------------------ public
def generate_services(count: int = 4200, seed: int = 1403) -> list[Service]:
    """Return ``count`` synthetic service profiles, deterministic for (count, seed).

    Codes and titles are unique.  The list opens with the flagship services
    (all of them whenever ``count >= len(FLAGSHIPS)``, i.e. 15), then each
    agency's services in :data:`AGENCIES` order; every agency gets at least
    three once ``count >= 3 * len(AGENCIES) + 15``.
    """
    if count <= 0:
        return []
    rng = random.Random(seed)  # noqa: S311 -- reproducible sample data, not security
    records: list[Service] = [dict(f, base=f["title"]) for f in FLAGSHIPS[:count]]
    used_codes = {r["code"] for r in records}
    used_titles = {r["title"] for r in records}
    skip: dict[str, set[str]] = {}
    for f in FLAGSHIPS:
        skip.setdefault(f["agency"], set()).add(f["title"])

    weights = [CATALOGUE_WEIGHTS.get(a["code"], KIND_WEIGHTS[a["kind"]]) for a in AGENCIES]
    quotas = _allocate(count - len(records), weights)
    pools = [_candidates(a, skip.get(a["code"], set())) for a in AGENCIES]
    per_agency: list[list[Service]] = [[] for _ in AGENCIES]

    def take(i: int) -> bool:
        """Add the agency's next free candidate; False when its pool is empty."""
        for cand_code, titles, base, phrase, action, category, audience in pools[i]:
            title = next((t for t in titles if t not in used_titles), None)
            if title is None:
                continue
            code, n = cand_code[:80].rstrip("-"), 2
            while code in used_codes:
                code = f"{cand_code[:76].rstrip('-')}-{n}"
                n += 1
            used_codes.add(code)
            used_titles.add(title)
            per_agency[i].append(
                {
                    "code": code,
                    "agency": AGENCIES[i]["code"],
                    "title": title,
                    "base": base,
                    "phrase": phrase,
                    "action": action,
                    "category": category,
                    "audience": audience,
                }
            )
            return True
        return False

    for i, quota in enumerate(quotas):
        for _ in range(quota):
            if not take(i):
                break
    missing = count - len(records) - sum(len(p) for p in per_agency)
    live = list(range(len(AGENCIES)))
    while missing > 0 and live:  # top up from agencies that still have titles
        for i in list(live):
            if missing == 0:
                break
            if take(i):
                missing -= 1
            else:
                live.remove(i)
    for group in per_agency:
        records += group

    _assign_maturity(records, count, rng)
    return [_profile(r, rng) for r in records]

"""The weekly connection report: every week, where each agency's own window stands (not started,
launched, connected to the national window), who launched or connected that week, and who is behind a
legal deadline (the window launched with its required share of declared services listed by one date;
connected by a later one). Weeks start on Saturday, in Tehran.

A week's rows are worked out from each agency's dates (`launched_on`, `connected_on`, which the
onboarding keeps) and the catalog, and kept (`ConnectionWeek`): the worker refreshes the current week's
rows as it sweeps, so every past week stays as it was seen at its end.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from panjereh.agencies.models import Agency
from panjereh.agencies.selectors import agency_list, onboarding_deadlines
from panjereh.catalog.selectors import listed_services
from panjereh.evaluation.models import ConnectionWeek
from panjereh.persian import format_date_long

STATES = ("connected", "launched", "not_started")


def week_of(moment: datetime.datetime | datetime.date) -> datetime.date:
    """The Saturday that starts the week of `moment` (a local date, or a moment taken in Tehran)."""
    day = (
        moment.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE)).date()
        if isinstance(moment, datetime.datetime)
        else moment
    )
    return day - datetime.timedelta(days=(day.weekday() + 2) % 7)


@dataclass(frozen=True)
class AgencyWeek:
    agency: Agency
    state: str
    launched_this_week: bool
    connected_this_week: bool
    late_to_launch: bool
    late_to_connect: bool
    listed: int
    declared: int | None


def week_rows(week: datetime.date) -> list[AgencyWeek]:
    """Every agency's window in the week that starts on `week`, as of the week's last day."""
    last = week + datetime.timedelta(days=6)
    rule = onboarding_deadlines()
    listed = listed_services()
    rows = []
    for agency in agency_list():
        connected = agency.connected_on is not None and agency.connected_on <= last
        launched = connected or (agency.launched_on is not None and agency.launched_on <= last)
        count, declared = listed.get(agency.pk, 0), agency.declared_services
        enough = bool(declared) and rule is not None and count >= float(rule.min_listed_share) * (declared or 0)
        rows.append(
            AgencyWeek(
                agency=agency, state="connected" if connected else "launched" if launched else "not_started",
                launched_this_week=agency.launched_on is not None and week <= agency.launched_on <= last,
                connected_this_week=agency.connected_on is not None and week <= agency.connected_on <= last,
                late_to_launch=rule is not None and last > rule.launch_by and not (launched and enough),
                late_to_connect=rule is not None and last > rule.connect_by and not connected,
                listed=count, declared=declared,
            )
        )  # fmt: skip
    return rows


def connection_week_take(week: datetime.date) -> int:
    """Keep the week's rows (again, if it was taken before: the current week changes as it goes)."""
    rows = week_rows(week)
    with transaction.atomic():
        ConnectionWeek.objects.filter(week=week).delete()
        ConnectionWeek.objects.bulk_create(
            ConnectionWeek(
                week=week, agency=row.agency, state=row.state, launched_this_week=row.launched_this_week,
                connected_this_week=row.connected_this_week, late_to_launch=row.late_to_launch,
                late_to_connect=row.late_to_connect, listed=row.listed, declared=row.declared,
            )
            for row in rows
        )  # fmt: skip
    return len(rows)


def _kept(week: datetime.date) -> list[AgencyWeek]:
    rows = ConnectionWeek.objects.filter(week=week).select_related("agency").order_by("agency__name")
    return [
        AgencyWeek(
            agency=row.agency, state=row.state, launched_this_week=row.launched_this_week,
            connected_this_week=row.connected_this_week, late_to_launch=row.late_to_launch,
            late_to_connect=row.late_to_connect, listed=row.listed, declared=row.declared,
        )
        for row in rows
    ]  # fmt: skip


def week_rows_kept_or_live(week: datetime.date) -> list[AgencyWeek]:
    """The week as kept, or as it stands for a week not kept yet."""
    return _kept(week) or week_rows(week)


def connection_report(week: datetime.date) -> dict[str, Any]:
    """The week's lists, and the week before's."""
    before = week - datetime.timedelta(days=7)
    return {
        "week": week, **_lists(week_rows_kept_or_live(week)),
        "previous": {"week": before, **_lists(week_rows_kept_or_live(before))},
    }  # fmt: skip


def week_name(week: datetime.date) -> str:
    """«هفته شنبه ۸ آذر ۱۴۰۵»."""
    return f"هفته شنبه {format_date_long(week)}"


def connection_weeks() -> list[datetime.date]:
    """The weeks kept, newest first."""
    return list(ConnectionWeek.objects.order_by("-week").values_list("week", flat=True).distinct())


def _lists(rows: list[AgencyWeek]) -> dict[str, list[AgencyWeek]]:
    ordered = sorted(rows, key=lambda row: row.agency.name)
    return {
        **{state: [row for row in ordered if row.state == state] for state in STATES},
        "connected_this_week": [row for row in ordered if row.connected_this_week],
        "launched_this_week": [row for row in ordered if row.launched_this_week],
        "lagging": [row for row in ordered if row.late_to_launch or row.late_to_connect],
    }

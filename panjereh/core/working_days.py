"""Iran's working days, and promised times counted on them.

A day is not a working day when it is a Friday or a public holiday. The public holidays come from the
`holidays` package's Iranian calendar (solar holidays exactly; lunar ones it can only estimate, and
their names say «تخمینی»), corrected by the days the operators enter from the official announcement
(`AnnouncedDay`: a closure for heat or pollution, a lunar holiday a day off the estimate). A Friday is
never a working day, whatever is announced. A promised time's clock stops for the whole of a day that
is not a working day, in Tehran's time.

A closure may be announced for one province (pollution closes Tehran's offices, heat Khuzestan's): it
closes the offices there (no slots, bookings cancelled) but stops no promised time, as an agency's
promises are national. Days are opened for the whole country only.

The announced days are read from the database each time (one indexed range read), not kept by the
process: an announcement made this morning holds in every process at once. The apps that keep
deadlines or bookings counted on the calendar register here (`calendar_listener_add`, in their
AppConfig.ready(): core may not import them) and are told of each day whose announcement changed.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import holidays

from panjereh.core.models import AnnouncedDay
from panjereh.persian import compact, to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")
FRIDAY = 4  # date.weekday()


@functools.lru_cache(maxsize=16)
def _public_holidays(year: int) -> dict[datetime.date, str]:
    """The year's computed public holidays, date → Persian name (several on one day joined with «؛»)."""
    computed = holidays.country_holidays("IR", years=year, language="fa_IR")
    return {day: "؛ ".join(_tidy(name) for name in computed.get_list(day)) for day in computed}


def _tidy(name: str) -> str:
    """The package's names, as a Persian reader expects them: Persian digits, a space after «؛», and
    «عیدنوروز» in two words."""
    name = re.sub(r"\s*؛\s*", "؛ ", name).replace("عیدنوروز", "عید نوروز")
    return to_persian_digits(name)


@dataclass(frozen=True)
class Calendar:
    """The computed calendar, with the announced days of the span it was read for: the country's
    (day → closed, reason) and the provinces' closures ((day, province's compact name) → reason)."""

    announced: dict[datetime.date, tuple[bool, str]]
    provincial: dict[tuple[datetime.date, str], str] = field(default_factory=dict)

    def holiday_of(self, day: datetime.date, province: str = "") -> str | None:
        """The public holiday or announced closure on `day` (a Persian name), the weekly Friday aside; with
        `province`, that province's own closures too."""
        if day in self.announced:
            closed, reason = self.announced[day]
            found = reason if closed else None
        else:
            found = _public_holidays(day.year).get(day)
        return found or (self.provincial.get((day, compact(province))) if province else None)

    def closed_for(self, day: datetime.date) -> str | None:
        """Why `day` is not a working day (a Persian name), or None when it is one."""
        return self.holiday_of(day) or ("جمعه" if day.weekday() == FRIDAY else None)

    def is_working_day(self, day: datetime.date) -> bool:
        return self.closed_for(day) is None

    def holidays_between(self, first: datetime.date, last: datetime.date) -> list[tuple[datetime.date, str]]:
        """The public holidays and announced closures from `first` to `last`, in order."""
        days = (first + datetime.timedelta(days=n) for n in range((last - first).days + 1))
        return [(day, name) for day in days if (name := self.holiday_of(day))]


def calendar_from(first: datetime.date, last: datetime.date | None = None) -> Calendar:
    """The calendar with the days announced from `first` (to `last`, when given)."""
    days = AnnouncedDay.objects.filter(day__gte=first)
    if last is not None:
        days = days.filter(day__lte=last)
    rows = list(days.values_list("day", "province", "closed", "reason"))
    return Calendar(
        {day: (closed, reason) for day, province, closed, reason in rows if not province},
        {(day, compact(province)): reason for day, province, closed, reason in rows if province and closed},
    )


def tehran_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(TEHRAN).date()


def working_deadline(
    start: datetime.datetime, duration: datetime.timedelta, calendar: Calendar | None = None
) -> datetime.datetime:
    """`start` plus `duration` counted on working days only: the clock stops at the beginning of a day
    that is not one (Tehran time) and goes on at the beginning of the next that is. Started on a closed
    day, it first waits for the next working day. Aware in, aware (UTC) out."""
    calendar = calendar or calendar_from(tehran_date(start))
    at, left = start.astimezone(datetime.UTC), duration
    while True:
        day = tehran_date(at)
        next_day = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), TEHRAN)
        step = next_day.astimezone(datetime.UTC) - at
        if calendar.is_working_day(day):
            if left <= step:
                return at + left
            left -= step
        at = next_day.astimezone(datetime.UTC)


_LISTENERS: list[Callable[[datetime.date], None]] = []


def calendar_listener_add(listener: Callable[[datetime.date], None]) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def calendar_changed(day: datetime.date) -> None:
    """What is announced for `day` changed (the back office, once committed): every registered app counts
    its deadlines and bookings on that day again."""
    for listener in _LISTENERS:
        listener(day)

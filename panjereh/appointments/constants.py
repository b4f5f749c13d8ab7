from __future__ import annotations

from django.db import models


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", "رزرو شده"
    CANCELLED = "cancelled", "لغو شده"


# An office's week, Saturday first, as Iranian offices keep it: Python's weekday() → the key in Office.hours.
WEEKDAYS = {5: "sat", 6: "sun", 0: "mon", 1: "tue", 2: "wed", 3: "thu", 4: "fri"}
WEEKDAY_NAMES = {"sat": "شنبه", "sun": "یکشنبه", "mon": "دوشنبه", "tue": "سه‌شنبه", "wed": "چهارشنبه",
                 "thu": "پنجشنبه", "fri": "جمعه"}  # fmt: skip
BOOKING_DAYS = 14  # how far ahead a slot may be booked
CANCEL_BEFORE_MINUTES = 60  # a booking may be cancelled up to an hour before it
REMIND_BEFORE_HOURS = 24  # the reminder SMS goes out this long before

"""How long the spasms have lasted, from the slot Alexa fills: an
AMAZON.DURATION value ("about ten days") or an AMAZON.DATE one ("since
Monday"), as a timedelta. Only the length of time; whether it is a week of
rest is the rules module's.

Pure Python, no SDK. AMAZON.DURATION values are ISO-8601 durations ("P10D",
"P2W", "PT36H"). AMAZON.DATE values: "2026-11-23" (a day), "2026-W47" (a
week), "2026-W47-WE" (a weekend), "2026-11" (a month), "2026" (a year),
"PRESENT_REF" ("now"). Alexa resolves a bare weekday or date to its next
occurrence ("since Monday" said on a Tuesday is next Monday); the spasms
started in the past, so such a date is moved back a week (or a year).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# Patterns, compiled (and cached by `re`) at the first date, not on every cold start.
_DAY = r"^(\d{4})-(\d{2})-(\d{2})$"
_WEEK = r"^(\d{4})-W(\d{1,2})(-WE)?$"
_MONTH = r"^(\d{4})-(\d{2})$"
_YEAR = r"^(\d{4})$"
WEEK = timedelta(days=7)


def _start(value: str, today: date) -> date | None:
    if value == "PRESENT_REF":
        return today
    if found := re.match(_DAY, value):
        day = date(*(int(part) for part in found.groups()))
        if day <= today:
            return day
        # "since Monday", "since the 30th": the last one, not the next.
        return day - WEEK if day - today <= WEEK else day.replace(year=day.year - 1)
    if found := re.match(_WEEK, value):
        year, week, weekend = int(found.group(1)), int(found.group(2)), found.group(3)
        start = date.fromisocalendar(year, week, 6 if weekend else 1)
        return start if start <= today else start - WEEK
    if found := re.match(_MONTH, value):
        start = date(int(found.group(1)), int(found.group(2)), 1)
        return start if start <= today else start.replace(year=start.year - 1)
    if found := re.match(_YEAR, value):
        start = date(int(found.group(1)), 1, 1)
        return start if start <= today else None
    return None


def duration_of(value: str | None) -> timedelta | None:
    """An AMAZON.DURATION value (ISO-8601, e.g. "P10D", "P2W", "PT36H") as a
    timedelta, or None when it cannot be understood. Months and years count as
    30 and 365 days: only "a week or more" matters here."""
    if not value or not isinstance(value, str):
        return None
    import isodate  # here: only a duration pays for it, not every cold start

    try:
        duration = isodate.parse_duration(value.strip().upper())
    except (isodate.ISO8601Error, ValueError, OverflowError, TypeError):
        return None
    if isinstance(duration, isodate.Duration):
        try:
            duration = timedelta(days=float(duration.years) * 365 + float(duration.months) * 30) + duration.tdelta
        except (OverflowError, ValueError):
            return None
    if duration <= timedelta(0):
        return None
    return duration


def elapsed_since(value: str | None, today: date) -> timedelta | None:
    """How long ago an AMAZON.DATE value began, seen from `today`; None when
    the value is missing or not a date this understands (a decade, a season)."""
    if not value or not isinstance(value, str):
        return None
    try:
        start = _start(value.strip().upper(), today)
    except ValueError:  # "2026-02-30", week 60
        return None
    if start is None:
        return None
    return max(today - start, timedelta(0))

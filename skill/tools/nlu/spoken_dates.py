"""Spoken dates as Alexa fills an AMAZON.DATE slot: "yesterday" ->
"2026-11-23", "last week" -> "2026-W47", "the weekend" -> "2026-W47-WE",
"last month" -> "2026-10", "monday" -> the next Monday (as Alexa does; the
skill moves a date after today back to the last one).

Only the phrasings people use for when pain began; anything else is None,
so a sample like "since {startDate}" does not swallow "since I fell".
"""

from __future__ import annotations

from datetime import date, timedelta

from skill.tools.nlu import spanish
from skill.tools.nlu.normalize import normalize
from skill.tools.nlu.spoken_numbers import SMALL_NUMBERS, TENS

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_TODAY = {"today", "this morning", "this afternoon", "this evening", "tonight", "earlier today", "earlier", "now"}
_YESTERDAY = {"yesterday", "last night", "yesterday morning", "yesterday afternoon", "yesterday evening"}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30,
}  # fmt: skip


def _week(day: date, weekend: bool = False) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}" + ("-WE" if weekend else "")


def _day_of_month(words: list[str]) -> int | None:
    """ "tenth", "twenty first", "10", "10th"."""
    text = " ".join(words)
    if text in _ORDINALS:
        return _ORDINALS[text]
    if len(words) == 2 and words[0] in TENS and words[1] in _ORDINALS and _ORDINALS[words[1]] < 10:
        return TENS[words[0]] + _ORDINALS[words[1]]
    digits = text.removesuffix("st").removesuffix("nd").removesuffix("rd").removesuffix("th")
    if digits.isdigit():
        return int(digits)
    if text in SMALL_NUMBERS:
        return SMALL_NUMBERS[text]
    return None


def parse_date(text: str, today: date) -> str | None:
    """The AMAZON.DATE value for a spoken date, seen from `today`; None when
    `text` is not a date. Spanish dates are read as their English words."""
    words = spanish.english_date_words(normalize(text).split())
    if words[:1] == ["the"] and words[1:2] != ["day"]:
        words = words[1:]
    if words[:1] == ["on"]:
        words = words[1:]
    phrase = " ".join(words)
    if phrase in _TODAY:
        return today.isoformat()
    if phrase in _YESTERDAY:
        return (today - timedelta(days=1)).isoformat()
    if phrase in ("day before yesterday", "the day before yesterday"):
        return (today - timedelta(days=2)).isoformat()
    last = words[:1] == ["last"]
    rest = words[1:] if last or words[:1] in (["this"], ["past"]) else words
    if len(rest) == 1 and rest[0] in WEEKDAYS:
        ahead = (WEEKDAYS.index(rest[0]) - today.weekday()) % 7
        day = today + timedelta(days=ahead)
        return (day - timedelta(days=7) if last and ahead else day).isoformat()
    if rest == ["week"]:
        return _week(today - timedelta(days=7) if last else today)
    if rest in (["weekend"], ["week", "end"]):
        return _week(today - timedelta(days=7) if last else today, weekend=True)
    if rest == ["month"]:
        first = today.replace(day=1)
        return (first - timedelta(days=1)).strftime("%Y-%m") if last else first.strftime("%Y-%m")
    if rest and rest[0] in MONTHS:
        month = MONTHS.index(rest[0]) + 1
        if len(rest) == 1:
            return f"{today.year:04d}-{month:02d}"
        day_words = rest[2:] if rest[1:2] == ["the"] else rest[1:]
        day_of_month = _day_of_month(day_words)
        if day_of_month is not None:
            try:
                return date(today.year, month, day_of_month).isoformat()
            except ValueError:
                return None
    return None

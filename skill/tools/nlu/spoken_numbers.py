"""Spoken numbers and durations: the number words and time units, in one place.

"thirty six" -> 36, "a couple of" -> 2; "ten days" -> "P10D", "36 hours" ->
"PT36H", "a week and a half" -> "P10DT12H" (the ISO-8601 value Alexa puts in
an AMAZON.DURATION slot). The chat matcher fills slots with them and
`back-spasm validate` checks example phrases with them.
"""

from __future__ import annotations

import re
from fractions import Fraction

from skill.tools.nlu import spanish
from skill.tools.nlu.normalize import normalize

SMALL_NUMBERS: dict[str, int] = {
    word: n
    for n, word in enumerate(
        (
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        )
    )
}  # fmt: skip
TENS: dict[str, int] = {word: 10 * n for n, word in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), start=2)}
# unit word -> ISO-8601 designator (MIN: minutes, the time part's M)
UNITS: dict[str, str] = {
    **dict.fromkeys(("second", "seconds", "sec", "secs"), "S"),
    **dict.fromkeys(("minute", "minutes", "min", "mins"), "MIN"),
    **dict.fromkeys(("hour", "hours", "hr", "hrs"), "H"),
    **dict.fromkeys(("day", "days", "night", "nights"), "D"),
    **dict.fromkeys(("week", "weeks", "wk", "wks"), "W"),
    **dict.fromkeys(("fortnight", "fortnights"), "FORTNIGHT"),
    **dict.fromkeys(("month", "months"), "M"),
    **dict.fromkeys(("year", "years", "yr", "yrs"), "Y"),
}
# Carrying a fraction down to the next unit: a year is 12 months, a month 30 days.
_CARRY = (("Y", "M", 12), ("M", "D", 30), ("D", "H", 24), ("H", "MIN", 60), ("MIN", "S", 60))
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def _under_hundred(words: list[str], i: int) -> tuple[int, int] | None:
    """Number words below a hundred at words[i]: "seven", "thirty six"."""
    word = words[i] if i < len(words) else None
    if word in TENS:
        value, j = TENS[word], i + 1
        if j < len(words) and 0 < SMALL_NUMBERS.get(words[j], 0) < 10:
            value, j = value + SMALL_NUMBERS[words[j]], j + 1
        return value, j
    if word in SMALL_NUMBERS:
        return SMALL_NUMBERS[word], i + 1
    return None


def number_at(words: list[str], i: int) -> tuple[Fraction, int] | None:
    """A number starting at words[i] (normalised words): digits, number words
    up to the hundreds, "a", "a couple of", "a few", "half a". Returns the
    value and the index after it."""
    if i >= len(words):
        return None
    word, following = words[i], words[i + 1 : i + 2]
    if _DIGITS.fullmatch(word):
        return Fraction(word), i + 1
    if word in ("a", "an") and following in (["couple"], ["few"]):
        return number_at(words, i + 1)
    if word == "couple":
        return Fraction(2), i + (2 if following == ["of"] else 1)
    if word == "few":
        return Fraction(3), i + 1
    if word == "half":  # "half a day", "half an hour"
        return (Fraction(1, 2), i + 2) if following in (["a"], ["an"]) else None
    if word in ("a", "an") and following == ["hundred"]:
        value, j = 1, i + 1
    elif word in ("a", "an"):
        return Fraction(1), i + 1
    else:
        found = _under_hundred(words, i)
        if found is None:
            return None
        value, j = found
    if words[j : j + 1] == ["hundred"]:
        value, j = value * 100, j + 1
        rest = _under_hundred(words, j + 1 if words[j : j + 1] == ["and"] else j)
        if rest is not None:
            value, j = value + rest[0], rest[1]
    return Fraction(value), j


def parse_number(text: str) -> Fraction | None:
    """A spoken number ("thirty six", "36", "a hundred and two"); None if
    `text` is not (only) a number."""
    words = normalize(text).split()
    found = number_at(words, 0)
    return found[0] if found is not None and found[1] == len(words) else None


def parse_duration(text: str) -> str | None:
    """A spoken duration as the ISO-8601 value Alexa puts in an AMAZON.DURATION
    slot: "ten days" -> "P10D", "two weeks" -> "P2W", "36 hours" -> "PT36H",
    "a week and a half" -> "P10DT12H"; in Spanish too ("dos semanas"). None if
    `text` is not (only) a duration."""
    words = spanish.english_duration_words(normalize(text).split())
    parts: list[tuple[Fraction, str]] = []
    i = 0
    while i < len(words):
        if parts and words[i] in ("and", "plus"):
            if words[i + 1 : i + 3] == ["a", "half"]:  # "a week and a half"
                count, unit = parts[-1]
                parts[-1] = (count + Fraction(1, 2), unit)
                i += 3
                continue
            i += 1
        number = number_at(words, i)
        if number is None:
            return None
        count, i = number
        if i < len(words) and words[i] == "or":  # "one or two weeks": the longer
            other = number_at(words, i + 1)
            if other is None:
                return None
            count, i = max(count, other[0]), other[1]
        if i >= len(words) or words[i] not in UNITS:
            return None
        unit = UNITS[words[i]]
        i += 1
        if i < len(words) and words[i] == "or":  # "a day or two"
            other = number_at(words, i + 1)
            if other is None:
                return None
            count, i = max(count, other[0]), other[1]
        if words[i : i + 3] == ["and", "a", "half"]:
            count, i = count + Fraction(1, 2), i + 3
        if unit == "FORTNIGHT":
            count, unit = count * 2, "W"
        parts.append((count, unit))
    if not parts:
        return None
    return _iso_duration(parts)


def _iso_duration(parts: list[tuple[Fraction, str]]) -> str:
    if len(parts) == 1 and parts[0][0].denominator == 1:
        count, unit = parts[0]  # as Alexa gives it: P2W, P1M, PT36H
        return f"PT{count}{unit[0]}" if unit in ("H", "MIN", "S") else f"P{count}{unit}"
    amounts = dict.fromkeys(("Y", "M", "D", "H", "MIN", "S"), Fraction(0))
    for count, unit in parts:
        if unit == "W":
            count, unit = count * 7, "D"
        amounts[unit] += count
    for big, small, size in _CARRY:
        whole = amounts[big].numerator // amounts[big].denominator
        amounts[small] += (amounts[big] - whole) * size
        amounts[big] = Fraction(whole)

    def number(value: Fraction) -> str:
        return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"

    date = "".join(f"{number(amounts[u])}{u}" for u in ("Y", "M", "D") if amounts[u])
    time = "".join(f"{number(amounts[u])}{u[0]}" for u in ("H", "MIN", "S") if amounts[u])
    if not date and not time:
        return "PT0S"
    return "P" + date + (f"T{time}" if time else "")


_WORDS_BELOW_TWENTY = {n: word for word, n in SMALL_NUMBERS.items()}
_WORDS_TENS = {n: word for word, n in TENS.items()}
# Said as digits, one at a time.
_SAID_AS_DIGITS = {"911"}


def _below_hundred(n: int) -> str:
    if n < 20:
        return _WORDS_BELOW_TWENTY[n]
    tens, ones = divmod(n, 10)
    return _WORDS_TENS[tens * 10] + (f" {_WORDS_BELOW_TWENTY[ones]}" if ones else "")


def spoken_number(digits: str) -> str:
    """Typed digits as Alexa hears them said: "102" -> "a hundred and two",
    "15" -> "fifteen", "100.5" -> "a hundred point five", "911" -> "nine one
    one". Numbers it does not know how to say are returned as they are."""
    whole, _, fraction = digits.partition(".")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return digits
    if whole in _SAID_AS_DIGITS and not fraction:
        return " ".join(_WORDS_BELOW_TWENTY[int(d)] for d in whole)
    n = int(whole)
    if n < 100:
        words = _below_hundred(n)
    elif n < 1000:
        hundreds, rest = divmod(n, 100)
        words = "a hundred" if hundreds == 1 else f"{_WORDS_BELOW_TWENTY[hundreds]} hundred"
        if rest:
            words += f" and {_below_hundred(rest)}"
    else:
        return digits
    if fraction:
        words += " point " + " ".join(_WORDS_BELOW_TWENTY[int(d)] for d in fraction)
    return words


def spell_numbers(words: list[str]) -> list[str]:
    """Normalised words with typed numbers spelled out as they are said."""
    out: list[str] = []
    for word in words:
        out.extend(spoken_number(word).split() if _DIGITS.fullmatch(word) else (word,))
    return out

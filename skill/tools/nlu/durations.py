"""A duration, or the day the pain began, said inside a longer line ("ya van
como nueve días", "um maybe four or five days", "apenas desde anoche"): the
answer to "how long", when the line names no sign. A day is the day the pain
began only with a word that says so ("desde", "started"): "va a llover hoy"
and "what's the weather tomorrow" are no onset."""

from __future__ import annotations

from collections.abc import Callable

from skill.core import contract
from skill.tools.alexa.envelopes import SlotFill
from skill.tools.nlu.patterns import DATE_TYPE, DURATION_TYPE

# Longer lines say more than how long ("i fell two weeks ago and ..."): the samples and signs decide them.
MAX_WORDS = 14
# At most this many words besides the duration ("ya van como | nueve días"): more say something else too.
MAX_OTHER_WORDS = 6
# The slot each shape fills, the duration first: "two weeks" before a date read into it.
_SHAPES = ((contract.DURATION_SLOT, DURATION_TYPE), (contract.START_DATE_SLOT, DATE_TYPE))

Resolve = Callable[[str, str], "tuple[SlotFill, float] | None"]


def inside(words: list[str], resolve: Resolve, onsets: frozenset[str]) -> tuple[str, SlotFill] | None:
    """The slot and value of the longest stretch of `words` that is a
    duration, or a date said with one of the `onsets`, as Alexa's built-in
    types hear them; None if none is."""
    if len(words) > MAX_WORDS:
        return None
    shapes = _SHAPES if onsets & set(words) else _SHAPES[:1]
    for length in range(len(words), max(0, len(words) - MAX_OTHER_WORDS - 1), -1):
        for start in range(len(words) - length + 1):
            if words[start + length : start + length + 1] == ["old"]:
                continue  # an age ("ninety years old")
            said = " ".join(words[start : start + length])
            for slot, slot_type in shapes:
                found = resolve(slot_type, said)
                # Minutes and hours among other words are a timer's ("set a timer for ten minutes"), not a spasm's.
                if found is not None and not (found[0].spoken or "").startswith("PT"):
                    return slot, found[0]
    return None

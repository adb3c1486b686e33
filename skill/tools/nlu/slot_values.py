"""Entity resolution: the words said for a slot to the slot type's value id
and canonical name, as Alexa resolves them (exact, a close value by rapidfuzz,
or ER_SUCCESS_NO_MATCH), and spoken durations and dates to ISO 8601."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rapidfuzz import fuzz, process

from skill.tools.alexa.envelopes import SlotFill
from skill.tools.nlu.normalize import negated
from skill.tools.nlu.patterns import DATE_TYPE, DURATION_TYPE
from skill.tools.nlu.rewrites import flips_meaning
from skill.tools.nlu.spoken_dates import parse_date
from skill.tools.nlu.spoken_numbers import parse_duration

# A said value this close to a slot value (rapidfuzz ratio, 0-100) is that value.
SLOT_VALUE_CUTOFF = 88
# Values this short are matched exactly or not at all ("ye" is not "yes").
MIN_FUZZY_LENGTH = 4


class SlotValues:
    """The model's slot types: normalised value or synonym -> (value id, name)."""

    def __init__(self, values: Mapping[str, Mapping[str, tuple[str, str]]]):
        self._values = values
        self._keys = {name: list(table) for name, table in values.items()}

    def resolve(self, slot_type: str, text: str) -> tuple[SlotFill, float] | None:
        """What entity resolution makes of `text` for `slot_type`, with a score
        (100 exact, rapidfuzz score for a close value, 0 for no match). None
        when the text cannot fill the slot at all (not a duration)."""
        if slot_type == DURATION_TYPE:
            iso = parse_duration(text)
            return (SlotFill(spoken=iso), 100.0) if iso else None
        if slot_type == DATE_TYPE:
            iso = parse_date(text, date.today())
            return (SlotFill(spoken=iso), 100.0) if iso else None
        table = self._values.get(slot_type)
        if table is None:  # another built-in type: passed through as spoken
            return SlotFill(spoken=text), 100.0
        if text in table:
            value_id, name = table[text]
            return SlotFill(text, value_id, name, slot_type), 100.0
        if len(text) >= MIN_FUZZY_LENGTH:
            denied = negated(text)
            for key, score, _ in process.extract(text, self._keys[slot_type], scorer=fuzz.ratio, score_cutoff=SLOT_VALUE_CUTOFF, limit=3):
                # Never across a negation: "numb" is not "not numb".
                if negated(key) == denied and not flips_meaning(text, key):
                    value_id, name = table[key]
                    return SlotFill(text, value_id, name, slot_type), float(score)
        return SlotFill(text, None, None, slot_type), 0.0

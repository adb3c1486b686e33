"""An Alexa-like stand-in recogniser, trained only on the interaction model.

What a device's language understanding can know of this skill: the sample
utterances, the slot types' values and synonyms, and the built-in intents'
usual phrasings; none of the chat matcher's word tables, negation rules or
sign classifier. It is more forgiving than exact matching, as a device is:

1. slot values are found in the line, word for word or close (rapidfuzz),
   and spoken durations and dates ("since last tuesday") by their shape, as
   Alexa's built-in AMAZON.DURATION and AMAZON.DATE do, and replaced by
   their type;
2. the line, so reduced, is compared with every sample reduced the same way
   (rapidfuzz ratio), among the samples whose slots the line can fill;
3. the nearest sample wins, its slots filled from the values found, in
   order;
4. failing that, a custom slot is open, as on a device, where a slot type's
   values are training data, not a closed list: a sample with one such slot
   whose words begin and end the line (the most of them wins) takes the
   words between as the slot's value, unresolved (ER_SUCCESS_NO_MATCH), if
   they hold a word the model teaches only as that type's values ("legs",
   "bladder"), never a word of its samples; the skill then reads them;
5. else AMAZON.FallbackIntent, as on a device.

`StandIn(model, open_slots=False)` is the stricter reader of steps 1-3 and 5.

Used by bench/vignettes.py, bench/understanding.py and `back-spasm profile
--evaluate` as a third recogniser beside the matcher and exact samples.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from skill.tools import model as model_file
from skill.tools.alexa.envelopes import SlotFill
from skill.tools.nlu import BUILTIN_PHRASES, FALLBACK_INTENT, Match, SampleIndex, normalize, parse_date, parse_duration
from skill.tools.nlu.normalize import as_said
from skill.tools.nlu.patterns import DATE_TYPE, DURATION_TYPE
from skill.tools.nlu.signs import STOP_WORDS

# Nearest-sample score (0-100) below which the line is not understood.
CUTOFF = 75
# A phrase of the line this close to a slot value is taken for that value.
VALUE_CUTOFF = 88
MIN_FUZZY_CHARS = 5
MAX_VALUE_WORDS = 8
# The built-in types found by their shape, not from the model's values.
SHAPED_TYPES = (DURATION_TYPE, DATE_TYPE)
# Words too common to tell an open slot's value from any other words ("but", "by").
COMMON_WORDS = STOP_WORDS | frozenset({"but", "by", "from", "out", "off", "over", "down", "after", "before", "when", "while",
                                       "came", "comes", "even", "still", "since", "because", "pero", "por", "desde", "cuando"})  # fmt: skip
# How a reduced line is compared with a reduced sample: character edits, in order.
SCORER = fuzz.ratio


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    slot_type: str
    fill: SlotFill


def _placeholder(slot_type: str) -> str:
    return "slot" + "".join(ch for ch in slot_type.lower() if ch.isalpha())


class StandIn:
    """Nearest sample, with slots filled from the model's slot values."""

    def __init__(self, model: model_file.LanguageModel, open_slots: bool = True):
        index = SampleIndex(model)
        self._open_slots = open_slots
        # (intent, slot name, slot type, words before the slot, words after), the longest carriers first
        self._frames: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = []
        carrier_words: set[str] = set()
        self._values = index.values
        self._keys = {name: list(table) for name, table in index.values.items()}
        self._slot_types = index.slot_types
        # slot-type signature (sorted types) -> reduced sample texts, and for each its intent and slot names
        self._groups: dict[tuple[str, ...], list[str]] = {}
        self._targets: dict[tuple[tuple[str, ...], str], tuple[str, tuple[str, ...]]] = {}
        for pattern in index.patterns:
            types = self._slot_types.get(pattern.intent, {})
            names = pattern.slot_names
            if any(types.get(name) not in self._values and types.get(name) not in SHAPED_TYPES for name in names):
                continue  # a slot of a type the stand-in cannot find in a line
            words = [w for part in pattern.parts for w in (part if isinstance(part, tuple) else (_placeholder(types[part]),))]
            self._add(tuple(sorted(types[n] for n in names)), " ".join(words), pattern.intent, names)
            carrier_words.update(w for part in pattern.parts if isinstance(part, tuple) for w in part)
            if len(names) == 1 and types[names[0]] in self._values:
                at = next(i for i, part in enumerate(pattern.parts) if isinstance(part, str))
                before = tuple(w for part in pattern.parts[:at] for w in part)
                after = tuple(w for part in pattern.parts[at + 1 :] for w in part)
                self._frames.append((pattern.intent, names[0], types[names[0]], before, after))
        self._frames.sort(key=lambda frame: -(len(frame[3]) + len(frame[4])))
        # The words the model teaches only as a type's values: what an open slot must hold.
        self._value_words = {
            slot_type: frozenset(w for key in table for w in key.split()) - carrier_words - COMMON_WORDS for slot_type, table in self._values.items()
        }
        for intent in model.intent_names:
            for phrase in BUILTIN_PHRASES.get(intent, ()):
                self._add((), normalize(phrase), intent, ())

    def _add(self, signature: tuple[str, ...], text: str, intent: str, names: tuple[str, ...]) -> None:
        if (signature, text) not in self._targets:
            self._groups.setdefault(signature, []).append(text)
            self._targets[(signature, text)] = (intent, names)

    def _value(self, slot_type: str, phrase: str) -> SlotFill | None:
        if slot_type in SHAPED_TYPES:
            iso = parse_duration(phrase) if slot_type == DURATION_TYPE else parse_date(phrase, date.today())
            return SlotFill(spoken=iso) if iso else None
        table = self._values[slot_type]
        key = phrase if phrase in table else None
        if key is None and len(phrase) >= MIN_FUZZY_CHARS:
            # A slip of the ear or the keyboard, word for word: not a word
            # more or less, nor another word's start ("steady", "unsteady").
            said = phrase.split()
            for candidate, _, _ in process.extract(phrase, self._keys[slot_type], scorer=fuzz.ratio, score_cutoff=VALUE_CUTOFF, limit=5):
                words = candidate.split()
                if len(words) == len(said) and all(a[0] == b[0] for a, b in zip(words, said, strict=True)):
                    key = candidate
                    break
        if key is None:
            return None
        value_id, name = table[key]
        return SlotFill(phrase, value_id, name, slot_type)

    def _mentions(self, words: list[str], spoken: tuple[list[str], list[int]]) -> list[_Mention]:
        """Slot values in the line, longest first, not overlapping; a value's words as said."""
        found: list[_Mention] = []
        taken: set[int] = set()
        for length in range(min(MAX_VALUE_WORDS, len(words)), 0, -1):
            for start in range(len(words) - length + 1):
                span = set(range(start, start + length))
                if span & taken:
                    continue
                phrase = " ".join(words[start : start + length])
                for slot_type in (*self._values, *SHAPED_TYPES):
                    fill = self._value(slot_type, phrase)
                    if fill is not None:
                        if slot_type not in SHAPED_TYPES:
                            fill = SlotFill(_spoken(spoken, start, start + length), fill.value_id, fill.resolved_name, fill.slot_type)
                        found.append(_Mention(start, start + length, slot_type, fill))
                        taken |= span
                        break
        return sorted(found, key=lambda m: m.start)

    def match(self, text: str) -> Match:
        words, said, origin = as_said(text)
        spoken = (said, origin)
        if not words:
            return Match(FALLBACK_INTENT)
        line = " ".join(words)
        if ((), line) in self._targets:  # a slotless sample said word for word wins, as on a device ("it hasn't been a week yet")
            intent = self._targets[((), line)][0]
            return Match(intent, dict.fromkeys(self._slot_types.get(intent, {})), how="standin", score=100.0, sample=line)
        # A date or a duration is a slot only where a sample wants one: "my bowels let go this
        # morning" is read with its words as said, and with the date as a slot; "no, todavía no
        # llevo ni una semana" with its week as said, near a slotless no sample, and as a duration.
        every = self._mentions(words, spoken)
        undated = [m for m in every if m.slot_type != DATE_TYPE]
        best: tuple[float, tuple[str, ...], str, list[_Mention]] | None = None
        if any(m.slot_type == DURATION_TYPE for m in every):
            best = self._nearest_slotless(words)
        for mentions in [undated, every] if len(undated) < len(every) else [every]:
            found = self._nearest(words, mentions)
            if found and (best is None or found[0] > best[0]):
                best = (*found, mentions)
        if best is None:
            return self._open_slot(words, spoken) if self._open_slots else Match(FALLBACK_INTENT)
        score, signature, sample, mentions = best
        intent, names = self._targets[(signature, sample)]
        types = self._slot_types.get(intent, {})
        unused = list(mentions)
        filled: dict[str, SlotFill] = {}
        for name in names:
            mention = next(m for m in unused if m.slot_type == types[name])
            unused.remove(mention)
            filled[name] = mention.fill
        slots = {name: filled.get(name) for name in types}
        return Match(intent, slots, how="standin", score=score, sample=sample)

    def _nearest_slotless(self, words: list[str]) -> tuple[float, tuple[str, ...], str, list[_Mention]] | None:
        """The nearest slotless sample to the line as said, its duration kept as words."""
        found = process.extractOne(" ".join(words), self._groups.get((), []), scorer=SCORER, score_cutoff=CUTOFF)
        return (found[1], (), found[0], []) if found else None

    def _nearest(self, words: list[str], mentions: list[_Mention]) -> tuple[float, tuple[str, ...], str] | None:
        """The nearest sample to the line with `mentions` replaced by their types."""
        available = Counter(m.slot_type for m in mentions)
        reduced: list[str] = []
        position = 0
        for mention in mentions:
            reduced += [*words[position : mention.start], _placeholder(mention.slot_type)]
            position = mention.end
        line = " ".join(reduced + words[position:])
        best: tuple[float, tuple[str, ...], str] | None = None
        for signature, texts in self._groups.items():
            if Counter(signature) - available:
                continue  # the sample needs slot values the line lacks
            found = process.extractOne(line, texts, scorer=SCORER, score_cutoff=CUTOFF)
            if found and (best is None or found[1] > best[0]):
                best = (found[1], signature, found[0])
        return best

    def _open_slot(self, words: list[str], spoken: tuple[list[str], list[int]]) -> Match:
        """Step 4: the sample whose words begin and end the line, with words of
        the slot's type between them, as Alexa fills a slot with words outside
        its list."""
        for intent, name, slot_type, before, after in self._frames:
            inside = words[len(before) : len(words) - len(after)]
            if not inside or tuple(words[: len(before)]) != before or (after and tuple(words[-len(after) :]) != after):
                continue
            if not self._value_words[slot_type].intersection(inside):
                continue
            slots: dict[str, SlotFill | None] = dict.fromkeys(self._slot_types.get(intent, {}))
            slots[name] = SlotFill(_spoken(spoken, len(before), len(words) - len(after)), slot_type=slot_type)
            return Match(intent, slots, how="standin-open", score=0.0, sample=" ".join((*before, "{" + name + "}", *after)))
        return Match(FALLBACK_INTENT)


def _spoken(spoken: tuple[list[str], list[int]], start: int, end: int) -> str:
    """The words as said behind normalised words `start` to `end` ("grip's fine", not "grip fine")."""
    said, origin = spoken
    return " ".join(said[origin[start] : origin[end - 1] + 1])


def load(path: Path) -> StandIn:
    """The stand-in for one interaction model file (built once); raises ModelError."""
    return _load(str(path))


@cache
def _load(path: str) -> StandIn:
    return StandIn(model_file.load(Path(path)))

"""The model's sample utterances as patterns, and its slot values as lookup
tables: what both the chat matcher and `back-spasm validate`'s example-phrase
check match text against.

A sample is normalised like a typed line and split into literal words and
slots: "I have {symptom} and {otherSymptom}" -> ("i", "have"), symptom,
("and",), otherSymptom. `SamplePattern.parses` yields every way a line fits
it; `SampleIndex.fits` keeps the ways whose slots all resolve exactly (a slot
value or synonym, a spoken number or duration).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from skill.tools.model import LanguageModel
from skill.tools.nlu.normalize import normalize
from skill.tools.nlu.spoken_dates import parse_date
from skill.tools.nlu.spoken_numbers import parse_duration, parse_number

DURATION_TYPE = "AMAZON.DURATION"
NUMBER_TYPE = "AMAZON.NUMBER"
DATE_TYPE = "AMAZON.DATE"
# Built-in types whose spoken values have a shape this package recognises.
SHAPED_TYPES = (DURATION_TYPE, NUMBER_TYPE, DATE_TYPE)
# The longest slot capture, in words.
MAX_SLOT_WORDS = 12

_SLOT_REF = re.compile(r"\{(\w+)\}")

Part = tuple[str, ...] | str  # literal words, or a slot name


@dataclass(frozen=True)
class SamplePattern:
    """One sample: a sequence of literal word tuples and slot names."""

    intent: str
    sample: str
    parts: tuple[Part, ...]
    literal_words: frozenset[str]

    @classmethod
    def of(cls, intent: str, sample: str) -> SamplePattern:
        names = _SLOT_REF.findall(sample)
        placeholders = {f"zzslot{i}zz": name for i, name in enumerate(names)}
        text = sample
        for placeholder, name in placeholders.items():
            text = text.replace("{" + name + "}", f" {placeholder} ", 1)
        parts: list[Part] = []
        literal: list[str] = []
        for word in normalize(text).split():
            if word in placeholders:
                if literal:
                    parts.append(tuple(literal))
                    literal = []
                parts.append(placeholders[word])
            else:
                literal.append(word)
        if literal:
            parts.append(tuple(literal))
        words = frozenset(w for p in parts if isinstance(p, tuple) for w in p)
        return cls(intent, sample, tuple(parts), words)

    @property
    def slot_names(self) -> tuple[str, ...]:
        return tuple(p for p in self.parts if isinstance(p, str))

    @property
    def carrier_words(self) -> int:
        return sum(len(p) for p in self.parts if isinstance(p, tuple))

    @property
    def text(self) -> str:
        """The normalised sample, for a sample without slots."""
        return " ".join(w for p in self.parts for w in (p if isinstance(p, tuple) else (f"{{{p}}}",)))

    def parses(self, words: list[str]) -> Iterator[dict[str, str]]:
        """Every way normalised `words` fit this sample: {slot name: captured text}."""
        if not self.literal_words <= set(words):
            return
        yield from self._parse(0, words, 0, {})

    def _parse(self, k: int, words: list[str], i: int, captured: dict[str, str]) -> Iterator[dict[str, str]]:
        if k == len(self.parts):
            if i == len(words):
                yield dict(captured)
            return
        part = self.parts[k]
        if isinstance(part, tuple):
            if tuple(words[i : i + len(part)]) == part:
                yield from self._parse(k + 1, words, i + len(part), captured)
            return
        last = k == len(self.parts) - 1
        ends = [len(words)] if last else range(i + 1, min(len(words), i + MAX_SLOT_WORDS) + 1)
        for end in ends:
            if not i < end <= i + MAX_SLOT_WORDS:
                continue
            captured[part] = " ".join(words[i:end])
            yield from self._parse(k + 1, words, end, captured)
            del captured[part]


class SampleIndex:
    """Every sample of a language model as a pattern, and every custom slot
    type's values and synonyms (normalised) with their id and canonical name."""

    def __init__(self, model: LanguageModel):
        self.invocation_name = normalize(model.invocation_name)
        # slot type name -> normalised value or synonym -> (id, canonical name)
        self.values: dict[str, dict[str, tuple[str, str]]] = {}
        for slot_type in model.types:
            table: dict[str, tuple[str, str]] = {}
            for value in slot_type.values:
                for phrase in value.phrases:
                    table.setdefault(normalize(phrase), (value.id or value.name, value.name))
            self.values[slot_type.name] = table
        # intent name -> {slot name: slot type}
        self.slot_types: dict[str, dict[str, str]] = {intent.name: intent.slot_types for intent in model.intents}
        # Every sample, in the model's order.
        self.patterns: tuple[SamplePattern, ...] = tuple(SamplePattern.of(intent.name, sample) for intent in model.intents for sample in intent.samples)
        # normalised slot-less sample -> (intent, sample); the first one wins.
        self.exact: dict[str, tuple[str, str]] = {}
        for pattern in self.patterns:
            if not pattern.slot_names:
                self.exact.setdefault(pattern.text, (pattern.intent, pattern.sample))
        self.slotted: tuple[SamplePattern, ...] = tuple(p for p in self.patterns if p.slot_names)

    def resolves(self, slot_type: str, spoken: str) -> bool:
        """Whether normalised `spoken` fills a slot of `slot_type` exactly: a
        value or synonym of a custom type, a spoken duration or number; any
        words for another built-in type."""
        if slot_type == DURATION_TYPE:
            return parse_duration(spoken) is not None
        if slot_type == NUMBER_TYPE:
            return parse_number(spoken) is not None
        if slot_type == DATE_TYPE:
            return parse_date(spoken, date.today()) is not None
        table = self.values.get(slot_type)
        return spoken in table if table is not None else True

    def _judgeable(self, pattern: SamplePattern) -> bool:
        """A lone slot of a type that takes any words would fit any line."""
        if pattern.carrier_words:
            return True
        types = self.slot_types.get(pattern.intent, {})
        return all(types.get(slot) in self.values or types.get(slot) in SHAPED_TYPES for slot in pattern.slot_names)

    def fits(self, text: str) -> list[str]:
        """The intents with a sample that `text` fits word for word, every slot
        resolved exactly, in the model's order."""
        words = normalize(text).split()
        found: list[str] = []
        for pattern in self.patterns:
            if pattern.intent in found or not self._judgeable(pattern):
                continue
            types = self.slot_types.get(pattern.intent, {})
            for captured in pattern.parses(words):
                if all(self.resolves(types.get(slot, ""), spoken) for slot, spoken in captured.items()):
                    found.append(pattern.intent)
                    break
        return found

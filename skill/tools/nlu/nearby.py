"""Lines close to what the model says: typos corrected word by word
("cnat" -> "can not"), and the sample nearest a whole line (rapidfuzz)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from skill.core import contract
from skill.tools.alexa.envelopes import SlotFill
from skill.tools.nlu.normalize import BARE_CONTRACTIONS, LEADING_FILLERS, NEGATIONS, TRAILING_FILLERS, negated, normalize
from skill.tools.nlu.patterns import SamplePattern
from skill.tools.nlu.result import Match
from skill.tools.nlu.rewrites import flips_meaning

# Thresholds (rapidfuzz scores, 0-100). Set from the tests' positives
# (typos, a dropped word) and negatives (unrelated sentences, negations).
UTTERANCE_CUTOFF = 90
# A loose match's sample must be at least 1/MAX_LOOSE_STRETCH of the line.
MAX_LOOSE_STRETCH = 2.5
# Lines this short are matched exactly or not at all ("ye" is not "yes").
MIN_FUZZY_LENGTH = 4
# One-slot samples with longer carriers are not fuzzy choices.
MAX_FUZZY_CARRIER_WORDS = 2
# Words this short are never taken for typos ("ya" is not "yes").
MIN_TYPO_LENGTH = 4
# Answers that only ever match a whole line (see NearSamples._add).
_STRICT_INTENTS = {contract.YES, contract.NO, contract.NOT_SURE}

Exact = Mapping[str, tuple[str, str]]  # normalised slot-less sample -> (intent, sample)
Values = Mapping[str, Mapping[str, tuple[str, str]]]  # slot type -> key -> (value id, name)


class Typos:
    """Typo correction towards the words the model uses."""

    def __init__(self, exact: Exact, patterns: Sequence[SamplePattern], values: Values):
        # Every word the model uses, most used first, for typo correction;
        # contractions typed without the apostrophe are targets too ("cant").
        counts: Counter[str] = Counter()
        for text in exact:
            counts.update(text.split())
        for pattern in patterns:
            counts.update(pattern.literal_words)
        for table in values.values():
            for key in table:
                counts.update(key.split())
        self._vocabulary = frozenset(counts) | LEADING_FILLERS | TRAILING_FILLERS
        self._typo_targets = [word for word, _ in counts.most_common() if len(word) >= MIN_TYPO_LENGTH - 1]
        self._typo_targets += [word for word in BARE_CONTRACTIONS if word not in counts]

    def correct(self, words: list[str], *, negations_only: bool = False) -> list[str]:
        """A word the model never uses, one slip from one it does ("cnat" ->
        "can not", "fevr" -> "fever"), is taken as that word."""
        out: list[str] = []
        for word in words:
            if word in self._vocabulary or len(word) < MIN_TYPO_LENGTH or not word.isalpha():
                out.append(word)
                continue
            found = process.extract(word, self._typo_targets, scorer=OSA.distance, score_cutoff=1, limit=20)
            # A dropped letter is the likeliest slip ("numbr" is "number", not
            # "numb"); then the word the model uses most.
            found.sort(key=lambda hit: (hit[1], len(hit[0]) < len(word), hit[2]))
            if negations_only:
                found = [hit for hit in found if negated(normalize(hit[0]))]
            out.extend(normalize(found[0][0]).split() if found else (word,))
        return out


@dataclass
class _Choices:
    texts: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # intent, sample, {slot: value key}
    negations: list[int] = field(default_factory=list)  # how many negation words each says


def _negations(text: str) -> int:
    return sum(word in NEGATIONS for word in text.split())


class NearSamples:
    """The sample nearest a line, when it is close enough."""

    def __init__(self, exact: Exact, patterns: Sequence[SamplePattern], values: Values, slot_types: Mapping[str, Mapping[str, str]]):
        self._values = values
        self._slot_types = slot_types
        # Fuzzy choices: every slot-less sample, and every one-slot sample
        # filled with each value of its custom slot type. Two groups:
        # "whole" choices must be close to the whole line (fuzz.ratio);
        # "loose" ones (three words or more, not a yes or no) may also sit
        # inside a somewhat longer line (fuzz.WRatio: "should I see a doctor
        # about my back"). A yes or no inside a longer sentence might answer
        # something other than the question asked, so it never matches loosely.
        self._choices: dict[bool, _Choices] = {True: _Choices(), False: _Choices()}
        for text, (name, sample) in exact.items():
            self._add(text, name, sample, {})
        for pattern in patterns:
            # Only short carriers: every longer one filled with every value
            # would be hundreds of thousands of choices (typos are corrected
            # word by word instead).
            if len(pattern.slot_names) != 1 or pattern.carrier_words > MAX_FUZZY_CARRIER_WORDS:
                continue
            slot = pattern.slot_names[0]
            slot_type = slot_types[pattern.intent].get(slot, "")
            for key in values.get(slot_type, {}):
                words: list[str] = []
                for part in pattern.parts:
                    words.extend(part if isinstance(part, tuple) else (key,))
                # Loosely (inside a longer line) only as a bare value: with
                # every carrier too, WRatio over them all is far too slow.
                self._add(" ".join(words), pattern.intent, pattern.sample, {slot: key}, loose=not pattern.carrier_words)

    def _add(self, text: str, intent: str, sample: str, keys: dict[str, str], *, loose: bool = True) -> None:
        loose = loose and len(text.split()) >= 3 and intent not in _STRICT_INTENTS
        choices = self._choices[loose]
        choices.texts.append(text)
        choices.targets.append((intent, sample, keys))
        choices.negations.append(_negations(text))

    def match(self, line: str) -> Match | None:
        if len(line) < MIN_FUZZY_LENGTH:
            return None
        denied = _negations(line)
        found: list[tuple[float, bool, int]] = []
        for loose, scorer in ((False, fuzz.ratio), (True, fuzz.WRatio)):
            choices = self._choices[loose]
            for text, score, index in process.extract(line, choices.texts, scorer=scorer, score_cutoff=UTTERANCE_CUTOFF, limit=5):
                if choices.negations[index] != denied:
                    continue  # "I don't have a fever" is not "I have a fever", "no it's getting better" not "no it's not getting better"
                if loose and len(line) > MAX_LOOSE_STRETCH * len(text):
                    continue  # a long sentence that merely contains a sample
                if loose and len(line) < len(text):
                    continue  # a few words that merely occur in a longer sample
                if flips_meaning(line, text):
                    continue  # "steady" is not "unsteady"
                found.append((float(score), not loose, index))
                break
        if not found:
            return None
        score, strict, index = max(found)
        intent, sample, keys = self._choices[not strict].targets[index]
        types = self._slot_types.get(intent, {})
        fills = {}
        for slot, key in keys.items():
            value_id, name = self._values[types[slot]][key]
            fills[slot] = SlotFill(key, value_id, name, types[slot])
        return Match(intent, {name: fills.get(name) for name in types}, "fuzzy" if strict else "loose", score, sample)

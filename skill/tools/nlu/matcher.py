"""Recognition: a typed line to the intent and slots Alexa would send.

Matching, best first:

1. the whole line equals a slot-less sample (or a built-in phrasing);
2. the line fits a sample with slots, word for word, and every slot resolves
   (a symptom value or synonym, a spoken duration) - every way of splitting
   the line between two slots is tried;
3. rapidfuzz: the line is close to a slot-less sample, or to a one-slot
   sample filled with one of the slot type's values (typos, a missing or
   extra word), or holds such a sample within a somewhat longer line;
4. the line fits a sample with a clear carrier phrase ("I have ...") but the
   slot matches no value: the intent with ER_SUCCESS_NO_MATCH, as Alexa sends;
5. AMAZON.FallbackIntent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from skill.tools import model as model_file
from skill.tools.envelopes import SlotFill
from skill.tools.model import LanguageModel
from skill.tools.nlu.normalize import negated, normalize, strip_fillers
from skill.tools.nlu.patterns import DURATION_TYPE, SampleIndex
from skill.tools.nlu.spoken_numbers import parse_duration

FALLBACK_INTENT = "AMAZON.FallbackIntent"

# Thresholds (rapidfuzz scores, 0-100). Set from the tests' positives
# (typos, a dropped word) and negatives (unrelated sentences, negations).
UTTERANCE_CUTOFF = 90
# A loose match's sample must be at least 1/MAX_LOOSE_STRETCH of the line.
MAX_LOOSE_STRETCH = 2.5
SLOT_VALUE_CUTOFF = 88
# Lines this short are matched exactly or not at all ("ye" is not "yes").
MIN_FUZZY_LENGTH = 4

# The built-in intents' usual phrasings (Amazon trains these into every
# skill); added to whatever samples the model gives a built-in it declares.
BUILTIN_PHRASES: Mapping[str, tuple[str, ...]] = {
    "AMAZON.YesIntent": (
        "yes", "yeah", "yep", "yup", "ya", "yes please", "sure", "ok", "okay", "correct",
        "right", "that's right", "affirmative", "absolutely", "of course", "definitely",
        "uh huh", "yes I do", "yes I have", "yes I am", "yes I did", "yes it is",
        "yes it does", "yes it has", "I think so",
    ),
    "AMAZON.NoIntent": (
        "no", "nope", "nah", "no thanks", "no thank you", "not really", "negative",
        "no way", "no I do not", "no I have not", "no I am not", "no I did not",
        "no it is not", "no it does not", "no it has not", "I don't think so",
    ),
    "AMAZON.HelpIntent": ("help", "help me", "I need help", "what are my options", "instructions"),
    "AMAZON.StopIntent": (
        "stop", "quit", "exit", "stop it", "shut up", "be quiet", "goodbye", "bye",
        "I'm done", "that's all", "enough", "end", "I want to stop",
    ),
    "AMAZON.CancelIntent": ("cancel", "cancel that", "never mind", "nevermind", "forget it"),
    "AMAZON.NavigateHomeIntent": ("home", "go home", "go to home", "main menu"),
    "AMAZON.RepeatIntent": (
        "repeat", "repeat that", "repeat please", "say it again", "say that again",
        "come again", "pardon", "one more time", "what was that", "can you repeat that",
        "could you repeat that", "can you say that again",
    ),
    "AMAZON.StartOverIntent": (
        "start over", "restart", "start again", "reset", "from the top",
        "start from scratch", "let's start over", "I want to start over",
    ),
    "AMAZON.PreviousIntent": ("go back", "back", "previous", "undo", "last question"),
}

@dataclass(frozen=True)
class Match:
    """What Alexa would send: the intent, and a `SlotFill` (or None when
    unfilled) for every slot the intent declares."""

    intent: str
    slots: dict[str, SlotFill | None] = field(default_factory=dict)
    # exact, pattern (slots filled), fuzzy (close to the whole line), loose
    # (a sample inside a longer line, or reordered), unresolved (a slot
    # matched no value), fallback
    how: str = "fallback"
    score: float = 0.0
    sample: str | None = None

    def describe(self) -> str:
        """One line for `--show-intent`."""
        parts = [self.intent]
        for name, fill in self.slots.items():
            if fill is None:
                continue
            if fill.slot_type is None:
                parts.append(f"{name}={fill.spoken}")
            elif fill.value_id:
                parts.append(f'{name}="{fill.spoken}"->{fill.value_id}')
            else:
                parts.append(f'{name}="{fill.spoken}"->ER_SUCCESS_NO_MATCH')
        how = self.how if self.how == "fallback" else f"{self.how} {self.score:.0f}"
        if self.sample is not None:
            how += f': "{self.sample}"'
        return f"[{' '.join(parts)}] ({how})"


# Answers that only ever match a whole line (see Nlu._add_choice).
_STRICT_INTENTS = {"AMAZON.YesIntent", "AMAZON.NoIntent", "NotSureIntent"}


@dataclass
class _Choices:
    texts: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # intent, sample, {slot: value key}
    negated: list[bool] = field(default_factory=list)


class Nlu:
    """Indexes built once from an interaction model; `match(text)` per line."""

    def __init__(self, model: LanguageModel):
        samples = SampleIndex(model)
        self.invocation_name = samples.invocation_name
        self.intent_names = model.intent_names
        self._values = samples.values
        self._value_keys = {name: list(table) for name, table in self._values.items()}
        self._slot_types = samples.slot_types
        self._patterns = samples.slotted
        # normalised slot-less sample -> (intent, sample)
        self._exact = dict(samples.exact)
        # Built-ins' usual phrasings, after the model's own samples so the model wins.
        for name in self.intent_names:
            for phrase in BUILTIN_PHRASES.get(name, ()):
                self._exact.setdefault(normalize(phrase), (name, phrase))

        # Fuzzy choices: every slot-less sample, and every one-slot sample
        # filled with each value of its custom slot type. Two groups:
        # "whole" choices must be close to the whole line (fuzz.ratio);
        # "loose" ones (three words or more, not a yes or no) may also sit
        # inside a somewhat longer line (fuzz.WRatio: "should I see a doctor
        # about my back"). A yes or no inside a longer sentence might answer
        # something other than the question asked, so it never matches loosely.
        self._choices: dict[bool, _Choices] = {True: _Choices(), False: _Choices()}
        for text, (name, sample) in self._exact.items():
            self._add_choice(text, name, sample, {})
        for pattern in self._patterns:
            if len(pattern.slot_names) != 1:
                continue
            slot = pattern.slot_names[0]
            slot_type = self._slot_types[pattern.intent].get(slot, "")
            for key in self._values.get(slot_type, {}):
                words: list[str] = []
                for part in pattern.parts:
                    words.extend(part if isinstance(part, tuple) else (key,))
                self._add_choice(" ".join(words), pattern.intent, pattern.sample, {slot: key})

    def _add_choice(self, text: str, intent: str, sample: str, keys: dict[str, str]) -> None:
        loose = len(text.split()) >= 3 and intent not in _STRICT_INTENTS
        choices = self._choices[loose]
        choices.texts.append(text)
        choices.targets.append((intent, sample, keys))
        choices.negated.append(negated(text))

    # ---- slots -------------------------------------------------------------

    def resolve(self, slot_type: str, text: str) -> tuple[SlotFill, float] | None:
        """What entity resolution makes of `text` for `slot_type`, with a score
        (100 exact, rapidfuzz score for a close value, 0 for no match). None
        when the text cannot fill the slot at all (not a duration)."""
        if slot_type == DURATION_TYPE:
            iso = parse_duration(text)
            return (SlotFill(spoken=iso), 100.0) if iso else None
        table = self._values.get(slot_type)
        if table is None:  # another built-in type: passed through as spoken
            return SlotFill(spoken=text), 100.0
        if text in table:
            value_id, name = table[text]
            return SlotFill(text, value_id, name, slot_type), 100.0
        if len(text) >= MIN_FUZZY_LENGTH:
            denied = negated(text)
            for key, score, _ in process.extract(
                text, self._value_keys[slot_type], scorer=fuzz.ratio, score_cutoff=SLOT_VALUE_CUTOFF, limit=3
            ):
                if negated(key) == denied:
                    value_id, name = table[key]
                    return SlotFill(text, value_id, name, slot_type), float(score)
        return SlotFill(text, None, None, slot_type), 0.0

    def _fill(self, intent: str, filled: Mapping[str, SlotFill]) -> dict[str, SlotFill | None]:
        return {name: filled.get(name) for name in self._slot_types.get(intent, {})}

    # ---- matching ----------------------------------------------------------

    def match(self, text: str) -> Match:
        words = strip_fillers(normalize(text).split())
        line = " ".join(words)
        if not line:
            return Match(FALLBACK_INTENT, self._fill(FALLBACK_INTENT, {}))

        # 1. A slot-less sample, word for word.
        if line in self._exact:
            intent, sample = self._exact[line]
            return Match(intent, self._fill(intent, {}), "exact", 100.0, sample)

        # 2. Samples with slots, word for word.
        resolved: list[tuple[tuple, Match]] = []
        unresolved: list[tuple[tuple, Match]] = []
        for pattern in self._patterns:
            types = self._slot_types[pattern.intent]
            for captured in pattern.parses(words):
                fills: dict[str, SlotFill] = {}
                scores: list[float] = []
                for slot, spoken in captured.items():
                    result = self.resolve(types.get(slot, ""), spoken)
                    if result is None:
                        break
                    fills[slot], score = result
                    scores.append(score)
                else:
                    missing = sum(1 for score in scores if score == 0)
                    found = len(scores) - missing
                    if missing == 0:
                        score = min(scores)
                        key = (score, pattern.carrier_words, len(scores))
                        how = "pattern"
                    elif (found or pattern.carrier_words >= 2) and not any(
                        negated(fill.spoken) for fill in fills.values() if fill.slot_type and not fill.value_id
                    ):
                        # A real carrier phrase, or one slot that resolved; not
                        # "I'm not clumsy", which is an answer, not a symptom.
                        key = (found, pattern.carrier_words, -missing)
                        score = max(scores)  # 0 unless another slot resolved
                        how = "unresolved"
                    else:
                        continue
                    candidate = Match(pattern.intent, self._fill(pattern.intent, fills), how, score, pattern.sample)
                    (resolved if missing == 0 else unresolved).append((key, candidate))
        best = max(resolved, key=lambda pair: pair[0])[1] if resolved else None

        # 3. Close to a sample (rapidfuzz), when nothing fits exactly.
        unexplained = max(unresolved, key=lambda pair: pair[0])[1] if unresolved else None
        if best is None or best.score < 100:
            close = self._fuzzy(line)
            if close is not None and (best is None or close.score > best.score):
                best = close
        if best is not None and not (
            # "I have a fever and purple spots": the sample with both slots
            # explains the whole line, "I have a fever" only part of it.
            best.how == "loose" and unexplained is not None and unexplained.score > 0
        ):
            return best

        # 4. A carrier phrase with a slot that matches no value.
        if unexplained is not None:
            return unexplained

        # 5. As Alexa does with what fits no intent.
        return Match(FALLBACK_INTENT, self._fill(FALLBACK_INTENT, {}))

    def _fuzzy(self, line: str) -> Match | None:
        if len(line) < MIN_FUZZY_LENGTH:
            return None
        denied = negated(line)
        found: list[tuple[float, bool, int]] = []
        for loose, scorer in ((False, fuzz.ratio), (True, fuzz.WRatio)):
            choices = self._choices[loose]
            for text, score, index in process.extract(
                line, choices.texts, scorer=scorer, score_cutoff=UTTERANCE_CUTOFF, limit=5
            ):
                if choices.negated[index] != denied:
                    continue  # "I don't have a fever" is not "I have a fever"
                if loose and len(line) > MAX_LOOSE_STRETCH * len(text):
                    continue  # a long sentence that merely contains a sample
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
        return Match(intent, self._fill(intent, fills), "fuzzy" if strict else "loose", score, sample)

    # ---- invocation ----------------------------------------------------------

    def split_invocation(self, text: str) -> tuple[bool, str]:
        """A first line said to Alexa, not to the skill: "open back spasm
        helper" -> (True, ""); "ask back spasm helper should I see a doctor"
        -> (True, "should i see a doctor"); anything else -> (False, text)."""
        words = strip_fillers(normalize(text).split())
        name = self.invocation_name.split()
        if not name:
            return False, text
        for start in range(len(words)):
            if words[start : start + len(name)] == name:
                verb = words[:start]
                rest = words[start + len(name) :]
                if verb in (["open"], ["launch"], ["start"], ["run"], ["use"], ["ask"], ["tell"], []):
                    while rest and rest[0] in ("to", "that", "about", "if", "whether", "for", "and"):
                        rest = rest[1:]
                    return True, " ".join(rest)
        return False, text


def load(path: Path) -> Nlu:
    """The matcher for one interaction model file (built once per file);
    raises ModelError."""
    return _load(str(path))


@cache
def _load(path: str) -> Nlu:
    return Nlu(model_file.load(Path(path)))

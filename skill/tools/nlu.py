"""Typed text to intent and slots, from the skill's own interaction model.

What Alexa's language understanding does for a device, done offline for
`back-spasm chat`: a line is matched to one of the model's intents using the
model's sample utterances, its slot types' values and synonyms (entity
resolution: value id and canonical name, or ER_SUCCESS_NO_MATCH), and the
built-in intents' usual phrasings. What cannot be matched well goes to
AMAZON.FallbackIntent, as on a device.

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

Case, punctuation and contractions are normalised the same way on both sides
("I'm" -> "i am", "can't" -> "can not"). SDK-free: pure Python and rapidfuzz.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from skill.tools.envelopes import SlotFill

FALLBACK_INTENT = "AMAZON.FallbackIntent"
DURATION_TYPE = "AMAZON.DURATION"

# Thresholds (rapidfuzz scores, 0-100). Set from the tests' positives
# (typos, a dropped word) and negatives (unrelated sentences, negations).
UTTERANCE_CUTOFF = 90
# A loose match's sample must be at least 1/MAX_LOOSE_STRETCH of the line.
MAX_LOOSE_STRETCH = 2.5
SLOT_VALUE_CUTOFF = 88
# Lines this short are matched exactly or not at all ("ye" is not "yes").
MIN_FUZZY_LENGTH = 4
# The longest slot capture, in words.
MAX_SLOT_WORDS = 12

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

# Words people put around what they mean, dropped before matching.
_LEADING_FILLERS = {"alexa", "um", "umm", "uh", "uhh", "uhm", "er", "erm", "hmm", "hm", "oh", "well"}
_TRAILING_FILLERS = {"please"}
_NEGATIONS = {"not", "no", "never", "nothing", "none", "nope", "nah", "neither", "nor", "without"}


# ---- normalisation ---------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_WHOLE_CONTRACTIONS = {
    "can't": "can not", "cannot": "can not", "won't": "will not", "shan't": "shall not",
    "ain't": "is not", "let's": "let us", "y'all": "you all",
}
# The same, typed without the apostrophe ("i cant", "dont", "im").
_BARE_CONTRACTIONS = {
    "cant": "can not", "wont": "will not", "aint": "is not", "dont": "do not",
    "doesnt": "does not", "didnt": "did not", "isnt": "is not", "arent": "are not",
    "wasnt": "was not", "werent": "were not", "havent": "have not", "hasnt": "has not",
    "hadnt": "had not", "couldnt": "could not", "shouldnt": "should not",
    "wouldnt": "would not", "im": "i am", "ive": "i have", "youre": "you are",
    "theyre": "they are", "thats": "that is", "whats": "what is", "theres": "there is",
    "heres": "here is", "wheres": "where is", "hows": "how is", "its": "it is",
    "lets": "let us",
}
_IS_BEFORE = {"it", "that", "there", "here", "what", "where", "who", "how", "he", "she", "when", "why", "this"}
_SUFFIXES = (("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'m", " am"), ("'d", " would"))
_TOKEN_RE = re.compile(r"\d+\.\d+|[a-z0-9']+")


def _expand(word: str) -> str:
    if word in _WHOLE_CONTRACTIONS:
        return _WHOLE_CONTRACTIONS[word]
    if word in _BARE_CONTRACTIONS:
        return _BARE_CONTRACTIONS[word]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)] + replacement
    if word.endswith("'s"):
        stem = word[:-2]
        return f"{stem} is" if stem in _IS_BEFORE else stem  # else a possessive
    return word.replace("'", "")


def normalize(text: str) -> str:
    """Lower case, contractions spelled out, punctuation dropped, spaced
    letters joined ("E. R." -> "er"), one space between words."""
    text = text.translate(_APOSTROPHES).lower().replace("&", " and ")
    words: list[str] = []
    for found in _TOKEN_RE.finditer(text):
        token = found.group().strip("'")
        if token:
            words.extend(_expand(token).split())
    return " ".join(_join_spelled_letters(words))


def _join_spelled_letters(words: list[str]) -> list[str]:
    """"e r" -> "er", "ortho n y" -> "ortho ny"; a lone "i" or "a" stays."""
    out: list[str] = []
    run: list[str] = []

    def flush():
        if len(run) >= 2 and not set(run) <= {"a", "i"}:
            out.append("".join(run))
        else:
            out.extend(run)
        run.clear()

    for word in words:
        if len(word) == 1 and word.isalpha():
            run.append(word)
        else:
            flush()
            out.append(word)
    flush()
    return out


def _strip_fillers(words: list[str]) -> list[str]:
    start, end = 0, len(words)
    while start < end and words[start] in _LEADING_FILLERS:
        start += 1
    while end > start and words[end - 1] in _TRAILING_FILLERS:
        end -= 1
    return words[start:end]


def _negated(text: str) -> bool:
    return any(word in _NEGATIONS for word in text.split())


# ---- AMAZON.DURATION -------------------------------------------------------

_SMALL_NUMBERS = {
    word: n
    for n, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    )
}
_TENS = {word: 10 * n for n, word in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)}
# unit word -> ISO-8601 designator (MIN: minutes, the time part's M)
_UNITS = {
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


def _under_hundred(words: list[str], i: int) -> tuple[int, int] | None:
    """Number words below a hundred at words[i]: "seven", "thirty six"."""
    word = words[i] if i < len(words) else None
    if word in _TENS:
        value, j = _TENS[word], i + 1
        if j < len(words) and 0 < _SMALL_NUMBERS.get(words[j], 0) < 10:
            value, j = value + _SMALL_NUMBERS[words[j]], j + 1
        return value, j
    if word in _SMALL_NUMBERS:
        return _SMALL_NUMBERS[word], i + 1
    return None


def _number(words: list[str], i: int) -> tuple[Fraction, int] | None:
    """A number starting at words[i]: digits, number words up to the
    hundreds, "a", "a couple of", "a few", "half a". Returns the value and
    the index after it."""
    if i >= len(words):
        return None
    word, following = words[i], words[i + 1 : i + 2]
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return Fraction(word), i + 1
    if word in ("a", "an") and following in (["couple"], ["few"]):
        return _number(words, i + 1)
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


def parse_duration(text: str) -> str | None:
    """A spoken duration as the ISO-8601 value Alexa puts in an AMAZON.DURATION
    slot: "ten days" -> "P10D", "two weeks" -> "P2W", "36 hours" -> "PT36H",
    "a week and a half" -> "P10DT12H". None if `text` is not (only) a duration."""
    words = normalize(text).split()
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
        number = _number(words, i)
        if number is None:
            return None
        count, i = number
        if i < len(words) and words[i] == "or":  # "one or two weeks": the longer
            other = _number(words, i + 1)
            if other is None:
                return None
            count, i = max(count, other[0]), other[1]
        if i >= len(words) or words[i] not in _UNITS:
            return None
        unit = _UNITS[words[i]]
        i += 1
        if i < len(words) and words[i] == "or":  # "a day or two"
            other = _number(words, i + 1)
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


# ---- the model's indexes -----------------------------------------------------


class ModelError(ValueError):
    """The interaction model file is not one this matcher can read."""


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


@dataclass(frozen=True)
class _Pattern:
    """A sample with slots: a sequence of literal word tuples and slot names."""

    intent: str
    sample: str
    parts: tuple[tuple[str, ...] | str, ...]
    literal_words: frozenset[str]

    @property
    def slot_names(self) -> tuple[str, ...]:
        return tuple(p for p in self.parts if isinstance(p, str))

    @property
    def carrier_words(self) -> int:
        return sum(len(p) for p in self.parts if isinstance(p, tuple))

    def parses(self, words: list[str]) -> Iterator[dict[str, str]]:
        """Every way `words` fits this sample: {slot name: captured text}."""
        if not self.literal_words <= set(words):
            return
        yield from self._parse(0, words, 0, {})

    def _parse(self, k: int, words: list[str], i: int, captured: dict) -> Iterator[dict[str, str]]:
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


_SLOT_REF = re.compile(r"\{(\w+)\}")

# Answers that only ever match a whole line (see Nlu._add_choice).
_STRICT_INTENTS = {"AMAZON.YesIntent", "AMAZON.NoIntent", "NotSureIntent"}


@dataclass
class _Choices:
    texts: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # intent, sample, {slot: value key}
    negated: list[bool] = field(default_factory=list)


class Nlu:
    """Indexes built once from an interaction model; `match(text)` per line."""

    def __init__(self, model: Mapping):
        try:
            self._build(model["interactionModel"]["languageModel"])
        except (KeyError, TypeError, AttributeError) as error:
            raise ModelError(f"not an interaction model ({type(error).__name__}: {error})") from None

    def _build(self, language_model: Mapping) -> None:
        intents = list(language_model["intents"])
        self.invocation_name = normalize(language_model.get("invocationName") or "")
        # slot type name -> normalised value or synonym -> (id, canonical name)
        self._values: dict[str, dict[str, tuple[str, str]]] = {}
        for slot_type in language_model.get("types") or []:
            table: dict[str, tuple[str, str]] = {}
            for value in slot_type.get("values") or []:
                name = value["name"]["value"]
                value_id = value.get("id") or name
                for phrase in (name, *value["name"].get("synonyms", [])):
                    table.setdefault(normalize(phrase), (value_id, name))
            self._values[slot_type["name"]] = table
        self._value_keys = {name: list(table) for name, table in self._values.items()}

        self.intent_names = [intent["name"] for intent in intents]
        # intent name -> {slot name: slot type}
        self._slot_types: dict[str, dict[str, str]] = {
            intent["name"]: {slot["name"]: slot["type"] for slot in intent.get("slots") or []} for intent in intents
        }
        self._exact: dict[str, tuple[str, str]] = {}  # normalised slot-less sample -> (intent, sample)
        self._patterns: list[_Pattern] = []
        for intent in intents:
            name = intent["name"]
            samples = list(intent.get("samples") or [])
            for sample in samples:
                self._add_sample(name, sample)
        # Built-ins' usual phrasings, after the model's own samples so the model wins.
        for intent in intents:
            for phrase in BUILTIN_PHRASES.get(intent["name"], ()):
                self._exact.setdefault(normalize(phrase), (intent["name"], phrase))

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
            slot_type = self._slot_types[pattern.intent].get(slot)
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
        choices.negated.append(_negated(text))

    def _add_sample(self, intent: str, sample: str) -> None:
        names = _SLOT_REF.findall(sample)
        if not names:
            self._exact.setdefault(normalize(sample), (intent, sample))
            return
        placeholders = {f"zzslot{i}zz": name for i, name in enumerate(names)}
        text = sample
        for placeholder, name in placeholders.items():
            text = text.replace("{" + name + "}", f" {placeholder} ", 1)
        parts: list[tuple[str, ...] | str] = []
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
        self._patterns.append(_Pattern(intent, sample, tuple(parts), words))

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
            negated = _negated(text)
            for key, score, _ in process.extract(
                text, self._value_keys[slot_type], scorer=fuzz.ratio, score_cutoff=SLOT_VALUE_CUTOFF, limit=3
            ):
                if _negated(key) == negated:
                    value_id, name = table[key]
                    return SlotFill(text, value_id, name, slot_type), float(score)
        return SlotFill(text, None, None, slot_type), 0.0

    def _fill(self, intent: str, filled: Mapping[str, SlotFill]) -> dict[str, SlotFill | None]:
        return {name: filled.get(name) for name in self._slot_types.get(intent, {})}

    # ---- matching ----------------------------------------------------------

    def match(self, text: str) -> Match:
        words = _strip_fillers(normalize(text).split())
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
                        _negated(fill.spoken) for fill in fills.values() if fill.slot_type and not fill.value_id
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
        negated = _negated(line)
        found: list[tuple[float, bool, int]] = []
        for loose, scorer in ((False, fuzz.ratio), (True, fuzz.WRatio)):
            choices = self._choices[loose]
            for text, score, index in process.extract(
                line, choices.texts, scorer=scorer, score_cutoff=UTTERANCE_CUTOFF, limit=5
            ):
                if choices.negated[index] != negated:
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
        words = _strip_fillers(normalize(text).split())
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
    """The matcher for one interaction model file; raises ModelError."""
    return _load(str(path))


@cache
def _load(path: str) -> Nlu:
    try:
        model = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(f"{path}: {error}") from None
    return Nlu(model)

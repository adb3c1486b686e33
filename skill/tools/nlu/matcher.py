"""Recognition: a typed line to the intent and slots Alexa would send.

Matching, best first (docs/chat.md has the same list with examples):

1. the whole line equals a slot-less sample (or a built-in phrasing), as
   typed or without the fillers around it;
2. the line fits a sample with slots, word for word, and every slot resolves
   (a symptom value or synonym, a spoken duration or date) - every way of
   splitting the line between two slots is tried; a bare duration answers
   "how long";
3. the opposite of a report ("my feet are not numb"): a denial;
4. rapidfuzz: the line is close to a slot-less sample, or to a one-slot
   sample filled with one of the slot type's values (a slip, a missing word);
5. clauses matched one by one, or a sample inside a longer, rambling line;
6. only when nothing fits as typed: slips corrected, intensifiers and
   trailing time words dropped; then a hedged yes or no, or a naive Bayes
   guess of the sign or the question from the model's own phrases
   (`skill.tools.nlu.signs`);
7. the line fits a sample with a clear carrier phrase ("I have ...") but the
   slot matches no value: the intent with ER_SUCCESS_NO_MATCH, as Alexa sends;
8. AMAZON.FallbackIntent.

`exact_match` is steps 1 and 2 alone: what a device is certainly trained on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from skill.tools import model as model_file
from skill.tools.alexa.envelopes import SlotFill
from skill.tools.model import LanguageModel
from skill.tools.nlu import spanish
from skill.tools.nlu.normalize import (
    BARE_CONTRACTIONS,
    LEADING_FILLERS,
    NEGATIONS,
    TRAILING_FILLERS,
    negated,
    normalize,
    strip_fillers,
)
from skill.tools.nlu.patterns import DATE_TYPE, DURATION_TYPE, SampleIndex
from skill.tools.nlu.signs import SignClassifier, denies
from skill.tools.nlu.spoken_dates import parse_date
from skill.tools.nlu.spoken_numbers import parse_duration, spell_numbers

FALLBACK_INTENT = "AMAZON.FallbackIntent"

# Thresholds (rapidfuzz scores, 0-100). Set from the tests' positives
# (typos, a dropped word) and negatives (unrelated sentences, negations).
UTTERANCE_CUTOFF = 90
# A loose match's sample must be at least 1/MAX_LOOSE_STRETCH of the line.
MAX_LOOSE_STRETCH = 2.5
SLOT_VALUE_CUTOFF = 88
# Lines this short are matched exactly or not at all ("ye" is not "yes").
MIN_FUZZY_LENGTH = 4
# One-slot samples with longer carriers are not fuzzy choices.
MAX_FUZZY_CARRIER_WORDS = 2
# Words this short are never taken for typos ("ya" is not "yes").
MIN_TYPO_LENGTH = 4
# A bare symptom phrase found inside a longer line must be this long: a
# lone "weak" or "fall" in a sentence may be about something else.
MIN_INSIDE_BARE_WORDS = 3

REPORT_INTENT = "ReportSymptomIntent"
DENY_INTENT = "DenySymptomIntent"
SYMPTOM_TYPE = "SymptomType"
SYMPTOM_SLOT = "symptom"
OTHER_SYMPTOM_SLOT = "otherSymptom"
_CLAUSE_BREAKS = frozenset({"and", "but", "plus", "also", "then", "so", "because"}) | spanish.CLAUSE_BREAKS
DURATION_INTENT = "DurationIntent"
DURATION_SLOT = "duration"
_BARE_SLOT_SAMPLES = {"{symptom}"}
# The intents a sample inside a longer line may stand for. Not an answer (it
# might answer something else there), not a duration ("set a timer for ten
# minutes"), not stop ("stop, it hurts").
_INSIDE_INTENTS = {
    REPORT_INTENT, DENY_INTENT, "CallForHelpIntent", "StartCheckIntent", "CausesIntent", "HowLongIntent",
    "SelfCareIntent", "ContactIntent", "AMAZON.HelpIntent", "AMAZON.RepeatIntent",
}  # fmt: skip
# Words that carry a "not" after them ("it is getting better" -> "it is not ...").
_AUXILIARIES = {"is", "are", "am", "was", "were", "can", "do", "does", "did", "have", "has", "will", "could"}

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

    def __init__(self, model: LanguageModel, *, language: str = "en"):
        """`language`: the model locale's language ("es" for es-US), for how
        typed digits are said ("911": "nine one one", "nueve uno uno")."""
        self.language = language
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

        symptom_phrases = self._values.get(SYMPTOM_TYPE)
        self._signs = SignClassifier(symptom_phrases) if symptom_phrases else None
        # The same over the questions and requests without slots ("what causes these spasms").
        guessable = {text: (intent, intent) for text, (intent, _) in self._exact.items() if intent in _GUESSABLE_INTENTS}
        self._intents = SignClassifier(guessable) if guessable else None

        # Every word the model uses, most used first, for typo correction;
        # contractions typed without the apostrophe are targets too ("cant").
        counts: Counter[str] = Counter()
        for text in self._exact:
            counts.update(text.split())
        for pattern in self._patterns:
            counts.update(pattern.literal_words)
        for table in self._values.values():
            for key in table:
                counts.update(key.split())
        self._vocabulary = frozenset(counts) | LEADING_FILLERS | TRAILING_FILLERS
        self._typo_targets = [word for word, _ in counts.most_common() if len(word) >= MIN_TYPO_LENGTH - 1]
        self._typo_targets += [word for word in BARE_CONTRACTIONS if word not in counts]

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
            # Only short carriers: every longer one filled with every value
            # would be hundreds of thousands of choices (typos are corrected
            # word by word instead).
            if len(pattern.slot_names) != 1 or pattern.carrier_words > MAX_FUZZY_CARRIER_WORDS:
                continue
            slot = pattern.slot_names[0]
            slot_type = self._slot_types[pattern.intent].get(slot, "")
            for key in self._values.get(slot_type, {}):
                words: list[str] = []
                for part in pattern.parts:
                    words.extend(part if isinstance(part, tuple) else (key,))
                # Loosely (inside a longer line) only as a bare value: with
                # every carrier too, WRatio over them all is far too slow.
                self._add_choice(
                    " ".join(words), pattern.intent, pattern.sample, {slot: key}, loose=not pattern.carrier_words
                )

    def _add_choice(self, text: str, intent: str, sample: str, keys: dict[str, str], *, loose: bool = True) -> None:
        loose = loose and len(text.split()) >= 3 and intent not in _STRICT_INTENTS
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
            for key, score, _ in process.extract(
                text, self._value_keys[slot_type], scorer=fuzz.ratio, score_cutoff=SLOT_VALUE_CUTOFF, limit=3
            ):
                if negated(key) == denied and not _flips_meaning(text, key):
                    value_id, name = table[key]
                    return SlotFill(text, value_id, name, slot_type), float(score)
        return SlotFill(text, None, None, slot_type), 0.0

    def _fill(self, intent: str, filled: Mapping[str, SlotFill]) -> dict[str, SlotFill | None]:
        return {name: filled.get(name) for name in self._slot_types.get(intent, {})}

    # ---- matching ----------------------------------------------------------

    def _words(self, text: str) -> list[str]:
        """Normalised words, typed numbers spelled out as they are said."""
        words = normalize(text).split()
        if self.language == "es":
            return [said for word in words for said in spanish.spoken_number(word).split()]
        return spell_numbers(words)

    def exact_match(self, text: str) -> Match | None:
        """Only what a device is certainly trained on: the line is a
        slot-less sample (or a built-in phrasing), or fits a sample with
        slots word for word, every slot an exact value. None otherwise."""
        return self._exact_fit(self._words(text))

    def match(self, text: str) -> Match:
        # A slip in a negation flips the meaning ("i cnat feel my legs"):
        # those are corrected first, whatever else the line holds.
        words = self._correct_typos(self._words(text), negations_only=True)
        found = self._match_words(words)
        if found.how in ("fallback", "unresolved"):
            # Other typos, then words that only colour the meaning ("i think
            # i just wet myself", "my arms feel so weak"): only when the line
            # as typed fits nothing, so a word the model never uses ("purple
            # spots") is kept as said.
            corrected = self._correct_typos(words)
            plain = _without_intensifiers(corrected)
            for retry_words in (corrected, plain):
                if retry_words != words:
                    retry = self._match_words(retry_words)
                    if retry.how not in ("fallback", "unresolved"):
                        return retry
            # Last: a yes or no with words around it; else what the line's
            # words point to, a question first if it is asked as one. Words
            # as typed: a typo guess ("trash" -> "crash") is no evidence.
            plain = strip_fillers(_without_intensifiers(words))
            answer = _answer(plain)
            if answer is not None:
                return Match(answer, self._fill(answer, {}), "answer", 100.0)
            guesses = (self._guess_intent, self._guess)
            for guess in guesses if plain[:1] and plain[0] in _QUESTION_WORDS else reversed(guesses):
                guessed = guess(plain)
                if guessed is not None:
                    return guessed
        return found

    def _guess_intent(self, words: list[str]) -> Match | None:
        guess = self._intents.guess(words) if self._intents is not None and len(words) >= 2 else None
        if guess is None or guess.denied:
            return None
        return Match(guess.sign, self._fill(guess.sign, {}), "intent", min(100.0, 50 + guess.margin), guess.phrase)

    def _guess(self, words: list[str]) -> Match | None:
        if self._signs is None or len(words) < 2:
            return None
        guess = self._signs.guess(words)
        if guess is None:
            return None
        intent = DENY_INTENT if guess.denied else REPORT_INTENT
        value_id, name = self._values[SYMPTOM_TYPE][guess.phrase]
        fill = SlotFill(" ".join(words), value_id, name, SYMPTOM_TYPE)
        return Match(intent, self._fill(intent, {SYMPTOM_SLOT: fill}), "sign", min(100.0, 50 + guess.margin), None)

    def _clauses(self, words: list[str]) -> Match | None:
        """A line of clauses ("i fell off my bike and now i keep losing my
        balance"): each matched on its own; the signs they report (or, if
        none reports any, deny) are put together, two at most."""
        clauses: list[list[str]] = [[]]
        for word in words:
            if word in _CLAUSE_BREAKS and clauses[-1]:
                clauses.append([])
            elif word not in _CLAUSE_BREAKS:
                clauses[-1].append(word)
        clauses = [c for c in clauses if c]
        if len(clauses) < 2:
            return None
        reported: list[SlotFill] = []
        denied: list[SlotFill] = []
        for clause in clauses:
            found = self._match_words(clause, clauses=False)
            if found.how in ("fallback", "unresolved"):
                found = self._guess(clause) or found
            fills = [fill for fill in found.slots.values() if fill and fill.value_id and fill.slot_type == SYMPTOM_TYPE]
            if found.intent == REPORT_INTENT:
                reported += fills
            elif found.intent == DENY_INTENT:
                denied += fills
        chosen, intent = (reported, REPORT_INTENT) if reported else (denied, DENY_INTENT)
        unique = list({fill.value_id: fill for fill in chosen}.values())[:2]
        if not unique:
            return None
        slots = dict(zip((SYMPTOM_SLOT, OTHER_SYMPTOM_SLOT), unique, strict=False))
        return Match(intent, self._fill(intent, slots), "clauses", 100.0, None)

    def _match_words(self, words: list[str], *, clauses: bool = True) -> Match:
        found = self._match_plain(words, clauses=clauses)
        if found.intent == REPORT_INTENT and found.how not in ("exact", "pattern") and denies(words):
            # Found loosely, said the other way round: "my bladder control is fine".
            slots = {k: v for k, v in found.slots.items() if v and k in self._slot_types.get(DENY_INTENT, {})}
            return Match(DENY_INTENT, self._fill(DENY_INTENT, slots), found.how, found.score, found.sample)
        return found

    def _match_plain(self, words: list[str], *, clauses: bool = True) -> Match:
        if not words:
            return Match(FALLBACK_INTENT, self._fill(FALLBACK_INTENT, {}))
        # 1. A slot-less sample, word for word: the line as typed ("uh huh"),
        # then without the fillers around it ("um, I don't know").
        stripped = strip_fillers(words)
        for candidate in (words, stripped):
            if " ".join(candidate) in self._exact:
                intent, sample = self._exact[" ".join(candidate)]
                return Match(intent, self._fill(intent, {}), "exact", 100.0, sample)
        words = stripped
        line = " ".join(words)
        if not line:
            return Match(FALLBACK_INTENT, self._fill(FALLBACK_INTENT, {}))

        # 2. Samples with slots, word for word.
        best, unexplained = self._fit(words)
        if best is not None and best.score == 100:
            return best

        # A bare duration ("three days") answers "how long": the model has no
        # bare "{duration}" sample, which would take any words in sample-matching tools.
        iso = parse_duration(line) if DURATION_INTENT in self._slot_types else None
        if iso:
            fill = SlotFill(spoken=iso)
            return Match(DURATION_INTENT, self._fill(DURATION_INTENT, {DURATION_SLOT: fill}), "duration", 100.0)

        # 3. The opposite of a report: "my feet are not numb", "it is getting better".
        denial = self._denial(words)
        if denial is not None:
            return denial

        # 4. Close to a sample (rapidfuzz), when nothing fits exactly.
        close = self._fuzzy(line)
        if close is not None and (best is None or close.score > best.score):
            best = close
        if best is not None and best.how != "loose":
            return best

        # "I have a fever and purple spots": the sample with both slots
        # explains the whole line, "I have a fever" only part of it.
        explains_more = unexplained is not None and unexplained.score > 0

        # 5. Clauses, each understood on its own; a sample inside a longer, rambling line.
        joined = self._clauses(words) if clauses else None
        if joined is not None and (not explains_more or all(joined.slots.values())):
            return joined  # unless a sample explains more than the clauses do
        inside = None if explains_more else self._inside(words)
        if inside is not None:
            return inside
        if best is not None and not explains_more:
            return best

        # 6. A carrier phrase with a slot that matches no value.
        if unexplained is not None:
            return unexplained

        # 7. As Alexa does with what fits no intent.
        return Match(FALLBACK_INTENT, self._fill(FALLBACK_INTENT, {}))

    def _fit(self, words: list[str]) -> tuple[Match | None, Match | None]:
        """The best sample with slots that `words` fit word for word (every
        slot resolved, perhaps loosely), and the best whose carrier fits
        but some slot matches no value."""
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
                        # A whole value beats the same words split in two ("loss of balance or coordination").
                        key: tuple = (score, -len(scores), pattern.carrier_words)
                        how = "pattern"
                    elif (found or (pattern.carrier_words >= 2 and isinstance(pattern.parts[0], tuple))) and not any(
                        negated(fill.spoken) for fill in fills.values() if fill.slot_type and not fill.value_id
                    ):
                        # A real carrier phrase before the slot ("I have ..."), not
                        # a trailing "last night"; or one slot that resolved; not
                        # "I'm not clumsy", which is an answer, not a symptom.
                        key = (found, pattern.carrier_words, -missing)
                        score = max(scores)  # 0 unless another slot resolved
                        how = "unresolved"
                    else:
                        continue
                    candidate = Match(pattern.intent, self._fill(pattern.intent, fills), how, score, pattern.sample)
                    (resolved if missing == 0 else unresolved).append((key, candidate))
        best = max(resolved, key=lambda pair: pair[0])[1] if resolved else None
        unexplained = max(unresolved, key=lambda pair: pair[0])[1] if unresolved else None
        return best, unexplained

    def _exact_fit(self, words: list[str]) -> Match | None:
        line = " ".join(words)
        if line in self._exact:
            intent, sample = self._exact[line]
            return Match(intent, self._fill(intent, {}), "exact", 100.0, sample)
        best, _ = self._fit(words)
        return best if best is not None and best.score == 100 else None

    def _denial(self, words: list[str]) -> Match | None:
        """A line that says the opposite of a report: with its negation taken
        out ("my feet are not numb", "i do not feel weak") or put in ("it is
        getting better"), it is a report. The signs it names are denied."""
        for variant in _toggled(words):
            found = self._exact_fit(variant)
            if found is not None and found.intent == REPORT_INTENT:
                slots = {name: fill for name, fill in found.slots.items() if name in self._slot_types[DENY_INTENT]}
                return Match(DENY_INTENT, self._fill(DENY_INTENT, {k: v for k, v in slots.items() if v}), "negation", 100.0, found.sample)
        return None

    def _inside(self, words: list[str]) -> Match | None:
        """The longest stretch of a rambling line that is a sample word for
        word ("so yesterday at work my legs went numb"). A negation before it
        turns a report into a denial; an answer (yes, no, not sure) or a lone
        short symptom word never counts: inside a sentence it may mean
        something else."""
        n = len(words)
        for size in range(n - 1, 1, -1):
            for start in range(n - size + 1):
                found = self._exact_fit(words[start : start + size])
                if found is None or found.intent not in _INSIDE_INTENTS:
                    continue
                if any(fill and fill.value_id and len(fill.spoken.split()) < 2 for fill in found.slots.values()):
                    continue  # "my temperature's fine": a lone "temperature" is no report
                if found.sample in _BARE_SLOT_SAMPLES and size < MIN_INSIDE_BARE_WORDS:
                    continue
                before = words[:start]
                if any(word in NEGATIONS for word in before[-4:]) and denies(words[: start + size]):
                    if found.intent != REPORT_INTENT:
                        continue
                    slots = {k: v for k, v in found.slots.items() if v and k in self._slot_types[DENY_INTENT]}
                    return Match(DENY_INTENT, self._fill(DENY_INTENT, slots), "inside", 100.0 * size / n, found.sample)
                return Match(found.intent, found.slots, "inside", 100.0 * size / n, found.sample)
        return None

    def _correct_typos(self, words: list[str], *, negations_only: bool = False) -> list[str]:
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
                if loose and len(line) < len(text):
                    continue  # a few words that merely occur in a longer sample
                if _flips_meaning(line, text):
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
        return Match(intent, self._fill(intent, fills), "fuzzy" if strict else "loose", score, sample)

    # ---- invocation ----------------------------------------------------------

    def split_invocation(self, text: str) -> tuple[bool, str]:
        """A first line said to Alexa, not to the skill: "open back spasm
        helper" -> (True, ""); "ask back spasm helper should I see a doctor"
        -> (True, "should i see a doctor"); "dile a ayuda para espasmos de
        espalda que tengo fiebre" -> (True, "tengo fiebre"); anything else ->
        (False, text)."""
        words = strip_fillers(normalize(text).split())
        name = self.invocation_name.split()
        if not name:
            return False, text
        for start in range(len(words)):
            if words[start : start + len(name)] == name:
                verb = words[:start]
                rest = words[start + len(name) :]
                if not verb or " ".join(verb) in _LAUNCH_PHRASES:
                    while rest and rest[0] in _INVOCATION_JOINERS:
                        rest = rest[1:]
                    return True, " ".join(rest)
        return False, text


_LAUNCH_PHRASES = frozenset({"open", "launch", "start", "run", "use", "ask", "tell", "talk to", *spanish.LAUNCH_PHRASES})
_INVOCATION_JOINERS = frozenset({"to", "that", "about", "if", "whether", "for", "and"}) | spanish.INVOCATION_JOINERS
_OPPOSITE_PREFIXES = ("un", "in", "im", "dis", "ir")
_QUESTION_WORDS = frozenset(
    {"should", "can", "could", "what", "how", "why", "when", "is", "are", "do", "does", "will", "would", "where", "who"}
) | spanish.QUESTION_WORDS
# Slot-less intents whose meaning their words carry; answers and navigation are matched as said.
_GUESSABLE_INTENTS = frozenset(
    {"StartCheckIntent", "CausesIntent", "HowLongIntent", "SelfCareIntent", "ContactIntent", "CallForHelpIntent"}
)
_YES_WORDS = frozenset({"yes", "yeah", "yep", "yup", "ya", "sure", "definitely", "absolutely", "correct", "right"}) | spanish.YES_WORDS
_NO_WORDS = frozenset({"no", "nope", "nah", "not", "never", "negative"}) | spanish.NO_WORDS
# Words that may come with a yes or a no without changing it.
_ANSWER_WORDS = frozenset(
    {"i", "think", "so", "guess", "suppose", "believe", "that", "is", "it", "really", "sir", "maam", "a", "little",
     "bit", "afraid", "unfortunately", "does", "do", "did", "have", "am", "was", "very", "much", "pretty", "of",
     "course", "at", "all", "uh", "huh", "mm", "hmm", "okay", "ok", "well", "thats", "quite", "exactly"}
) | spanish.ANSWER_WORDS  # fmt: skip


def _answer(words: list[str]) -> str | None:
    """"yes i think so", "nah not really", "a little yeah": a yes or a no
    with only hedges around it. Not a "not sure" ("not really sure")."""
    if not words or not set(words) <= _YES_WORDS | _NO_WORDS | _ANSWER_WORDS:
        return None
    if set(words) & _NO_WORDS:
        return "AMAZON.NoIntent"
    if set(words) & _YES_WORDS:
        return "AMAZON.YesIntent"
    return None
# Words that only colour what is said.
_INTENSIFIERS = frozenset(
    {"just", "really", "so", "super", "very", "totally", "completely", "pretty", "quite", "all", "even", "actually", "honestly", "like"}
)


_HEDGE_PHRASES = (("a", "little", "bit", "of"), ("a", "bit", "of"), ("kind", "of"), ("sort", "of"))
# Said after what is wrong, about when or how: "... since yesterday", "... all of a sudden".
_TRAILING = (
    ("all", "of", "a", "sudden"), ("this", "morning"), ("last", "night"), ("this", "week"), ("last", "week"),
    ("a", "lot"), ("yesterday",), ("today",), ("suddenly",), ("lately",), ("recently",), ("anymore",),
    ("again",), ("now",), ("too",),
)  # fmt: skip


def _without_intensifiers(words: list[str]) -> list[str]:
    """The line without intensifiers and hedges inside it ("a bit of"), and
    without what it says about when at its end ("since yesterday", "lately")."""
    out: list[str] = []
    i = 0
    while i < len(words):
        phrase = next((p for p in _HEDGE_PHRASES if tuple(words[i : i + len(p)]) == p), None)
        if phrase and i + len(phrase) < len(words):
            i += len(phrase) - (1 if phrase[0] == "a" else 0)  # "a bit of a fever" -> "a fever"
            continue
        if words[i] not in _INTENSIFIERS:
            out.append(words[i])
        i += 1
    if "since" in out[1:] and len(out) - out.index("since", 1) <= 4:
        out = out[: out.index("since", 1)]
    trimmed = True
    while trimmed and len(out) > 2:
        trimmed = False
        for tail in _TRAILING:
            if tuple(out[-len(tail) :]) == tail and len(out) > len(tail) + 1:
                out = out[: -len(tail)]
                trimmed = True
    return out


def _flips_meaning(a: str, b: str) -> bool:
    """Two texts that differ by a word and its opposite ("steady" and
    "unsteady", "able" and "unable"): close as strings, opposite in meaning."""
    only_a, only_b = set(a.split()) - set(b.split()), set(b.split()) - set(a.split())
    return any(
        y == prefix + x or x == prefix + y for x in only_a for y in only_b for prefix in _OPPOSITE_PREFIXES
    )


def _toggled(words: list[str]) -> Iterator[list[str]]:
    """The line with its negation taken out, or one put in after its first
    auxiliary verb ("still" becomes "not": "i can still feel my legs")."""
    if any(word in NEGATIONS for word in words):
        out: list[str] = []
        for word in words:
            if word in ("not", "never"):
                if out and out[-1] in ("do", "does", "did"):
                    out.pop()  # "i do not feel weak" -> "i feel weak"
                continue
            out.append(word)
        if out != words:
            yield out
        return
    if "still" in words:
        yield ["not" if word == "still" else word for word in words]
    for i, word in enumerate(words):
        if word in _AUXILIARIES:
            yield [*words[: i + 1], "not", *words[i + 1 :]]
            return


def load(path: Path) -> Nlu:
    """The matcher for one interaction model file (built once per file);
    raises ModelError."""
    return _load(str(path))


@cache
def _load(path: str) -> Nlu:
    return Nlu(model_file.load(Path(path)), language=Path(path).stem.split("-")[0])

"""Recognition: a typed line to the intent and slots Alexa would send.

Matching, best first (docs/chat.md has the same list with examples):

1. the whole line equals a slot-less sample (or a built-in phrasing), as typed or without the fillers around it;
2. the line fits a sample with slots, word for word, and every slot resolves (a symptom value or synonym, a spoken
   duration or date) - every way of splitting the line between two slots is tried; a bare duration answers "how long";
3. the opposite of a report ("my feet are not numb"): a denial;
4. rapidfuzz: the line is close to a slot-less sample, or to a one-slot sample filled with one of the slot type's
   values (a slip, a missing word);
5. clauses matched one by one, or a sample inside a longer, rambling line;
6. only when nothing fits as typed: slips corrected, intensifiers and trailing time words dropped; then a hedged
   yes or no, a duration among other words (`durations`), or a naive Bayes guess of the sign or the question from
   the model's own phrases (`skill.tools.nlu.signs`);
7. the line fits a sample with a clear carrier phrase ("I have ...") but the slot matches no value: the intent with
   ER_SUCCESS_NO_MATCH, as Alexa sends;
8. AMAZON.FallbackIntent.

Steps 3 to 8 give way to a closing verdict ("..., so i'd say no") when the line reports no sign (`asides`).
`exact_match` is steps 1 and 2 alone: what a device is certainly trained on.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from skill.core import contract, lexicon
from skill.tools import model as model_file
from skill.tools.alexa.envelopes import SlotFill
from skill.tools.model import LanguageModel
from skill.tools.nlu import by_parts, durations, invocation, spanish
from skill.tools.nlu.asides import closing_verdict, is_an_aside, opens_with_a_no
from skill.tools.nlu.nearby import NearSamples, Typos
from skill.tools.nlu.normalize import NEGATIONS, negated, normalize, strip_fillers
from skill.tools.nlu.patterns import SampleIndex
from skill.tools.nlu.result import FALLBACK_INTENT, Match
from skill.tools.nlu.rewrites import answer, toggled, unsure, without_intensifiers
from skill.tools.nlu.signs import SignClassifier, denies
from skill.tools.nlu.slot_values import SlotValues
from skill.tools.nlu.spoken_numbers import parse_duration, spell_numbers
from skill.tools.nlu.words import ABILITY_LEADS, ALSO_MATCHES, BUILTIN_PHRASES, CLAUSE_BREAKS, EVERYDAY_ANSWERS, LEXICON_LOCALES, ONSET_WORDS, QUESTION_WORDS

# A bare symptom phrase found inside a longer line must be this long: a
# lone "weak" or "fall" in a sentence may be about something else.
MIN_INSIDE_BARE_WORDS = 3

REPORT_INTENT = contract.REPORT_SYMPTOM
DENY_INTENT = contract.DENY_SYMPTOM
NO_INTENT = contract.NO
SYMPTOM_TYPE = contract.SYMPTOM_TYPE
SYMPTOM_SLOT = contract.SYMPTOM_SLOT
OTHER_SYMPTOM_SLOT = contract.OTHER_SYMPTOM_SLOT
DURATION_INTENT = contract.DURATION
DURATION_SLOT = contract.DURATION_SLOT
_BARE_SLOT_SAMPLES = {"{symptom}"}
# Matches whose polarity is settled where made: word for word, or clause by clause ("never" in another clause).
_OWN_POLARITY = frozenset({"exact", "pattern", "clauses"})
# The intents a sample inside a longer line may stand for. Not an answer (it
# might answer something else there), not a duration ("set a timer for ten
# minutes"), not stop ("stop, it hurts").
_INSIDE_INTENTS = {
    REPORT_INTENT, DENY_INTENT, contract.CALL_FOR_HELP, contract.START_CHECK, contract.CAUSES, contract.HOW_LONG,
    contract.SELF_CARE, contract.CONTACT, contract.HELP, contract.REPEAT,
}  # fmt: skip

# Slot-less intents whose meaning their words carry; answers and navigation are matched as said.
_GUESSABLE_INTENTS = frozenset({contract.START_CHECK, contract.CAUSES, contract.HOW_LONG, contract.SELF_CARE, contract.CONTACT, contract.CALL_FOR_HELP})
# What a line that fits nothing may be taken for from the model of a language mixed in.
_MIXED_IN_REQUESTS = _GUESSABLE_INTENTS | {contract.HELP, contract.STOP, contract.CANCEL, contract.REPEAT}


class Nlu:
    """Indexes built once from an interaction model; `match(text)` per line."""

    def __init__(self, model: LanguageModel, *, language: str = "en"):
        """`language`: the model locale's language ("es" for es-US), for how
        typed digits are said ("911": "nine one one", "nueve uno uno")."""
        self.language = language
        # the matcher of a language this one's speakers mix in, tried when this one understands nothing
        self.also: Nlu | None = None
        samples = SampleIndex(model)
        self.invocation_name = samples.invocation_name
        self.intent_names = model.intent_names
        self._values = samples.values
        self._slot_values = SlotValues(self._values)
        self._slot_types = samples.slot_types
        self._lexicon_locale = LEXICON_LOCALES.get(language, lexicon.DEFAULT_LOCALE)
        self._symptom_names = {value_id: name for value_id, name in self._values.get(SYMPTOM_TYPE, {}).values()}
        symptoms = self._values.get(SYMPTOM_TYPE, {})
        self._abilities = frozenset(s for s in symptoms if any(f"{lead} {s}" in symptoms for lead in ABILITY_LEADS))
        self._patterns = samples.slotted
        # normalised slot-less sample -> (intent, sample)
        self._exact = dict(samples.exact)
        # Built-ins' usual phrasings, after the model's own samples so the model wins.
        for name in self.intent_names:
            for phrase in (*BUILTIN_PHRASES.get(name, ()), *EVERYDAY_ANSWERS.get(name, ())):
                self._exact.setdefault(normalize(phrase), (name, phrase))

        symptom_phrases = self._values.get(SYMPTOM_TYPE)
        self._signs = SignClassifier(symptom_phrases) if symptom_phrases else None
        # The same over the questions and requests without slots ("what causes these spasms").
        guessable = {text: (intent, intent) for text, (intent, _) in self._exact.items() if intent in _GUESSABLE_INTENTS}
        self._intents = SignClassifier(guessable) if guessable else None

        # The model's own ways of not knowing, to find inside a longer answer.
        self._unsure = frozenset(tuple(text.split()) for text, (intent, _) in self._exact.items() if intent == contract.NOT_SURE)
        self._typos = Typos(self._exact, self._patterns, self._values)
        self._near = NearSamples(self._exact, self._patterns, self._values, self._slot_types)

    # ---- slots -------------------------------------------------------------

    def resolve(self, slot_type: str, text: str) -> tuple[SlotFill, float] | None:
        """What entity resolution makes of `text` for `slot_type` (`SlotValues.resolve`)."""
        return self._slot_values.resolve(slot_type, text)

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
        """What Alexa would send for a typed line: the samples' best match,
        overruled by the signs the line names by their parts where those
        know better (`by_parts`)."""
        text = lexicon.for_locale(self._lexicon_locale).repaired(text)  # "no wait, yes I fell": what follows the correction
        found = by_parts.revise(self._match_samples(text), text, self._lexicon_locale, self._symptom_names, self._fill, self._abilities)
        verdict = None if found.how == "exact" else closing_verdict(self._words(text), bool(lexicon.read(text, self._lexicon_locale).reported))
        if verdict is not None:
            return Match(verdict, self._fill(verdict, {}), "answer", 100.0)
        if found.intent == FALLBACK_INTENT and self.also is not None:
            # US Spanish speakers mix in English ("call nine one one porfa"): the other model's
            # reading, for requests only; never an answer or a denial, which a Spanish line could be misread as.
            other = self.also.match(text)
            if other.intent in _MIXED_IN_REQUESTS and other.intent in self.intent_names:
                return other
        return found

    def _match_samples(self, text: str) -> Match:
        # A slip in a negation flips the meaning ("i cnat feel my legs"):
        # those are corrected first, whatever else the line holds.
        words = self._typos.correct(self._words(text), negations_only=True)
        found = self._match_words(words)
        if found.how in ("fallback", "unresolved"):
            # Other typos, then words that only colour the meaning ("i think
            # i just wet myself", "my arms feel so weak"): only when the line
            # as typed fits nothing, so a word the model never uses ("purple
            # spots") is kept as said.
            corrected = self._typos.correct(words)
            plain = without_intensifiers(corrected)
            for retry_words in (corrected, plain):
                if retry_words != words:
                    retry = self._match_words(retry_words)
                    if retry.how not in ("fallback", "unresolved"):
                        return retry
            # Last: a yes or no with words around it; else what the line's
            # words point to, a question first if it is asked as one. Words
            # as typed: a typo guess ("trash" -> "crash") is no evidence.
            plain = strip_fillers(without_intensifiers(words))
            plain_answer = contract.NOT_SURE if unsure(plain, self._unsure) else answer(plain)
            if plain_answer is not None:
                return Match(plain_answer, self._fill(plain_answer, {}), "answer", 100.0)
            when = None if self._reads_a_sign(text) else durations.inside(plain, self.resolve, ONSET_WORDS)
            if when is not None:  # "ya van como nueve días": how long, said among other words
                return Match(DURATION_INTENT, self._fill(DURATION_INTENT, {when[0]: when[1]}), "duration", 100.0)
            guesses = (self._guess_intent, lambda plain_words: self._guess(plain_words, said=words))  # the slot keeps the words as said
            order = guesses if plain[:1] and plain[0] in QUESTION_WORDS else reversed(guesses)
            guessed = next((g for g in (guess(plain) for guess in order) if g is not None), None)
            if opens_with_a_no(plain, self.language) and is_an_aside(self._reads_a_sign(text), guessed):
                return Match(NO_INTENT, self._fill(NO_INTENT, {}), "answer", 100.0)
            if guessed is not None:
                return guessed
        return found

    def _reads_a_sign(self, text: str) -> bool:
        return bool(lexicon.read(text, self._lexicon_locale).mentions)

    def _guess_intent(self, words: list[str]) -> Match | None:
        guess = self._intents.guess(words) if self._intents is not None and len(words) >= 2 else None
        if guess is None or guess.denied:
            return None
        return Match(guess.sign, self._fill(guess.sign, {}), "intent", min(100.0, 50 + guess.margin), guess.phrase)

    def _guess(self, words: list[str], said: list[str] | None = None) -> Match | None:
        if self._signs is None or len(words) < 2:
            return None
        guess = self._signs.guess(words)
        if guess is None:
            return None
        intent = DENY_INTENT if guess.denied else REPORT_INTENT
        value_id, name = self._values[SYMPTOM_TYPE][guess.phrase]
        fill = SlotFill(" ".join(said or words), value_id, name, SYMPTOM_TYPE)
        return Match(intent, self._fill(intent, {SYMPTOM_SLOT: fill}), "sign", min(100.0, 50 + guess.margin), None)

    def _clauses(self, words: list[str]) -> Match | None:
        """A line of clauses ("i fell off my bike and now i keep losing my
        balance"): each matched on its own; the signs they report (or, if
        none reports any, deny) are put together, two at most."""
        clauses: list[list[str]] = [[]]
        for word in words:
            if word in CLAUSE_BREAKS and clauses[-1]:
                clauses.append([])
            elif word not in CLAUSE_BREAKS:
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
        if reported and {f.value_id for f in reported} <= {f.value_id for f in denied} and denies(words):
            # "my left side and my right side feel normal": one sign, a fragment and its denial.
            chosen, intent = denied, DENY_INTENT
        unique = list({fill.value_id: fill for fill in chosen}.values())[:2]
        if not unique:
            return None
        slots = dict(zip((SYMPTOM_SLOT, OTHER_SYMPTOM_SLOT), unique, strict=False))
        return Match(intent, self._fill(intent, slots), "clauses", 100.0, None)

    def _match_words(self, words: list[str], *, clauses: bool = True) -> Match:
        found = self._match_plain(words, clauses=clauses)
        if found.intent == REPORT_INTENT and found.how not in _OWN_POLARITY and denies(words):
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
        close = self._near.match(line)
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
        for variant in toggled(words):
            found = self._exact_fit(variant)
            if found is not None and found.intent == REPORT_INTENT:
                # The slot holds the words as said, not as toggled: "can not squeeze" read by the
                # Lambda is a finding negative in form, a report, where the user said "i can squeeze".
                said = " ".join(words)
                slots = {
                    name: SlotFill(said, fill.value_id, fill.resolved_name, fill.slot_type)
                    for name, fill in found.slots.items()
                    if fill and name in self._slot_types[DENY_INTENT]
                }
                return Match(DENY_INTENT, self._fill(DENY_INTENT, slots), "negation", 100.0, found.sample)
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

    # ---- invocation ----------------------------------------------------------

    def split_invocation(self, text: str) -> tuple[bool, str]:
        """A first line said to Alexa, not to the skill (see `invocation`)."""
        return invocation.split(text, self.invocation_name)


def load(path: Path) -> Nlu:
    """The matcher for one interaction model file (built once per file);
    raises ModelError."""
    return _load(str(path))


@cache
def _load(path: str) -> Nlu:
    language = Path(path).stem.split("-")[0]
    nlu = Nlu(model_file.load(Path(path)), language=language)
    also = ALSO_MATCHES.get(language)
    sibling = Path(path).with_name(f"{LEXICON_LOCALES[also]}.json") if also is not None and also in LEXICON_LOCALES else None
    if sibling is not None and sibling.is_file():
        nlu.also = _load(str(sibling))
    return nlu

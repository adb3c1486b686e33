"""How well the skill understands what people say: a labelled corpus of
everyday utterances, scored against the chat matcher and against the
model's exact samples.

Corpus files (`tests/corpus/<locale>.<split>.tsv`): one utterance per line,
tab-separated: intent, symptom ids (comma-separated, "-" for none), the
utterance, and optional tags ("hedge"). Lines starting with "#" are comments.

Two recognisers are scored:

- "matcher": `back-spasm chat`'s matcher, with its tolerance for typos,
  fillers, negations and rambling;
- "exact": only what fits a sample of the model word for word (slot values
  from the model, built-in intents' usual phrasings): what a device's
  language understanding is certainly trained on.

A device's match (the stand-in's) is scored as the skill acts on it:
`as_the_skill_reads` reads its unresolved slot words as the Lambda does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from skill.core import contract, heard
from skill.core.rules import LEVELS, Level, Symptom
from skill.tools.alexa.envelopes import SlotFill
from skill.tools.nlu import FALLBACK_INTENT, Match, Nlu

REPORT_INTENTS = (contract.REPORT_SYMPTOM, contract.DENY_SYMPTOM)
EMERGENCY_IDS = frozenset(s.value for s in Symptom if LEVELS[s] is Level.EMERGENCY)


class CorpusError(ValueError):
    """A corpus file that cannot be read as labelled utterances."""


@dataclass(frozen=True)
class Example:
    intent: str
    symptoms: frozenset[str]
    text: str
    tags: frozenset[str] = frozenset()
    line: int = 0

    @property
    def is_emergency(self) -> bool:
        return self.intent == contract.REPORT_SYMPTOM and bool(self.symptoms & EMERGENCY_IDS)

    @property
    def is_denial(self) -> bool:
        return self.intent == contract.DENY_SYMPTOM

    @property
    def is_hedge(self) -> bool:
        return "hedge" in self.tags


def load_corpus(path: Path) -> list[Example]:
    """The labelled lines of one corpus file; CorpusError on a malformed line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"{path}: {error}") from None
    known_intents = set(contract.INTENTS)
    known_ids = set(contract.SYMPTOM_IDS)
    examples = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) not in (3, 4):
            raise CorpusError(f"{path}:{number}: expected 3 or 4 tab-separated fields, got {len(fields)}")
        intent, ids, text = (f.strip() for f in fields[:3])
        symptoms = frozenset() if ids == "-" else frozenset(i.strip() for i in ids.split(","))
        if intent not in known_intents:
            raise CorpusError(f"{path}:{number}: unknown intent {intent!r}")
        if not symptoms <= known_ids:
            raise CorpusError(f"{path}:{number}: unknown symptom id in {ids!r}")
        tags = frozenset(fields[3].split(",")) if len(fields) == 4 and fields[3].strip() else frozenset()
        examples.append(Example(intent, symptoms, text, tags, number))
    if not examples:
        raise CorpusError(f"{path}: no labelled lines")
    return examples


def symptom_ids(match: Match | None) -> frozenset[str]:
    """The symptom ids a match's symptom slots resolved to."""
    if match is None:
        return frozenset()
    return frozenset(fill.value_id for name in contract.SYMPTOM_SLOTS if (fill := match.slots.get(name)) and fill.value_id)


def as_the_skill_reads(match: Match, locale: str) -> Match:
    """`match` as the Lambda acts on it (skill.core.heard.settle): its symptom
    slots that matched no value (ER_SUCCESS_MATCH missing) read by the lexicon,
    a report that only denies signs made a denial, a denial whose words are a
    finding negative in form made a report."""
    if match.intent not in REPORT_INTENTS:
        return match
    fills = [match.slots.get(name) for name in contract.SYMPTOM_SLOTS]
    said = heard.settle(match.intent, [_heard(fill) for fill in fills], locale)
    slots = {name: fill for name, fill in match.slots.items() if name not in contract.SYMPTOM_SLOTS}
    spoken = [fill.spoken for fill in fills if fill is not None]
    for index, (name, sign) in enumerate(zip(contract.SYMPTOM_SLOTS, said.signs, strict=False)):
        words = spoken[index] if index < len(spoken) else sign.value
        slots[name] = SlotFill(words, sign.value, sign.value, "SymptomType")
    return Match(said.intent, slots, how=match.how, score=match.score, sample=match.sample)


def _heard(fill: SlotFill | None) -> heard.HeardSlot:
    if fill is None:
        return heard.HeardSlot(None)
    resolved = Symptom(fill.value_id) if fill.value_id in Symptom.__members__ else None
    return heard.HeardSlot(fill.spoken or None, resolved)


def understood(example: Example, match: Match | None) -> bool:
    """The intent as labelled, and for a report or denial, the same signs."""
    if match is None:
        return example.intent == FALLBACK_INTENT
    if match.intent != example.intent:
        return False
    return example.intent not in REPORT_INTENTS or symptom_ids(match) == example.symptoms


def recognised_as_emergency(match: Match | None) -> bool:
    if match is None:
        return False
    if match.intent == contract.CALL_FOR_HELP:
        return True
    return match.intent == contract.REPORT_SYMPTOM and bool(symptom_ids(match) & EMERGENCY_IDS)


def reports_denied_sign(example: Example, match: Match | None) -> bool:
    """A denial heard as a report of (or a yes to) the very sign it denies."""
    if match is None:
        return False
    if match.intent == contract.YES:
        return True
    return match.intent == contract.REPORT_SYMPTOM and bool(symptom_ids(match) & example.symptoms)


def label(intent: str, symptoms: Iterable[str]) -> str:
    ids = sorted(symptoms)
    return f"{intent}({','.join(ids)})" if ids else intent


@dataclass
class Score:
    """One recogniser's results on one corpus."""

    name: str
    results: list[tuple[Example, Match | None]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def correct(self) -> int:
        return sum(understood(e, m) for e, m in self.results)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def by_intent(self) -> dict[str, tuple[int, int]]:
        table: dict[str, list[int]] = {}
        for example, match in self.results:
            row = table.setdefault(example.intent, [0, 0])
            row[0] += understood(example, match)
            row[1] += 1
        return {name: (row[0], row[1]) for name, row in sorted(table.items())}

    def by_symptom(self) -> dict[str, tuple[int, int]]:
        table = {symptom_id: [0, 0] for symptom_id in contract.SYMPTOM_IDS}
        for example, match in self.results:
            for symptom_id in example.symptoms:
                table[symptom_id][0] += understood(example, match)
                table[symptom_id][1] += 1
        return {name: (row[0], row[1]) for name, row in table.items()}

    def misses(self) -> list[tuple[Example, Match | None]]:
        return [(e, m) for e, m in self.results if not understood(e, m)]

    def confusions(self) -> Counter[tuple[str, str]]:
        return Counter((label(e.intent, e.symptoms), label(m.intent, symptom_ids(m)) if m else "(no exact sample)") for e, m in self.misses())

    def emergencies_missed(self) -> list[Example]:
        return [e for e, m in self.results if e.is_emergency and not recognised_as_emergency(m)]

    def denials_reported(self) -> list[Example]:
        return [e for e, m in self.results if e.is_denial and reports_denied_sign(e, m)]

    def hedges_to_fallback(self) -> list[Example]:
        return [e for e, m in self.results if e.is_hedge and (m is None or m.intent == FALLBACK_INTENT)]


def score(name: str, examples: Iterable[Example], recognise: Callable[[str], Match | None]) -> Score:
    result = Score(name)
    for example in examples:
        result.results.append((example, recognise(example.text)))
    return result


def score_device(name: str, examples: Iterable[Example], recognise: Callable[[str], Match], locale: str) -> Score:
    """A device-like recogniser's score (the stand-in's), its matches read as the skill reads them."""
    return score(name, examples, lambda text: as_the_skill_reads(recognise(text), locale))


def evaluate(matcher: Nlu, examples: list[Example]) -> tuple[Score, Score]:
    """The chat matcher's score and the exact-sample score."""
    return score("matcher", examples, matcher.match), score("exact", examples, matcher.exact_match)


def _percent(good: int, total: int) -> str:
    return f"{good}/{total} ({100 * good / total:.1f}%)" if total else "-"


def report(scores: Iterable[Score], *, worst: int = 10) -> list[str]:
    """The printable report: overall, per intent, per symptom id, safety
    figures, confusions and the worst misses, for each recogniser."""
    lines: list[str] = []
    for result in scores:
        lines.append(f"== {result.name}: {_percent(result.correct, result.total)} understood as labelled")
        emergencies = sum(e.is_emergency for e, _ in result.results)
        denials = sum(e.is_denial for e, _ in result.results)
        hedges = sum(e.is_hedge for e, _ in result.results)
        lines.append(f"   emergency lines recognised as emergencies: {_percent(emergencies - len(result.emergencies_missed()), emergencies)}")
        lines.append(f"   denials heard as a report of the denied sign: {len(result.denials_reported())}/{denials}")
        lines.append(f"   hedges sent to fallback: {len(result.hedges_to_fallback())}/{hedges}")
        lines.append("   per intent:")
        for name, (good, total) in result.by_intent().items():
            lines.append(f"     {name:28} {_percent(good, total)}")
        lines.append("   per symptom id:")
        for name, (good, total) in result.by_symptom().items():
            lines.append(f"     {name:28} {_percent(good, total)}")
        lines.append("   confusions (labelled -> understood):")
        for (expected, got), count in result.confusions().most_common(worst):
            lines.append(f"     {count:3}  {expected} -> {got}")
        lines.append(f"   misses (first {worst}):")
        for example, match in result.misses()[:worst]:
            got = label(match.intent, symptom_ids(match)) if match else "(no exact sample)"
            lines.append(f"     {example.text!r}: {label(example.intent, example.symptoms)} -> {got}")
    return lines

"""Spoken vignettes: simulated patients with hidden signs talk to the real
skill, and the advice they end up with is scored against the truth.

Each patient is a set of hidden signs (none, one or two of the eleven). The
patient opens the skill, says "yes" to the check, and answers every question
truthfully with a line from the labelled corpus: when they have a sign the
question asks about, a report of it in their own words or a plain yes; when
not, a denial of the question's signs or a plain no; "not sure" once now and
then; and sometimes a sign of their own before it is asked about. Each line
goes through a recogniser (typed text to intent and slots) and then, in the
request envelope Alexa sends, to the Lambda's own handler, as in
`back-spasm chat`. The advice is read from the skill's final card.

Lines come from `<locale>.<split>.tsv` (see skill.tools.evaluation) and,
when present, `<locale>.<split>-answers.tsv`: answers written for one
question, `QUESTION_KEY<TAB>yes|no<TAB>ids or -<TAB>utterance`.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from skill.core import contract, speech
from skill.core.builder import LambdaHandler, lambda_handler_for
from skill.core.rules import LEVELS, QUESTION_BY_ID, Level, Symptom
from skill.core.session import ASKING
from skill.tools import alexa_standin
from skill.tools.alexa import reminders_standin
from skill.tools.alexa.envelopes import AlexaSession
from skill.tools.evaluation import CorpusError, load_corpus
from skill.tools.nlu import FALLBACK_INTENT, Match
from skill.tools.nlu import load as load_matcher
from skill.tools.paths import model_path

Recogniser = Callable[[str], Match]

MAX_TURNS = 25
# A question asked this often in one check counts as a stalled check.
STALL_ASKS = 3
# How often a patient says "not sure" (once per question at most), and
# volunteers a sign of their own before it is asked (once per check at most).
UNSURE_RATE = 0.08
VOLUNTEER_RATE = 0.15
# How often a truthful answer is a sentence (a report or a denial) rather
# than a plain yes or no.
SENTENCE_RATE = 0.5
LEVEL_NAMES = {Level.EMERGENCY: "911", Level.SEE_DOCTOR: "doctor", Level.SELF_CARE: "self-care"}
RECOGNISERS = ("matcher", "exact", "standin")
_SIGNS_BY_LEVEL = {level: [s for s in Symptom if LEVELS[s] is level] for level in Level}


@dataclass
class Lines:
    """The corpus lines a patient may say, by what they mean."""

    reports: list[tuple[frozenset[Symptom], str]] = field(default_factory=list)
    denials: list[tuple[frozenset[Symptom], str]] = field(default_factory=list)
    yes: list[str] = field(default_factory=list)
    no: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)
    # question key -> lines written as answers to it: yes (with the signs had) and no
    answers_yes: dict[str, list[tuple[frozenset[Symptom], str]]] = field(default_factory=dict)
    answers_no: dict[str, list[str]] = field(default_factory=dict)


def _signs(ids: Iterable[str]) -> frozenset[Symptom]:
    return frozenset(Symptom(i) for i in ids)


def load_answers(path: Path, lines: Lines) -> None:
    """Add an answers file's lines to `lines`; CorpusError on a malformed line."""
    try:
        raw_lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"{path}: {error}") from None
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = [f.strip() for f in raw.split("\t")]
        if len(fields) != 4:
            raise CorpusError(f"{path}:{number}: expected 4 tab-separated fields, got {len(fields)}")
        key, polarity, ids, text = fields
        question = QUESTION_BY_ID.get(key)
        if question is None:
            raise CorpusError(f"{path}:{number}: unknown question key {key!r}")
        if polarity not in ("yes", "no"):
            raise CorpusError(f"{path}:{number}: expected yes or no, not {polarity!r}")
        try:
            signs = frozenset() if ids == "-" else _signs(i.strip() for i in ids.split(","))
        except ValueError:
            raise CorpusError(f"{path}:{number}: unknown symptom id in {ids!r}") from None
        if not signs <= set(question.signs):
            raise CorpusError(f"{path}:{number}: {ids} not all signs of {key}")
        if polarity == "yes":
            lines.answers_yes.setdefault(key, []).append((signs or frozenset(question.signs), text))
        else:
            lines.answers_no.setdefault(key, []).append(text)


def load_lines(corpus_dir: Path, locale: str, split: str) -> Lines:
    """The lines of one split of one locale; CorpusError if it is missing or malformed."""
    lines = Lines()
    for example in load_corpus(corpus_dir / f"{locale}.{split}.tsv"):
        signs = _signs(example.symptoms)
        if example.intent == contract.REPORT_SYMPTOM and signs:
            lines.reports.append((signs, example.text))
        elif example.intent == contract.DENY_SYMPTOM and signs:
            lines.denials.append((signs, example.text))
        elif example.intent == contract.YES:
            lines.yes.append(example.text)
        elif example.intent == contract.NO:
            lines.no.append(example.text)
        elif example.intent == contract.NOT_SURE:
            lines.unsure.append(example.text)
    answers = corpus_dir / f"{locale}.{split}-answers.tsv"
    if answers.is_file():
        load_answers(answers, lines)
    return lines


def make_patients(count: int, seed: int) -> list[frozenset[Symptom]]:
    """`count` hidden sign sets: a third at each level; within a level, one
    sign or (a third of the time) two, the second of any level not higher."""
    rng = random.Random(seed)
    levels = list(Level)
    patients: list[frozenset[Symptom]] = []
    for index in range(count):
        level = levels[index % len(levels)]
        if level is Level.SELF_CARE:
            patients.append(frozenset())
            continue
        signs = {rng.choice(_SIGNS_BY_LEVEL[level])}
        if rng.random() < 1 / 3:
            signs.add(rng.choice([s for s in Symptom if LEVELS[s] <= level and s not in signs]))
        patients.append(frozenset(signs))
    rng.shuffle(patients)
    return patients


def recognisers(locale: str, names: Iterable[str] = RECOGNISERS) -> dict[str, Recogniser]:
    """The named recognisers of `locale`'s interaction model: the chat
    matcher, exact samples only (a miss is AMAZON.FallbackIntent), and the
    Alexa-like stand-in. Raises ModelError."""
    path = model_path(locale)
    chosen: dict[str, Recogniser] = {}
    for name in names:
        if name == "matcher":
            chosen[name] = load_matcher(path).match
        elif name == "exact":
            exact = load_matcher(path).exact_match
            chosen[name] = lambda text, exact=exact: exact(text) or Match(FALLBACK_INTENT)  # type: ignore[misc]
        elif name == "standin":
            chosen[name] = alexa_standin.load(path).match
        else:
            raise ValueError(f"unknown recogniser {name!r}")
    return chosen


def truth(signs: Iterable[Symptom]) -> Level:
    return max((LEVELS[s] for s in signs), default=Level.SELF_CARE)


def advice_titles(locale: str) -> dict[str, Level]:
    """The skill's advice card titles in `locale`, to tell which advice was given."""
    words = speech.for_locale(locale)
    titles = {words.text(words.advice_key(level, "card_title")): level for level in Level}
    titles[words.text("call_for_help_card_title")] = Level.EMERGENCY
    return titles


def advice_of(response_envelope: dict, titles: dict[str, Level]) -> Level | None:
    card = (response_envelope.get("response") or {}).get("card") or {}
    return titles.get(card.get("title") or "")


@dataclass(frozen=True)
class Outcome:
    signs: frozenset[Symptom]
    advice: Level | None  # None: no advice within MAX_TURNS, or the session ended without it
    answers: int
    stalled: bool
    said: tuple[tuple[str, str, str], ...] = ()  # (question asked or "-", the line, the intent heard)

    @property
    def truth(self) -> Level:
        return truth(self.signs)


class Patient:
    """One simulated patient's choices of line, from their own random stream."""

    def __init__(self, signs: frozenset[Symptom], lines: Lines, rng: random.Random):
        self.signs = signs
        self.lines = lines
        self.rng = rng
        self.unsure_said: set[str] = set()
        self.volunteered = False
        self.denied: set[Symptom] = set()

    def _pick(self, *pools: list[str]) -> str | None:
        choices = [line for pool in pools for line in pool]
        return self.rng.choice(choices) if choices else None

    def answer(self, key: str | None) -> str:
        """What the patient says when asked question `key` (None: the offer)."""
        if key is None:
            return self._pick(self.lines.yes) or "yes"
        asked = frozenset(QUESTION_BY_ID[key].signs)
        others = self.signs - asked
        if others and not self.volunteered and self.rng.random() < VOLUNTEER_RATE:
            line = self._pick([text for ids, text in self.lines.reports if ids <= others])
            if line:
                self.volunteered = True
                return line
        if key not in self.unsure_said and self.rng.random() < UNSURE_RATE and self.lines.unsure:
            self.unsure_said.add(key)
            return self.rng.choice(self.lines.unsure)
        had = self.signs & asked
        sentence = self.rng.random() < SENTENCE_RATE
        if had:
            reports = [text for ids, text in self.lines.reports if ids <= had]
            written = [text for ids, text in self.lines.answers_yes.get(key, []) if ids <= had]
            line = self._pick(reports, written) if sentence else self._pick(self.lines.yes, written)
            return line or self._pick(reports, written, self.lines.yes) or "yes"
        if self.denied & asked:  # asked again after denying one of its signs by name
            return self._pick(self.lines.no) or "no"
        denials = [(ids, text) for ids, text in self.lines.denials if ids <= asked]
        written_no = self.lines.answers_no.get(key, [])
        if sentence and denials and (not written_no or self.rng.random() < 0.5):
            ids, line = self.rng.choice(denials)
            self.denied |= ids
            return line
        if sentence and written_no:
            return self.rng.choice(written_no)
        return self._pick(self.lines.no, written_no) or "no"


def run_patient(
    signs: frozenset[Symptom], lines: Lines, recognise: Recogniser, handler: LambdaHandler, *,
    locale: str, rng: random.Random, titles: dict[str, Level],
) -> Outcome:  # fmt: skip
    """One check, from the launch to the advice (or MAX_TURNS answers)."""
    session = AlexaSession(lambda event: handler(event, None), locale=locale)
    patient = Patient(signs, lines, rng)
    session.launch()

    def say(line: str) -> dict:
        match = recognise(line)
        said.append((str(session.attributes.get(ASKING) or "-"), line, match.intent))
        return session.intent(match.intent, match.slots)

    said: list[tuple[str, str, str]] = []
    response = say("yes")
    asks: Counter[str] = Counter()
    answers = 0
    advice = advice_of(response, titles)
    while advice is None and not session.ended and answers < MAX_TURNS:
        key = session.attributes.get(ASKING)
        if key is not None:
            asks[key] += 1
        response = say(patient.answer(key))
        answers += 1
        advice = advice_of(response, titles)
    stalled = advice is None or max(asks.values(), default=0) >= STALL_ASKS
    return Outcome(signs, advice, answers, stalled, tuple(said))


def run(
    patients: list[frozenset[Symptom]], lines: Lines, recognise: Recogniser, *, locale: str, seed: int,
    handler: LambdaHandler | None = None,
) -> list[Outcome]:  # fmt: skip
    """Every patient through the skill; patient i draws its lines from its
    own stream (seed, i), so the same seed gives the same run."""
    handler = handler or lambda_handler_for(None, api_client=reminders_standin.StandInRemindersApi(200))
    titles = advice_titles(locale)
    return [run_patient(signs, lines, recognise, handler, locale=locale, rng=random.Random(f"{seed}:{i}"), titles=titles) for i, signs in enumerate(patients)]


@dataclass(frozen=True)
class Summary:
    total: int
    right: int
    right_by_level: dict[Level, tuple[int, int]]
    under: int  # advice less urgent than the truth, or none, for a patient who needs more than self-care
    over: int  # advice more urgent than the truth
    no_advice: int
    stalled: int
    answers_per_check: float

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def summarise(outcomes: list[Outcome]) -> Summary:
    by_level: dict[Level, list[int]] = {level: [0, 0] for level in Level}
    for outcome in outcomes:
        by_level[outcome.truth][0] += outcome.advice is outcome.truth
        by_level[outcome.truth][1] += 1
    return Summary(
        total=len(outcomes),
        right=sum(o.advice is o.truth for o in outcomes),
        right_by_level={level: (row[0], row[1]) for level, row in by_level.items()},
        under=sum(o.truth is not Level.SELF_CARE and (o.advice is None or o.advice < o.truth) for o in outcomes),
        over=sum(o.advice is not None and o.advice > o.truth for o in outcomes),
        no_advice=sum(o.advice is None for o in outcomes),
        stalled=sum(o.stalled for o in outcomes),
        answers_per_check=sum(o.answers for o in outcomes) / len(outcomes) if outcomes else 0.0,
    )


def _percent(good: int, total: int) -> str:
    return f"{good}/{total} {100 * good / total:5.1f}%" if total else "-"


TABLE_HEADER = (
    f"{'locale':6} {'recogniser':10} {'right':>16} {'911':>16} {'doctor':>16} {'self-care':>16} "
    f"{'under':>5} {'over':>5} {'none':>5} {'stalled':>7} {'answers':>7}"
)


def table_row(locale: str, recogniser: str, summary: Summary) -> str:
    levels = [_percent(*summary.right_by_level[level]) for level in (Level.EMERGENCY, Level.SEE_DOCTOR, Level.SELF_CARE)]
    return (
        f"{locale:6} {recogniser:10} {_percent(summary.right, summary.total):>16} "
        + " ".join(f"{cell:>16}" for cell in levels)
        + f" {summary.under:5} {summary.over:5} {summary.no_advice:5} {summary.stalled:7} {summary.answers_per_check:7.1f}"
    )

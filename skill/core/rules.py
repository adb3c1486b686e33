"""The triage rules: OrthoNY's red flags for back spasms, as pure Python.

The one source of medical truth for every front end. No Alexa, no Flask, no
spoken text: symptoms, their urgency, the order the guided questions ask them,
and the function that turns answers into advice.

Source: OrthoNY, "When To See A Doctor For Back Spasms" (quoted, sentence by sentence, in
docs/medical-content.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum, IntEnum


class Level(IntEnum):
    """How urgent the advice is; a higher value wins."""

    SELF_CARE = 0
    SEE_DOCTOR = 1
    EMERGENCY = 2


class Symptom(str, Enum):
    """The article's red flags; values are the SymptomType slot value ids."""

    # "You are dealing with a medical emergency if your spasm is accompanied by ..."
    BLADDER_BOWEL_CONTROL = "BLADDER_BOWEL_CONTROL"
    MUSCLE_WEAKNESS = "MUSCLE_WEAKNESS"
    ONE_SIDED_NUMBNESS = "ONE_SIDED_NUMBNESS"
    BALANCE_COORDINATION = "BALANCE_COORDINATION"
    LIMB_NUMBNESS = "LIMB_NUMBNESS"
    # "See OrthoNY if ..."
    SIGNIFICANT_TRAUMA = "SIGNIFICANT_TRAUMA"
    URINATION_DIFFICULTY = "URINATION_DIFFICULTY"
    CANNOT_SIT_OR_STAND = "CANNOT_SIT_OR_STAND"
    FEVER = "FEVER"
    WEIGHT_LOSS = "WEIGHT_LOSS"
    NOT_IMPROVING = "NOT_IMPROVING"

    @property
    def level(self) -> Level:
        return LEVELS[self]


LEVELS: Mapping[Symptom, Level] = {
    Symptom.BLADDER_BOWEL_CONTROL: Level.EMERGENCY,
    Symptom.MUSCLE_WEAKNESS: Level.EMERGENCY,
    Symptom.ONE_SIDED_NUMBNESS: Level.EMERGENCY,
    Symptom.BALANCE_COORDINATION: Level.EMERGENCY,
    Symptom.LIMB_NUMBNESS: Level.EMERGENCY,
    Symptom.SIGNIFICANT_TRAUMA: Level.SEE_DOCTOR,
    Symptom.URINATION_DIFFICULTY: Level.SEE_DOCTOR,
    Symptom.CANNOT_SIT_OR_STAND: Level.SEE_DOCTOR,
    Symptom.FEVER: Level.SEE_DOCTOR,
    Symptom.WEIGHT_LOSS: Level.SEE_DOCTOR,
    Symptom.NOT_IMPROVING: Level.SEE_DOCTOR,
}

# The guided questions, one sign each, emergency signs first (in the article's
# order), so the first "yes" to an emergency sign can end the check at once.
QUESTION_ORDER: tuple[Symptom, ...] = tuple(
    sorted(Symptom, key=lambda symptom: -LEVELS[symptom])  # sorted() is stable
)

# "If spasms don't improve after resting for a week or more."
REST_WEEK = timedelta(days=7)


class Answer(str, Enum):
    YES = "yes"
    NO = "no"
    # A second "not sure" to the same question: counted as a yes, to be safe.
    UNSURE_COUNTED_YES = "unsure"

    @property
    def raises(self) -> bool:
        return self is not Answer.NO


@dataclass(frozen=True)
class Assessment:
    level: Level
    # The signs that raised the level, in question order.
    raised_by: tuple[Symptom, ...]
    # Of those, the ones counted as yes only because the user was unsure twice.
    counted_unsure: tuple[Symptom, ...]
    # Unanswered questions that could still change the advice, in order.
    pending: tuple[Symptom, ...]

    @property
    def concluded(self) -> bool:
        return not self.pending


def assess(answers: Mapping[Symptom, Answer]) -> Assessment:
    """Turn the answers so far into advice.

    An emergency sign concludes at once. A see-doctor sign leaves only the
    unanswered emergency questions worth asking (they could still make it an
    emergency). Self-care needs every question answered "no".
    """
    raised = tuple(s for s in QUESTION_ORDER if s in answers and answers[s].raises)
    level = max((LEVELS[s] for s in raised), default=Level.SELF_CARE)
    unanswered = [s for s in QUESTION_ORDER if s not in answers]
    if level is Level.EMERGENCY:
        pending: tuple[Symptom, ...] = ()
    elif level is Level.SEE_DOCTOR:
        pending = tuple(s for s in unanswered if LEVELS[s] is Level.EMERGENCY)
    else:
        pending = tuple(unanswered)
    if level is not Level.SELF_CARE:
        # Only the signs at the deciding level are the reason for the advice.
        raised = tuple(s for s in raised if LEVELS[s] is level)
    counted_unsure = tuple(s for s in raised if answers[s] is Answer.UNSURE_COUNTED_YES)
    return Assessment(level=level, raised_by=raised, counted_unsure=counted_unsure, pending=pending)


@dataclass
class Triage:
    """One check in progress: the answers, in the order they were given (so
    "go back" can undo the last), and which questions got one "not sure"."""

    answers: dict[Symptom, Answer] = field(default_factory=dict)
    unsure_once: set[Symptom] = field(default_factory=set)

    def answer(self, symptom: Symptom, answer: Answer) -> None:
        self.answers.pop(symptom, None)  # re-insert: newest last
        self.answers[symptom] = answer
        self.unsure_once.discard(symptom)

    def report(self, symptoms: Iterable[Symptom]) -> None:
        for symptom in symptoms:
            self.answer(symptom, Answer.YES)

    def not_sure(self, symptom: Symptom) -> bool:
        """Record a "not sure". The first one asks again in other words
        (returns False); the second counts as a yes (returns True)."""
        if symptom in self.unsure_once:
            self.answer(symptom, Answer.UNSURE_COUNTED_YES)
            return True
        self.unsure_once.add(symptom)
        return False

    def undo_last(self) -> Symptom | None:
        """Forget the newest answer; returns its question, or None if none."""
        if not self.answers:
            return None
        symptom = next(reversed(self.answers))
        del self.answers[symptom]
        return symptom

    def assessment(self) -> Assessment:
        return assess(self.answers)

    # Session attributes are JSON: plain strings only.
    def to_dict(self) -> dict:
        return {
            "answers": [[s.value, a.value] for s, a in self.answers.items()],
            "unsure_once": sorted(s.value for s in self.unsure_once),
        }

    @classmethod
    def from_dict(cls, data: Mapping | None) -> Triage:
        """Rebuild from session attributes; anything malformed is dropped rather
        than trusted (attributes round-trip through the client)."""
        triage = cls()
        if not isinstance(data, Mapping):
            return triage
        answers, unsure_once = data.get("answers"), data.get("unsure_once")
        for pair in answers if isinstance(answers, list) else ():
            try:
                symptom, answer = Symptom(pair[0]), Answer(pair[1])
            except (TypeError, ValueError, IndexError, KeyError):
                continue
            triage.answers[symptom] = answer
        for value in unsure_once if isinstance(unsure_once, list) else ():
            if isinstance(value, str) and value in Symptom.__members__:
                triage.unsure_once.add(Symptom(value))
        return triage


def parse_duration(value: str | None) -> timedelta | None:
    """An AMAZON.DURATION value (ISO-8601, e.g. "P10D", "P2W", "PT36H") as a
    timedelta, or None when it cannot be understood. Months and years count as
    30 and 365 days: only "a week or more" matters here."""
    if not value or not isinstance(value, str):
        return None
    import isodate  # local: keeps the module importable for pure-logic use

    try:
        duration = isodate.parse_duration(value.strip().upper())
    except (isodate.ISO8601Error, ValueError, OverflowError, TypeError):
        return None
    if isinstance(duration, isodate.Duration):
        try:
            duration = timedelta(days=float(duration.years) * 365 + float(duration.months) * 30) + duration.tdelta
        except (OverflowError, ValueError):
            return None
    if duration <= timedelta(0):
        return None
    return duration


def not_improving_from_duration(duration: timedelta) -> Answer:
    """Spasms still there after a week or more count as "not improving"."""
    return Answer.YES if duration >= REST_WEEK else Answer.NO

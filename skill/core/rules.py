"""The triage rules: OrthoNY's red flags for back spasms, as pure Python.

The one source of medical truth for every front end. No Alexa, no Flask, no
spoken text: symptoms, their urgency, the order the guided questions ask them,
and the function that turns answers into advice.

Source: OrthoNY, "When To See A Doctor For Back Spasms" (quoted, sentence by sentence, in
docs/medical-content.md).

The value types are `skill.core.values.Value`s and a plain class, not
dataclasses: a dataclass compiles its methods at import, which every Lambda
cold start pays.
How the answers are kept between turns is `skill.core.session`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from enum import Enum, IntEnum

from skill.core.values import Value, init


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


class Question(Value):
    """One guided question: the signs it asks about, all of one level. A "yes"
    (or a second "not sure") counts for each of them; a sign reported by name
    counts alone. A one-sign question's id is its sign's id."""

    __slots__ = ("id", "signs")
    id: str
    signs: tuple[Symptom, ...]

    def __init__(self, id: str, signs: tuple[Symptom, ...]) -> None:
        init(self, "id", id)
        init(self, "signs", signs)

    @property
    def level(self) -> Level:
        return LEVELS[self.signs[0]]


def _single(symptom: Symptom) -> Question:
    return Question(symptom.value, (symptom,))


# The guided questions, emergency signs first, so the first "yes" to an
# emergency question ends the check at once. Signs of one level that a listener
# hears as one idea share a question: fewer questions, sooner advice.
QUESTIONS: tuple[Question, ...] = (
    _single(Symptom.BLADDER_BOWEL_CONTROL),
    Question("WEAKNESS_OR_BALANCE", (Symptom.MUSCLE_WEAKNESS, Symptom.BALANCE_COORDINATION)),
    Question("NUMBNESS", (Symptom.ONE_SIDED_NUMBNESS, Symptom.LIMB_NUMBNESS)),
    _single(Symptom.SIGNIFICANT_TRAUMA),
    Question("URINATION_OR_POSTURE", (Symptom.URINATION_DIFFICULTY, Symptom.CANNOT_SIT_OR_STAND)),
    Question("FEVER_OR_WEIGHT_LOSS", (Symptom.FEVER, Symptom.WEIGHT_LOSS)),
    _single(Symptom.NOT_IMPROVING),
)
QUESTION_BY_ID: Mapping[str, Question] = {question.id: question for question in QUESTIONS}
QUESTION_OF: Mapping[Symptom, Question] = {sign: question for question in QUESTIONS for sign in question.signs}
# Every sign once, in the order the questions ask them.
SIGN_ORDER: tuple[Symptom, ...] = tuple(sign for question in QUESTIONS for sign in question.signs)
EMERGENCY_SIGNS: tuple[Symptom, ...] = tuple(sign for sign in SIGN_ORDER if LEVELS[sign] is Level.EMERGENCY)


def check_questions(questions: tuple[Question, ...]) -> None:
    """A question list's invariants, checked at import: a broken list must
    never reach a user. Raises ValueError."""
    signs = [sign for question in questions for sign in question.signs]
    if sorted(signs) != sorted(Symptom) or len({question.id for question in questions}) != len(questions):
        raise ValueError("every sign must be asked by exactly one question, every question id unique")
    for question in questions:
        if not question.signs or any(LEVELS[sign] is not question.level for sign in question.signs):
            raise ValueError(f"question {question.id} mixes levels")
    levels = [question.level for question in questions]
    if levels != sorted(levels, reverse=True):
        raise ValueError("emergency questions must come first")


check_questions(QUESTIONS)

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


class Assessment(Value):
    __slots__ = ("counted_unsure", "level", "pending", "raised_by")
    level: Level
    # The signs that raised the level, in question order.
    raised_by: tuple[Symptom, ...]
    # Of those, the ones counted as yes only because the user was unsure twice.
    counted_unsure: tuple[Symptom, ...]
    # Questions with an unanswered sign that could still change the advice, in order.
    pending: tuple[Question, ...]

    def __init__(self, level: Level, raised_by: tuple[Symptom, ...], counted_unsure: tuple[Symptom, ...], pending: tuple[Question, ...]) -> None:
        init(self, "level", level)
        init(self, "raised_by", raised_by)
        init(self, "counted_unsure", counted_unsure)
        init(self, "pending", pending)

    @property
    def concluded(self) -> bool:
        return not self.pending


# Each question with its signs as a set and whether it is an emergency question,
# worked out once: every turn assesses.
_QUESTION_FACTS: tuple[tuple[Question, frozenset[Symptom], bool], ...] = tuple(
    (question, frozenset(question.signs), question.level is Level.EMERGENCY) for question in QUESTIONS
)


def assess(answers: Mapping[Symptom, Answer]) -> Assessment:
    """Turn the answers so far into advice.

    An emergency sign concludes at once. A see-doctor sign leaves only the
    unanswered emergency questions worth asking (they could still make it an
    emergency). Self-care needs every question answered "no".
    """
    raised = tuple(s for s in SIGN_ORDER if s in answers and answers[s].raises)
    level = max((LEVELS[s] for s in raised), default=Level.SELF_CARE)
    if level is Level.EMERGENCY:
        pending: tuple[Question, ...] = ()
    else:
        answered = answers.keys()
        pending = tuple(
            question for question, signs, emergency in _QUESTION_FACTS
            if not signs <= answered and (emergency or level is Level.SELF_CARE)
        )  # fmt: skip
    if level is not Level.SELF_CARE:
        # Only the signs at the deciding level are the reason for the advice.
        raised = tuple(s for s in raised if LEVELS[s] is level)
    counted_unsure = tuple(s for s in raised if answers[s] is Answer.UNSURE_COUNTED_YES)
    return Assessment(level=level, raised_by=raised, counted_unsure=counted_unsure, pending=pending)


class Triage:
    """One check in progress: the answers, in the order they were given (so
    "go back" can undo the last), and which questions got one "not sure"."""

    __slots__ = ("answers", "unsure_once")

    def __init__(self, answers: dict[Symptom, Answer] | None = None, unsure_once: set[Question] | None = None):
        self.answers: dict[Symptom, Answer] = answers if answers is not None else {}
        self.unsure_once: set[Question] = unsure_once if unsure_once is not None else set()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Triage):
            return NotImplemented
        return self.answers == other.answers and self.unsure_once == other.unsure_once

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"Triage(answers={self.answers!r}, unsure_once={self.unsure_once!r})"

    def answer(self, symptom: Symptom, answer: Answer) -> None:
        """One sign's answer (reported or denied by name, or a length of time)."""
        self.answers.pop(symptom, None)  # re-insert: newest last
        self.answers[symptom] = answer
        self.unsure_once.discard(QUESTION_OF[symptom])

    def answer_question(self, question: Question, answer: Answer) -> None:
        """The answer to a question counts for each of its signs, except a sign
        already answered on its own ("no numbness on one side", then "yes" to
        "numb on one side, or in your arms or legs?")."""
        unanswered = [sign for sign in question.signs if sign not in self.answers]
        for sign in unanswered or question.signs:
            self.answer(sign, answer)

    def report(self, symptoms: Iterable[Symptom]) -> None:
        for symptom in symptoms:
            self.answer(symptom, Answer.YES)

    def not_sure(self, question: Question) -> bool:
        """Record a "not sure". The first one asks again in other words
        (returns False); the second counts as a yes for each of the question's
        signs (returns True)."""
        if question in self.unsure_once:
            self.answer_question(question, Answer.UNSURE_COUNTED_YES)
            return True
        self.unsure_once.add(question)
        return False

    def undo_last(self) -> Question | None:
        """Forget the newest answer, with every other answer to the same
        question (they are asked again together); returns that question, or
        None if there is no answer."""
        if not self.answers:
            return None
        question = QUESTION_OF[next(reversed(self.answers))]
        for sign in question.signs:
            self.answers.pop(sign, None)
        return question

    def assessment(self) -> Assessment:
        return assess(self.answers)


def question_by_id(value: object) -> Question | None:
    """The question with this id, or None for anything else (ids come back
    from the client in session attributes)."""
    return QUESTION_BY_ID.get(value) if isinstance(value, str) else None


def not_improving_from_duration(duration: timedelta) -> Answer:
    """Spasms still there after a week or more count as "not improving"."""
    return Answer.YES if duration >= REST_WEEK else Answer.NO

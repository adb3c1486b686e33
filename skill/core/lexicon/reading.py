"""What the lexicon reads in a line: its mentions of signs, each with a polarity."""

from __future__ import annotations

from dataclasses import dataclass

from skill.core.lexicon.composition import MEASURED, READING
from skill.core.lexicon.context import Polarity
from skill.core.rules import LEVELS, SIGN_ORDER, Symptom

_URGENCY = {sign: (-LEVELS[sign].value, index) for index, sign in enumerate(SIGN_ORDER)}


def by_urgency(signs) -> list[Symptom]:  # type: ignore[no-untyped-def]
    return sorted(set(signs), key=_URGENCY.__getitem__)


@dataclass(frozen=True)
class Mention:
    """One sign named in a line."""

    sign: Symptom
    polarity: Polarity
    # the finding or event it was composed from ("NUMB", "EVENT:FALL")
    finding: str
    # the finding's own words are negative ("can't feel", "no change"): a report all the same
    negative_in_form: bool
    # its object is the question itself ("I don't feel any of that"): a plain no
    of_question: bool = False

    @property
    def reported(self) -> bool:
        """Affirmed or hedged: a report (a hedge is kept, to be safe)."""
        return self.polarity is not Polarity.NEGATED


@dataclass(frozen=True)
class Reading:
    mentions: tuple[Mention, ...]

    @property
    def reported(self) -> list[Symptom]:
        """The signs reported, most urgent first."""
        return by_urgency(m.sign for m in self.mentions if m.reported)

    @property
    def denied(self) -> list[Symptom]:
        """The signs denied and not also reported, most urgent first."""
        reported = set(self.reported)
        return by_urgency(m.sign for m in self.mentions if not m.reported and m.sign not in reported)

    @property
    def answers_no(self) -> bool:
        """Every mention is a negative-in-form finding of the question's
        signs ("no siento nada de eso", "I can't feel any of that"): a no."""
        return bool(self.mentions) and all(m.of_question for m in self.mentions)


def with_readings(mentions: list[Mention]) -> list[Mention]:
    """A measurement ("i took my temperature") with a normal reading in the line ("it was ninety
    eight point six") denies its sign; a reading with no measurement ("she's ninety eight") says nothing."""
    readings = [m for m in mentions if m.finding.endswith(READING)]
    if not readings:
        return mentions
    if not any(m.finding == MEASURED for m in mentions):
        return [m for m in mentions if m not in readings]
    normal_reading = any(not m.reported for m in readings)
    return [m for m in mentions if not (normal_reading and m.finding == MEASURED and m.reported)]

"""The matcher's result: what Alexa would send for a line."""

from __future__ import annotations

from dataclasses import dataclass, field

from skill.core import contract
from skill.tools.alexa.envelopes import SlotFill

FALLBACK_INTENT = contract.FALLBACK


@dataclass(frozen=True)
class Match:
    """What Alexa would send: the intent, and a `SlotFill` (or None when
    unfilled) for every slot the intent declares."""

    intent: str
    """The intent's name, as in the interaction model ("ReportSymptomIntent")."""

    slots: dict[str, SlotFill | None] = field(default_factory=dict)
    """Every slot the intent declares: what fills it, or None."""

    how: str = "fallback"
    """How the line was matched: exact, pattern (slots filled), fuzzy (close
    to the whole line), loose (a sample inside a longer line, or reordered),
    negation, clauses, inside, answer, sign or intent (a guess), parts (read
    by the lexicon's parts), unresolved (a slot matched no value), fallback."""

    score: float = 0.0
    """How close the match is, 0-100 (100 for exact)."""

    sample: str | None = None
    """The model's sample utterance the line matched, when one did."""

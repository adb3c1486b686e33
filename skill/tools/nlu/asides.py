"""A line that opens with a no and goes on with an aside ("no, just the
back", "no, ella va al baño como siempre"): the no is the answer. A no that
negates the verb after it ("no siento los pies") is not such an opening."""

from __future__ import annotations

from skill.core import contract
from skill.core.rules import Level, Symptom
from skill.tools.nlu.result import Match
from skill.tools.nlu.words import ASIDE_AFTER_NO, CLEAR_NO


def opens_with_a_no(words: list[str], language: str) -> bool:
    """The line's first word is a no that answers, not one that negates the
    word after it (per language: English never negates a verb with "no")."""
    if len(words) < 2 or words[0] not in CLEAR_NO:
        return False
    openers = ASIDE_AFTER_NO.get(language)
    return words[0] != "no" or openers is None or words[1] in openers


def is_an_aside(lexicon_reads_a_sign: bool, guessed: Match | None) -> bool:
    """After a spoken no, words that report nothing the lexicon reads: the no
    is the answer. A sign guessed from the model's phrases is weaker evidence
    than the no, unless it is an emergency, which is kept, to be safe."""
    if lexicon_reads_a_sign:
        return False
    if guessed is None:
        return True
    if guessed.intent != contract.REPORT_SYMPTOM:
        return False
    signs = [Symptom(f.value_id) for f in guessed.slots.values() if f and f.value_id in Symptom.__members__]
    return not any(sign.level is Level.EMERGENCY for sign in signs)

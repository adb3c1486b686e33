"""A line that opens with a no and goes on with an aside ("no, just the
back", "no, ella va al baño como siempre"): the no is the answer. A no that
negates the verb after it ("no siento los pies") is not such an opening.
A line that ends in a verdict ("he jumps when i tickle his feet, so i'd say
no") answers with it."""

from __future__ import annotations

from skill.core import contract
from skill.core.rules import Level, Symptom
from skill.tools.nlu.result import Match
from skill.tools.nlu.rewrites import answer
from skill.tools.nlu.words import AFTER_SELF_APART, ASIDE_AFTER_NO, CLEAR_NO, CLEAR_YES, EVERYDAY_ANSWERS, SELF_APART, VERDICT_LEADS

# Everyday no's of more than a word that answer on their own ("not that i have
# noticed", "para nada"); not those with a subject, which negate a verb ("i do not").
_SUBJECTS = frozenset({"i", "it", "he", "she", "they", "yo", "el", "ella"})
_NO_OPENINGS = tuple(
    sorted({tuple(p.split()) for p in EVERYDAY_ANSWERS[contract.NO] if len(p.split()) > 1 and p.split()[0] not in _SUBJECTS}, key=len, reverse=True)
)


def opens_with_a_no(words: list[str], language: str) -> bool:
    """The line opens with a no that answers, not one that negates the word
    after it (per language: English never negates a verb with "no"): a plain
    no, or an everyday no of more words ("not that i have noticed, my stream
    starts okay")."""
    if any(len(words) > len(opening) and tuple(words[: len(opening)]) == opening for opening in _NO_OPENINGS):
        return True
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


_NOT = frozenset({"not"})


def closing_verdict(words: list[str], reported: bool = False) -> str | None:
    """The yes or no a line ends with after a word of conclusion ("..., so i'd say no",
    "..., así que yo diría que no"), with something said before it; None otherwise, and
    None when a sign is `reported` in the line: the report stands. A report that the
    speaker then sets apart from themself ("my wife's the one with the numb feet, not me",
    "mi hermano tuvo eso ... pero yo no") is someone else's, or the check is for that
    person: NOT_SURE, so the question is asked again in other words."""
    if reported:
        return contract.NOT_SURE if _set_apart(words) else None
    for start in range(len(words) - 1, 0, -1):
        lead = next((lead for lead in VERDICT_LEADS if tuple(words[start : start + len(lead)]) == lead), None)
        if lead is not None:
            tail = words[start + len(lead) :]
            # a plain yes or no, or "not" ("so i guess not"); not "sure" ("i'm not so sure")
            return answer(tail) if set(tail) & (CLEAR_YES | CLEAR_NO | _NOT) else None
    return None



def _set_apart(words: list[str]) -> bool:
    """The line ends with the speaker set apart from what it said ("..., not me", "..., pero yo no")."""
    end = len(words)
    while end and words[end - 1] in AFTER_SELF_APART:
        end -= 1
    return any(end > len(tail) and tuple(words[end - len(tail) : end]) == tail for tail in SELF_APART)

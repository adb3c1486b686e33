"""What the skill makes of a report or a denial as Alexa heard it: its intent
and signs, once the words Alexa resolved to no value of the list are read by
the lexicon. Pure and SDK-free: the handlers act on it, and the evaluation
tools score a line by it, so a line is scored as the skill acts on it.

The lexicon is imported only when a turn needs it: a report with words (they may
deny as said, "I'm" + "steady on my feet", whatever value Alexa gave them), or a
slot Alexa could not resolve. Launch, answers and resolved denials never load
it (the Lambda's cold start).
"""

from __future__ import annotations

from collections.abc import Sequence

from skill.core import contract
from skill.core.rules import Level, Symptom
from skill.core.values import Value, init

# Fewer words than this are a value's name, never a clause of their own ("a fever", "not improving").
MIN_CLAUSE_WORDS = 3


class HeardSlot(Value):
    """One symptom slot as Alexa filled it."""

    __slots__ = ("resolved", "words")
    words: str | None
    """The slot's words as heard; None when the slot is empty."""
    resolved: Symptom | None
    """The sign Alexa resolved the words to (ER_SUCCESS_MATCH); None when they matched no value."""

    def __init__(self, words: str | None, resolved: Symptom | None = None) -> None:
        init(self, "words", words)
        init(self, "resolved", resolved)


class Heard(Value):
    """What a report or denial turn means to the skill."""

    __slots__ = ("intent", "signs", "unrecognized")
    intent: str
    """`contract.REPORT_SYMPTOM` or `contract.DENY_SYMPTOM`, as acted on."""
    signs: tuple[Symptom, ...]
    """The signs reported or denied, in slot order."""
    unrecognized: int
    """How many slots held words no sign was read from."""

    def __init__(self, intent: str, signs: tuple[Symptom, ...], unrecognized: int) -> None:
        init(self, "intent", intent)
        init(self, "signs", signs)
        init(self, "unrecognized", unrecognized)


def settle(intent: str, slots: Sequence[HeardSlot], locale: str, asked: frozenset[Symptom] = frozenset()) -> Heard:
    """A report or denial turn as the skill acts on it.

    - A report whose words all deny as said, and that no negation of a report sample
      could have led ("I'm" + "steady on my feet", not "I can't" + "walk normally"),
      is that denial, whatever value Alexa gave them.
    - A report's words are read as the question `asked` reads them: "I had an accident",
      asked about the bladder, is a loss of control, not an injury.
    - A report's unresolved words are read by their parts ("can't feel my heels"), and
      when they name nothing, after the negation a report sample carries ("I can't" +
      "control my bladder"); when they name no sign but deny one ("she's not weak
      anywhere"), it is that denial, read as the question asked reads a denial.
    - A denial whose words are a finding negative in form ("no, I can't feel my feet")
      is a report; words Alexa resolved to a sign that is no emergency are trusted,
      unless they open a clause of their own ("i can not pee", "no ha mejorado").
    - A denial's unresolved words that name no sign deny what they deny after the
      denial's own negation ("no" + "las piernas me responden bien"), if that reports nothing.
    - A denial whose words open with a self-correction ("no" + "wait, yes, I fell") takes
      its no back: the words after the correction are the turn, read as a report's.
    - A denial whose words hold a clause with a subject of its own, no negation of theirs before
      it ("no" + "control down there, i just keep leaking"), reports what that clause reports.
    - A denial's words are read as the question asked reads them: "I haven't fallen",
      asked about balance, is no loss of balance (an injury it does not deny).
    """
    if intent == contract.DENY_SYMPTOM:
        return _denial(slots, locale, asked)
    return _report(slots, locale, asked)


def _loose(slot: HeardSlot) -> bool:
    return bool(slot.words) and slot.resolved is None


def _read(slot: HeardSlot, locale: str) -> Symptom | None:
    """The slot's sign: Alexa's, or the lexicon's reading of words outside the list."""
    if slot.resolved is not None or not _loose(slot):
        return slot.resolved
    from skill.core.lexicon import slots as slot_words  # loaded only when needed: not on the cold start

    return slot_words.resolve_spoken(slot.words or "", locale)


def _carried(slot: HeardSlot, locale: str) -> Symptom | None:
    """A report's words that name nothing on their own, after the negation its sample may carry
    ("I can't" + "control my bladder since this started")."""
    from skill.core.lexicon import slots as slot_words

    return slot_words.resolve_after_carrier(slot.words or "", locale)


def _as_asked(slot: HeardSlot, sign: Symptom | None, asked: frozenset[Symptom], locale: str) -> Symptom | None:
    """The slot's sign as the question asked reads its words ("I had an accident", asked about the bladder)."""
    if not asked or sign is None or not slot.words:
        return sign
    from skill.core.lexicon import slots as slot_words

    as_asked = slot_words.as_asked(slot.words, asked, locale)
    return as_asked[0] if as_asked else sign


def _denials_as_asked(denied: Sequence[Symptom], said: Sequence[str], asked: frozenset[Symptom], locale: str) -> tuple[Symptom, ...]:
    """A report's words that only deny, read as the question asked reads a denial: "ella anda firme,
    no se ha caído", asked about balance, denies the loss of balance, not an injury reported before."""
    if not asked or all(sign in asked for sign in denied):
        return tuple(dict.fromkeys(denied))
    from skill.core.lexicon import slots as slot_words

    instead = [sign for words in said for sign in slot_words.denied_as_asked(words, asked, locale)]
    if not instead:
        return tuple(dict.fromkeys(denied))
    return tuple(dict.fromkeys([sign for sign in denied if sign in asked] + instead))


def _report(slots: Sequence[HeardSlot], locale: str, asked: frozenset[Symptom]) -> Heard:
    said = [slot.words for slot in slots if slot.words]
    if said and not any(slot.words is None and slot.resolved is not None for slot in slots):
        from skill.core.lexicon import slots as slot_words

        # Words that deny as said, a value Alexa gave them or not ("I'm" + "steady on my feet").
        as_said = [slot_words.denied_as_said(words, locale) for words in said]
        if all(as_said):
            return Heard(contract.DENY_SYMPTOM, _denials_as_asked([sign for signs in as_said for sign in signs], said, asked, locale), 0)
    read = [(slot, _read(slot, locale)) for slot in slots]
    read = [(slot, _carried(slot, locale) if sign is None and _loose(slot) else sign) for slot, sign in read]
    read = [(slot, _as_asked(slot, sign, asked, locale)) for slot, sign in read]
    signs = tuple(sign for _, sign in read if sign is not None)
    unheard = [slot.words for slot, sign in read if sign is None and _loose(slot)]
    if not signs and unheard:
        from skill.core.lexicon import slots as slot_words

        denied = [sign for words in unheard for sign in slot_words.denied_only(words or "", locale)]
        if denied:
            return Heard(contract.DENY_SYMPTOM, _denials_as_asked(denied, [words or "" for words in unheard], asked, locale), 0)
    return Heard(contract.REPORT_SYMPTOM, signs, len(unheard))


def _denied_as_asked(slot: HeardSlot, sign: Symptom | None, asked: frozenset[Symptom], locale: str) -> Symptom | None:
    """The denied sign as the question asked reads the slot's words ("I haven't fallen", asked about balance)."""
    if not asked or sign is None or sign in asked or not slot.words:
        return sign
    from skill.core.lexicon import slots as slot_words

    as_asked = slot_words.denied_as_asked(slot.words, asked, locale)
    return as_asked[0] if as_asked else sign


def _own_clause(slot: HeardSlot, locale: str) -> bool:
    """Words of a clause of their own ("i can not pee"); a value's short name ("a fever") is none, and needs no word tables."""
    if len((slot.words or "").split()) < MIN_CLAUSE_WORDS:
        return False
    from skill.core.lexicon import slots as slot_words

    return slot_words.opens_a_clause(slot.words or "", locale)


def _denial(slots: Sequence[HeardSlot], locale: str, asked: frozenset[Symptom] = frozenset()) -> Heard:
    if any(len((slot.words or "").split()) >= MIN_CLAUSE_WORDS for slot in slots):
        from skill.core.lexicon import slots as slot_words

        after = [slot_words.retracted(slot.words, locale) if slot.words else None for slot in slots]
        if any(after):  # "no" + "wait, yes, I fell down the stairs": the no taken back, the rest as said
            return _report([HeardSlot(words or slot.words, slot.resolved) for slot, words in zip(slots, after, strict=True)], locale, asked)
        # "there is no" + "control down there i just keep leaking": a second clause, out of the no's reach
        clauses = [clause for clause in (slot_words.own_clause(slot.words, locale) for slot in slots if slot.words) if clause]
        if clauses:
            return _report([HeardSlot(clause) for clause in clauses], locale, asked)
    read = [(slot, _read(slot, locale)) for slot in slots]
    # Words read as a sign that is no emergency stay a denial ("spasms not improving after a week"),
    # unless they open a clause of their own ("i can not pee", "no ha mejorado").
    open_to_report = [slot for slot, sign in read if slot.words and (sign is None or sign.level is Level.EMERGENCY or _own_clause(slot, locale))]
    if open_to_report:
        from skill.core.lexicon import slots as slot_words

        reported = tuple(sign for slot in open_to_report for sign in slot_words.negative_in_form(slot.words or "", locale, unresolved=_loose(slot)))
        if reported:
            return Heard(contract.REPORT_SYMPTOM, reported, 0)
    signs = tuple(dict.fromkeys(s for s in (_denied_as_asked(slot, sign, asked, locale) for slot, sign in read) if s is not None))
    unheard = [slot.words or "" for slot, sign in read if sign is None and _loose(slot)]
    if not signs and unheard:
        from skill.core.lexicon import slots as slot_words

        # Words that name no sign but deny one, said after the denial's negation ("no" + "las piernas me responden bien").
        denied = tuple(dict.fromkeys(sign for words in unheard for sign in slot_words.denied_after_lead(words, locale)))
        if denied:
            return Heard(contract.DENY_SYMPTOM, denied, 0)
    return Heard(contract.DENY_SYMPTOM, signs, len(unheard))

"""A second opinion from the lexicon (`skill.core.lexicon`): the signs a line
names by their parts, with polarity by scope (ConText), the same reading the
Lambda gives an unresolved slot. It overrules the sample matcher where the
samples are weakest:

- a denial whose words are a report ("I can't feel my heels", "no change
  after ten days"), or that denies a sign the line reports ("no fever but my
  legs are weak"), or a denial sample whose slot words are negative in form
  ("no, I can't feel my legs"): a report;
- a loose report whose signs the line only denies ("there's nothing wrong
  with my bowels", "both my legs feel the same"): a denial;
- a loose denial of a sign the line does not name, where it denies another
  ("no, sigo igual de gordito" fitted to "sigo igual"): the line's denial;
- a feeling denied of the question itself ("I don't feel any of that"): a no;
- a line the samples could not place: what the lexicon reads, if anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from skill.core import contract, lexicon
from skill.core.lexicon import slots as slot_words
from skill.core.rules import LEVELS, QUESTION_OF, Symptom
from skill.tools.alexa.envelopes import SlotFill
from skill.tools.nlu.normalize import NEGATIONS, normalize
from skill.tools.nlu.result import Match
from skill.tools.nlu.words import QUESTION_WORDS

REPORT_INTENT = contract.REPORT_SYMPTOM
DENY_INTENT = contract.DENY_SYMPTOM
NO_INTENT = contract.NO
SYMPTOM_TYPE = contract.SYMPTOM_TYPE
SLOTS = contract.SYMPTOM_SLOTS
# How a sample match was made when it is word for word: trusted over the lexicon.
_WORD_FOR_WORD = frozenset({"exact", "pattern"})
EXACT_SCORE = 100.0
_UNPLACED = frozenset({"fallback", "unresolved"})
# A question guessed from the model's phrases ("cuando voy a mejorar") is the
# weakest evidence: a line not asked as a question, in which the lexicon reads a
# sign ("no controlo cuando voy al baño"), is the sign, as an unplaced line is.
_GUESSED = "intent"

Fill = Callable[[str, Mapping[str, SlotFill]], dict[str, SlotFill | None]]


def revise(found: Match, text: str, locale: str, names: Mapping[str, str], fill: Fill, abilities: frozenset[str] = frozenset()) -> Match:
    """`found`, or what the lexicon reads in `text` where it knows better.
    `names`: each symptom value id's canonical name in the model; `abilities`:
    its synonyms that name what the body should do ("walk a straight line",
    the model also having "i can not walk a straight line")."""
    unplaced = found.how in _UNPLACED or (found.how == _GUESSED and not _asked_as_question(text))
    if found.intent not in (REPORT_INTENT, DENY_INTENT) and not unplaced:
        return found
    if found.intent == DENY_INTENT and _ability_negated(found, text, abilities):
        # "she can't walk a straight line" fitted to "not {symptom}": an ability lost is a report.
        return Match(REPORT_INTENT, found.slots, "parts", found.score, found.sample)
    reading = lexicon.read(text, locale)
    reported, denied = reading.reported, reading.denied
    # A sample fitted with a slot value found only close ("no va mejorando" for
    # "no mejora") is not the model's own words: the lexicon may overrule it.
    word_for_word = found.how in _WORD_FOR_WORD and found.score >= EXACT_SCORE
    # "I don't feel any of that": the question's signs denied, whichever were asked.
    if reading.answers_no and not word_for_word:
        return Match(NO_INTENT, fill(NO_INTENT, {}), "parts", 100.0, None)
    # Word for word a sample ("my {symptom} is the same"): the model's own words, trusted.
    named = {fill.value_id for fill in found.slots.values() if fill and fill.value_id}
    # "no fever but my legs are weak" heard as a denial of weakness: the report wins.
    reports_named = not denied or bool(named & {sign.value for sign in reported})
    if found.intent == DENY_INTENT and reported and ((not word_for_word and reports_named) or _slot_negative_in_form(found, text, locale)):
        return _signs(REPORT_INTENT, reported, text, names, fill)
    # A report found in a clause of its own stands beside another sign's denial ("se hizo del baño y no
    # tiene fiebre"); found loosely in the whole line, the line's denial is the reading.
    if found.intent == REPORT_INTENT and not word_for_word and denied and not reported and (named <= {sign.value for sign in denied} or found.how != "clauses"):
        return _signs(DENY_INTENT, denied, text, names, fill)
    # A loose denial of a sign the lexicon does not read, in a line that denies another ("no, sigo igual
    # de gordito" fitted to "sigo igual", no improvement): the lexicon's denial; the other is asked again.
    if found.intent == DENY_INTENT and not word_for_word and denied and not reported and named and not _asked_together(named, denied):
        return _signs(DENY_INTENT, denied, text, names, fill)
    one_sided, limb = Symptom.ONE_SIDED_NUMBNESS, Symptom.LIMB_NUMBNESS
    if found.intent == REPORT_INTENT and not word_for_word and one_sided in reported and named == {limb.value}:
        # "se le durmió la mitad del cuerpo, el lado derecho": a synonym for numbness, and the side said with it.
        return _signs(REPORT_INTENT, [s for s in reported if s is not limb], text, names, fill)
    if found.intent == REPORT_INTENT and not word_for_word and reported and named and not named & {s.value for s in reported}:
        return _other_sign(reported, named, text, names, fill)
    # A loose report naming only some of the signs the lexicon reports ("el pie me arrastra y tengo los dedos
    # dormidos" fitted to the numbness of one clause): every one reported, as far as the two slots go. Not a
    # denial: a sign denied that was not meant is a question skipped.
    if found.intent == REPORT_INTENT and not word_for_word and named and len(reported) > len(named) and named <= {s.value for s in reported}:
        return _signs(REPORT_INTENT, reported, text, names, fill)
    # The same for a loose denial of one of a question's signs ("no fever and my weight hasn't budged" fitted to
    # its first clause): the question's other sign the lexicon denies too, when it reports none. Not another
    # question's: a denial not meant skips a question.
    if found.intent == DENY_INTENT and not word_for_word and not reported and named and named <= {s.value for s in denied}:
        more = [s for s in denied if s.value not in named and _asked_together(named, [s])]
        if more:
            return _signs(DENY_INTENT, [s for s in denied if s.value in named] + more, text, names, fill)
    if any(fill and fill.value_id for fill in found.slots.values()):
        return found  # "I have a fever and purple spots": one slot resolved, one not
    if unplaced and (reported or denied):
        return _signs(REPORT_INTENT if reported else DENY_INTENT, reported or denied, text, names, fill)
    return found


def _asked_together(named: set[str], denied: list[Symptom]) -> bool:
    """A sign the sample named and one the lexicon denies that one question asks about ("no numbness on
    either side": one-sided numbness, read as numbness): the sample's is the finer reading."""
    questions = {QUESTION_OF[sign] for sign in denied}
    return any(value in Symptom.__members__ and QUESTION_OF[Symptom(value)] in questions for value in named)


def _other_sign(reported: list[Symptom], named: set[str], text: str, names: Mapping[str, str], fill: Fill) -> Match:
    """A loose sample naming one sign where the lexicon reads another ("tuvo un accidente en los
    pantalones" fitted to "tuve {symptom}" with "accidente", an injury): the lexicon's, when it is
    as urgent; else both, to be safe ("se resbaló en el baño" is no loss of control, but may be)."""
    samples = [Symptom(value) for value in sorted(named) if value in Symptom.__members__]
    if samples and max(LEVELS[s] for s in reported) >= max(LEVELS[s] for s in samples):
        return _signs(REPORT_INTENT, reported, text, names, fill)
    return _signs(REPORT_INTENT, sorted({*samples, *reported}, key=lambda s: -LEVELS[s]), text, names, fill)


def _signs(intent: str, signs: list[Symptom], text: str, names: Mapping[str, str], fill: Fill) -> Match:
    fills = {slot: SlotFill(text, sign.value, names.get(sign.value, sign.value), SYMPTOM_TYPE) for slot, sign in zip(SLOTS, signs[:2], strict=False)}
    return Match(intent, fill(intent, fills), "parts", 100.0, None)


def _slot_negative_in_form(found: Match, text: str, locale: str) -> bool:
    """The sample "no {symptom}" filled with a finding negative in form ("no,
    I can't feel my legs"): the "no" answers, the rest reports, as the Lambda
    also takes it. Only that shape: elsewhere the sample's own words deny."""
    words = normalize(text).split()
    return any(fill and normalize(fill.spoken).split() == words[1:] and slot_words.negative_in_form(fill.spoken, locale) for fill in found.slots.values())


def _ability_negated(found: Match, text: str, abilities: frozenset[str]) -> bool:
    """A denial sample filled with an ability the line says is lost: the
    slot's words come right after a negation."""
    words = normalize(text).split()
    for slot in found.slots.values():
        spoken = normalize(slot.spoken).split() if slot and slot.value_id else []
        if not spoken or " ".join(spoken) not in abilities:
            continue
        for start in range(1, len(words) - len(spoken) + 1):
            if words[start : start + len(spoken)] == spoken and words[start - 1] in NEGATIONS:
                return True
    return False


def _asked_as_question(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0] in QUESTION_WORDS

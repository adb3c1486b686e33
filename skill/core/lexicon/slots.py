"""A symptom slot's words as the Lambda reads them with the lexicon: words
outside the value list resolved, a report's words that deny as said, a
denial's words that are a finding negative in form, a report read by the
question asked."""

from __future__ import annotations

from skill.core.lexicon import DEFAULT_LOCALE, NEGATIVE_WORDS, by_urgency, for_locale, locales, read, text
from skill.core.rules import Level, Symptom


def resolve_spoken(words: str, locale: str = DEFAULT_LOCALE) -> Symptom | None:
    """A symptom slot's spoken words that matched no value ("can't feel my
    heels"): the most urgent sign they report, or None."""
    reported = read(words, locale).reported
    return reported[0] if reported else None


def resolve_after_carrier(words: str, locale: str = DEFAULT_LOCALE) -> Symptom | None:
    """A report's slot words that read as nothing on their own, read after the negation a report
    sample may carry ("I can't" + "control my bladder since"): the most urgent sign reported, or None."""
    lexicon = for_locale(locale)
    said = text.fold(words).split()
    # After "can't" comes a verb the findings put there: "feeling normal in her legs", "control del baño sí tengo" were never carried.
    if not lexicon.report_lead or not said or said[0] not in lexicon.carried_verbs:
        return None
    reading = read(words, locale)
    if reading.reported:
        return None
    # A normal state the lead's verb opens ("I can't" + "walk normally", "no puedo" + "caminar bien")
    # reports, to be safe, even where the lead's "no" could be read as an answer.
    reported = read(f"{lexicon.report_lead} {words}", locale).reported or reading.denied
    return reported[0] if reported else None


def retracted(words: str, locale: str = DEFAULT_LOCALE) -> str | None:
    """A denial's slot words that take its no back with a self-correction ("no" + "wait, yes,
    I fell down the stairs"): the words after the correction; None if they have none."""
    said = f"no {words}"  # the no the correction may follow ("no wait"); "no" in both languages
    after = for_locale(locale).repaired(said)
    return after if after != said else None


def denied_only(words: str, locale: str = DEFAULT_LOCALE) -> list[Symptom]:
    """A report's slot words that matched no value and deny signs, reporting
    none ("she's not weak anywhere"): the signs denied; else nothing."""
    reading = read(words, locale)
    return [] if reading.reported else reading.denied


def as_asked(words: str, asked: frozenset[Symptom], locale: str = DEFAULT_LOCALE) -> list[Symptom]:
    """A report's words read as the question asked reads them: a finding the lexicon gives to a
    question's sign ("I had an accident", asked about the bladder) is that sign; else nothing."""
    table = for_locale(locale).by_question
    mentions = read(words, locale).mentions
    if not any(table.get(m.finding) in asked for m in mentions if m.reported):
        return []
    return by_urgency(table[m.finding] if table.get(m.finding) in asked else m.sign for m in mentions if m.reported)


def denied_as_asked(words: str, asked: frozenset[Symptom], locale: str = DEFAULT_LOCALE) -> list[Symptom]:
    """A denial's words read as the question asked reads them: an event the lexicon gives to a
    question's sign when denied ("I haven't fallen", asked about balance, is no loss of balance)."""
    table = for_locale(locale).denied_by_question
    return by_urgency(table[m.finding] for m in read(words, locale).mentions if table.get(m.finding) in asked)


def denied_as_said(words: str, locale: str = DEFAULT_LOCALE) -> list[Symptom]:
    """A report's slot words that deny signs and report none, whatever value Alexa gave them
    ("I'm" + "steady on my feet"), and that no negation of a report sample could have led
    ("I can't" + "walk normally"): the signs denied; else nothing."""
    said = text.fold(words).split()
    # Words of a locale with no lexicon of its own are not turned round by another's reading.
    if locale not in locales() or not said or said[0] in for_locale(locale).carried_verbs:
        return []
    return denied_only(words, locale)


def denied_after_lead(words: str, locale: str = DEFAULT_LOCALE) -> list[Symptom]:
    """A denial's unresolved words read after the denial's own negation ("no" + "las piernas me
    responden bien", "no" + "he bajado nada de peso"): the signs they deny, when that reading
    reports none; else nothing ("no" + "tiene fuerza en las piernas" reports, so it denies nothing)."""
    if locale not in locales():
        return []
    reading = read(f"{for_locale(locale).denial_lead} {words}", locale)
    return [] if reading.reported else reading.denied


def opens_a_clause(words: str, locale: str = DEFAULT_LOCALE) -> bool:
    """Words that open a clause of their own: a subject ("i can not pee", "she can't sit up"), a
    negated verb ("no ha mejorado", "no me sale"), or a verb the denial's no negates ("se me quita").
    A denial's negation cannot reach into them, so a finding negative in form there reports, whatever
    its level; a value's own name ("spasms not improving after a week of rest") opens none."""
    if locale not in locales():
        return False
    lexicon = for_locale(locale)
    said = text.fold(words).split()
    if not said:
        return False
    negated_verb = said[0] in {"no", "not"} and len(said) > 1 and said[1] in lexicon.finite_verbs | lexicon.clitics
    return said[0] in lexicon.subjects - lexicon.determiners or negated_verb or _hangs_on_the_no(words, locale)


def _hangs_on_the_no(words: str, locale: str) -> bool:
    """Words led by a clitic or a finite verb: they hang on the denial's own negation ("no" + "se me
    quita la fiebre" is a negated verb of relief, a report, though the words alone say the fever goes)."""
    lexicon = for_locale(locale)
    said = text.fold(words).split()
    return bool(said) and said[0] in lexicon.clitics | lexicon.finite_verbs


def own_clause(words: str, locale: str = DEFAULT_LOCALE) -> str | None:
    """A denial's slot words from a subject of their own on, after other words ("control down there"
    + "i just keep leaking"), when no negation of the words stands before it and that clause reports a
    sign: a denial's negation cannot reach into a second clause with its own subject. None otherwise.
    Words that open with their subject may be the object of the denial's verb ("I wouldn't say" +
    "i'm weak"): those are `opens_a_clause`'s."""
    if locale not in locales():
        return None
    lexicon = for_locale(locale)
    said = text.tokens(words, lexicon.contractions)
    for at, word in enumerate(said):
        if word in NEGATIVE_WORDS:
            return None  # a negation of the words' own: what follows may be in its scope ("no i do not think i fell")
        if at and word in lexicon.subjects - lexicon.determiners:
            clause = " ".join(said[at:])
            return clause if read(clause, locale).reported else None
    return None


def negative_in_form(words: str, locale: str = DEFAULT_LOCALE, unresolved: bool = False) -> list[Symptom]:
    """The signs a denial's slot words report, most urgent first: a finding negative in form ("can't
    feel my feet"). Words Alexa resolved to no value (`unresolved`) are read after the denial's own
    negation too: a sign it cannot reach ("no" + "aguanto nada, se me sale solita") reports, and words
    led by a clitic or a finite verb hang on it ("no" + "me aguanto las ganas", "siento los pies");
    an ability kept ("sí tengo" + "fuerza en las piernas") does not. Resolved words are never read after
    a negation: the sample may have held none ("my" + "bladder control" + "is fine")."""
    hangs = unresolved and _hangs_on_the_no(words, locale)
    # Words that hang on the no are read only with it ("no" + "me cuesta nada hacer pipí" denies).
    found = [] if hangs else [m.sign for m in read(words, locale).mentions if m.reported and m.negative_in_form]
    if unresolved:
        lexicon = for_locale(locale)
        # An emergency the words name as a thing had ("control de la vejiga") and the negation turns into
        # a finding negative in form ("no control de la vejiga") is a report, to be safe: no verb kept
        # an ability ("tengo fuerza en las piernas" names none).
        named = {m.sign for m in read(words, locale).mentions if m.reported and m.sign.level is Level.EMERGENCY}
        found += [
            m.sign for m in read(f"{lexicon.denial_lead} {words}", locale).mentions if m.reported and (hangs or not m.negative_in_form or m.sign in named)
        ]
    return by_urgency(found)

"""A word's forms: its Snowball stem, so inflections compare the same
("tingled", "tingling"; "dormidas", "dormido"), and a phrase in the other
persons, so a caregiver's words read as the patient's ("no tiene fuerza" as
"no tengo fuerza"); a finding negative in form said as an ability, its
normal state ("puedo levantar el pie")."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache

from skill.core.lexicon.context import Phrase

# Shorter stems are not compared: the words are.
MIN_STEM_CHARS = 4


# An affirmed form shorter than this says too little to deny ("siento" from "no siento").
MIN_AFFIRMED_WORDS = 2

# Variants of one phrase in other persons, at most (the phrase itself first).
MAX_PERSON_VARIANTS = 8


def in_every_person(phrase: Phrase, persons: Mapping[str, tuple[str, ...]]) -> list[Phrase]:
    """The phrase with its first-person verbs in the other persons the
    lexicon lists ("no puedo controlar" -> "no puede controlar", "no pueden
    controlar"), each verb of the phrase varied on its own."""
    variants = [phrase]
    for index, word in enumerate(phrase):
        for other in persons.get(word, ()):
            variants += [(*v[:index], other, *v[index + 1 :]) for v in variants if v[index] == word]
    unique = list(dict.fromkeys(variants))
    return unique[:MAX_PERSON_VARIANTS]


def in_every_mood(phrase: Phrase, moods: Mapping[Phrase, Sequence[Phrase]]) -> list[Phrase]:
    """The phrase with an inability said as a refusal too ("can not get going" -> "will not get
    going": a stream, a leg or a person that won't do it cannot), where the lexicon lists one."""
    variants = [phrase]
    for lead, others in moods.items():
        for start in range(len(phrase) - len(lead) + 1):
            if phrase[start : start + len(lead)] == lead:
                variants += [(*phrase[:start], *other, *phrase[start + len(lead) :]) for other in others]
    return list(dict.fromkeys(variants))


def affirmed(phrase: Phrase, leads: Mapping[Phrase, Phrase]) -> Phrase | None:
    """A finding negative in form without its negation ("no puedo levantar el pie"
    -> "puedo levantar el pie", "can not hold it" -> "can hold it"): the normal
    state, said as an ability. None when the phrase opens with no such negation,
    holds a wildcard, or would be too short to mean anything on its own."""
    for lead, replacement in leads.items():
        if phrase[: len(lead)] == lead:
            form = (*replacement, *phrase[len(lead) :])
            if len(form) >= MIN_AFFIRMED_WORDS and "*" not in form:
                return form
    return None


def abilities(
    findings: Mapping[str, Sequence[str]],
    leads: Mapping[Phrase, Phrase],
    names: Iterable[str],
    said: Callable[[str], Phrase],
    negatives: frozenset[str],
) -> list[tuple[str, str]]:
    """(finding, affirmed form) for each phrase of the named findings that has
    one (`affirmed`), and holds no other negation ("no me puedo ni sentar")."""
    out: list[tuple[str, str]] = []
    for name in names:
        for item in findings.get(name, ()):
            form = affirmed(said(item), leads)
            if form is not None and not negatives & set(form):
                out.append((name, " ".join(form)))
    return out


def postposed(form: str, marker: str, clitics: frozenset[str]) -> str | None:
    """An ability said with its verb last, after the marker of a yes ("puedo pararme" ->
    "pararme sí puedo"): the same normal state. None when the form opens with a clitic,
    whose verb cannot move alone ("me puedo parar")."""
    words = form.split()
    if not marker or len(words) < MIN_AFFIRMED_WORDS or words[0] in clitics:
        return None
    return " ".join([*words[1:], marker, words[0]])


def lead_last(phrase: Phrase, lead: Phrase) -> Phrase | None:
    """An inability said with its lead last ("no puedo pararme" -> "pararme no puedo"): the same finding."""
    if not lead or len(phrase) <= len(lead) or phrase[: len(lead)] != lead or phrase[len(lead)] == "*":
        return None
    return (*phrase[len(lead) :], *lead)


def stemmer(language: object, whole_words: frozenset[str] = frozenset()) -> Callable[[str], str]:
    """Snowball's stemmer for the lexicon's language ("english", "spanish");
    words as they are when the lexicon names none. `whole_words` keep their
    whole form: their stem is another word's ("sentar", to sit, and "sentir",
    to feel, are both "sent")."""
    if not isinstance(language, str):
        return str
    import snowballstemmer  # loaded with the lexicon only: not on the Lambda's cold start

    stemmer = snowballstemmer.stemmer(language)

    @cache
    def stem(word: str) -> str:
        if word in whole_words:
            return word
        # A stem this short says too little ("pesado" and "peso" are both "pes"): the word as said.
        stemmed: str = stemmer.stemWord(word)
        return stemmed if len(stemmed) >= MIN_STEM_CHARS else word

    return stem


def carried_verbs(targets: Sequence[tuple[Phrase, str]], lead: Phrase, negations: frozenset[str]) -> frozenset[str]:
    """The words after the report lead ("can not walk", "no puedo caminar") or its positive, the lead
    without its negation ("can stand up", "puedo sentir"), in the findings."""
    positive = next((word for word in lead if word not in negations), "")
    if not lead or not positive:
        return frozenset()
    after_lead = {p[i + len(lead)] for p, _ in targets for i in range(len(p) - len(lead)) if p[i : i + len(lead)] == lead}
    after_positive = {p[i + 1] for p, _ in targets for i in range(len(p) - 1) if p[i] == positive and p[i + 1] not in lead}
    return frozenset(after_lead | after_positive)

"""A line's clauses, its phrases said another way, and spans of negative
words: the word-level steps of a reading, before ConText sets polarities."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from skill.core.lexicon import context, text
from skill.core.lexicon.context import Phrase, Role, Span


def of_question(words: Sequence[str], target: Span, question_objects: Sequence[tuple[Phrase, str]]) -> bool:
    """An anaphor or quantifier of the question follows the finding, or
    begins inside it ("do not feel anything" + "like that")."""
    return any(
        tuple(words[start : start + len(phrase)]) == phrase and start + len(phrase) > target.end
        for phrase, _ in question_objects
        for start in range(target.start + 1, target.end + 1)
    )


def rewritten(words: list[str], rewrites: Sequence[tuple[Phrase, tuple[str, ...]]]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        for phrase, replacement in rewrites:
            if tuple(words[i : i + len(phrase)]) == phrase:
                out.extend(replacement)
                i += len(phrase)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def negative(words: Sequence[str], span: Span, negatives: frozenset[str]) -> bool:
    return any(word in negatives for word in words[span.start : span.end])


def split(words: Sequence[str], joiners: frozenset[str], inside: set[int]) -> list[list[str]]:
    """The clauses between joiners and breaks. A joiner that ends the line or a clause ("and my
    strength too", "y la fuerza también") opens nothing: it stays with its clause."""
    clauses: list[list[str]] = [[]]
    for index, word in enumerate(words):
        trailing = index + 1 == len(words) or words[index + 1] == text.BREAK or words[index + 1] in joiners
        if word == text.BREAK or (word in joiners and index not in inside and not trailing):
            if clauses[-1]:
                clauses.append([])
        else:
            clauses[-1].append(word)
    return [clause for clause in clauses if clause]


def attach_trailing_negations(
    clauses: list[list[str]], targets: Sequence[tuple[Phrase, str]], modifiers: Sequence[tuple[Phrase, str]], clitics: frozenset[str]
) -> list[list[str]]:
    """A clause with no finding that opens with a backward negation ("y salió
    normal") belongs to the clause before it: "me tomé la temperatura y salió
    normal" denies the fever."""
    out: list[list[str]] = []
    for clause in clauses:
        opens = any(span.start == 0 and span.label == Role.BACKWARD for span in context.find(clause, modifiers, [True] * len(clause)))
        if out and opens and not context.find(clause, targets, None, clitics):
            out[-1] = out[-1] + clause
        else:
            out.append(clause)
    return out


def after_answer(words: Sequence[str], fillers: Collection[str], answers: Collection[str]) -> int:
    """Where a clause's words start after its fillers and an opening no that
    answers the question ("no, she walks fine"; "nothing, she walks fine"),
    said once or more ("no no, lo controlo todo")."""
    lead = next((i for i, word in enumerate(words) if word not in fillers), 0)
    while lead < len(words) and words[lead] in answers:
        lead += 1
    return lead


_LIMB = "LIMB"


def limbs_joined(words: Sequence[str], places: Sequence[Span], joiners: frozenset[str], determiners: frozenset[str]) -> set[int]:
    """The joiners between two limbs ("her left arm and her left leg", "brazo y pierna"): they join
    the limbs of one finding, not two clauses, so a side said with one is said with both."""
    limbs = {i for span in places if span.label == _LIMB for i in range(span.start, span.end)}
    out: set[int] = set()
    for i, word in enumerate(words):
        after = i + 1 + (i + 1 < len(words) and words[i + 1] in determiners)
        if word in joiners and i - 1 in limbs and after in limbs:
            out.add(i)
    return out


def topic_denied(words: Sequence[str], target: Span, lead: int, places: Sequence[Span], topic: Topic) -> bool:
    """A finding said as the clause's topic and then a no ("debilidad no, nomás es el dolor",
    "eso de tener un lado dormido no, mami"): only topic words or places stand before it, and
    after the no the clause ends or goes on with what cannot be its verb ("nomás", a vocative).
    A no followed by anything else may begin another predicate ("dormida no me deja"): not read."""
    placed = {i for span in places for i in range(span.start, span.end)}
    if not topic.negations or not all(words[i] in topic.openers or i in placed for i in range(lead, target.start)):
        return False
    at = target.end
    while at in placed:
        at += 1
    if at >= len(words) or words[at] not in topic.negations:
        return False
    return at + 1 == len(words) or words[at + 1] in topic.after


@dataclass(frozen=True)
class Topic:
    """The words of a topic denied by a no after it (stemmed)."""

    negations: frozenset[str] = frozenset()  # the no said after the topic
    openers: frozenset[str] = frozenset()  # what may stand before the topic ("eso de tener", articles)
    after: frozenset[str] = frozenset()  # what may follow the no ("nomás", "mami", another no)


def negated_over_its_subject(words: Sequence[str], target: Span, places: Sequence[Span], negations: Collection[str], determiners: Collection[str]) -> bool:
    """A clitic-led finding whose subject, a body part, stands right after a negation that is never
    an answer ("ni la pierna se me adormece", "ningún brazo se me duerme"): that negation is the
    finding's own, however far back. ("No, la pierna se me adormece" is an answer and a report.)"""
    subject = [span for span in places if span.end == target.start]
    if not subject:
        return False
    at = subject[0].start - 1
    while at >= 0 and words[at] in determiners:
        at -= 1
    return at >= 0 and words[at] in negations


def elliptical(words: Sequence[str], places: Sequence[Span], functions: Collection[str], ellipsis: Collection[str], determiners: Collection[str]) -> str | None:
    """The function a clause names and leaves its predicate out ("y la fuerza también", "my balance
    too", "el peso tampoco"): its one site, if the clause is only that site, determiners and a word
    of ellipsis at the end; else None."""
    if len(places) != 1 or places[0].label not in functions or not words or words[-1] not in ellipsis:
        return None
    rest = [w for i, w in enumerate(words[:-1]) if not places[0].start <= i < places[0].end]
    return places[0].label if all(w in determiners for w in rest) else None


def new_subjects(words: Sequence[str], places: Sequence[Span], determiners: frozenset[str], verbs: frozenset[str], not_after: frozenset[str]) -> list[Span]:
    """A determiner, a body site (with its side) and a verb: a new clause in a run of words without
    punctuation ("she can't walk right her legs are numb", "no le da fiebre sus piernas están
    dormidas"), which a negation before it does not reach; not after a verb of saying or thinking,
    whose object it is ("i don't think my legs are weak"). A side stays bound across it ("the left
    side of my body feels numb"): it is no terminator."""
    out: list[Span] = []
    for index, place in enumerate(places):
        start, end = place.start, place.end
        if index and places[index - 1].end == start and places[index - 1].label == "SIDE" and place.label != "SIDE":
            start = places[index - 1].start  # "her left leg is"
        if index + 1 < len(places) and places[index + 1].start == end and places[index + 1].label == "SIDE":
            end = places[index + 1].end  # "la pierna izquierda está"
        opens = start and words[start - 1] in determiners and end < len(words) and words[end] in verbs
        if opens and (start < 2 or words[start - 2] not in not_after):
            out.append(Span(start - 1, end + 1, "NEW_SUBJECT"))
    return out


def pronoun_subjects(words: Sequence[str], targets: Sequence[Span], pronouns: frozenset[str], not_after: frozenset[str]) -> list[Span]:
    """A subject pronoun right before a finding, past the clause's first two words, opens a new clause
    in a run of words ("no fever she can't feel her legs"), which a negation before it does not reach;
    not after a verb of saying or thinking, whose object it is ("i don't think she's numb"). As the
    second word it may be part of an answer ("no she ...", a pseudo-trigger) or of another language
    ("no he perdido"), so it is left to the rest of the reading there."""
    out: list[Span] = []
    for target in targets:
        at = target.start - 1
        if at >= 2 and words[at] in pronouns and words[at - 1] not in not_after:
            out.append(Span(at, at + 1, "NEW_SUBJECT"))
    return out

"""ConText (Harkema et al. 2009, the successor of NegEx), small and pure.

A clause's targets (findings, events) each get a polarity from the modifiers
around them:
- negation triggers with a direction: forward ("no", "can not say i have")
  reaches the targets after it, backward ("is fine") those before it, each
  within a window of words and never across a terminator ("but", "except");
- pseudo-triggers look like negations and are not ("not only", "not trying");
  they are matched first and take their words out of play;
- hedges ("i think", "maybe") mark a target hedged: still a report, to be safe;
- an animal ("my dog") in the clause: the target is about no one the check
  is for. Another person is ("my husband can't feel his legs").
Words inside a target are never modifiers: "can not feel" and "no change" are
findings, not negations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum


class Polarity(str, Enum):
    AFFIRMED = "affirmed"
    NEGATED = "negated"
    HEDGED = "hedged"  # said with doubt: taken as a report


class Role(str, Enum):
    FORWARD = "forward"  # a negation reaching the targets after it
    BACKWARD = "backward"  # a negation reaching the targets before it
    # a negation right after its target ("fiebre no tengo", "débil no está"), and forward as any other
    POSTPOSED = "postposed"
    PSEUDO = "pseudo"  # looks like a negation, is not one
    # "without": a forward negation ("i walk without holding on"), unless a negation before it in
    # the clause makes it the condition of an ability lost ("i can't stand without holding on"):
    # then it ends that negation's reach and negates nothing.
    CONDITION = "condition"
    HEDGE = "hedge"
    TERMINATOR = "terminator"
    ANIMAL = "animal"  # "my dog has a fever": no one the check is about (a person spoken for counts)


Phrase = tuple[str, ...]  # "*" stands for one to three words


@dataclass(frozen=True)
class Span:
    start: int
    end: int  # exclusive
    label: str


def find(
    words: Sequence[str],
    phrases: Iterable[tuple[Phrase, str]],
    free: Sequence[bool] | None = None,
    skippable: frozenset[str] = frozenset(),
) -> list[Span]:
    """Spans of `words` that are phrases, left to right, the longest at each
    place; only over free words when `free` is given. Inside a phrase, after
    its first word, `skippable` words (Spanish clitics) the phrase does not
    name may stand between its words: "no siento" in "no me siento"."""
    table = list(phrases)
    spans: list[Span] = []
    i = 0
    while i < len(words):
        best: Span | None = None
        for phrase, label in table:
            end = _match_at(words, i, phrase, skippable)
            if end is None or (free is not None and not all(free[i:end])):
                continue
            if best is None or end > best.end:
                best = Span(i, end, label)
        if best is None:
            i += 1
        else:
            spans.append(best)
            i = best.end
    return spans


# At most this many skippable words between two of a phrase's words ("no se me").
MAX_SKIPPED = 2


def _match_at(words: Sequence[str], start: int, phrase: Phrase, skippable: frozenset[str] = frozenset()) -> int | None:
    position = start
    for index, part in enumerate(phrase):
        if part == "*":
            for gap in range(1, 4):  # the shortest gap that lets the rest fit
                end = _match_at(words, position + gap, phrase[index + 1 :], skippable)
                if end is not None:
                    return end
            return None
        if index > 0 and part not in skippable:
            skipped = 0
            while skipped < MAX_SKIPPED and position < len(words) and words[position] != part and words[position] in skippable:
                position += 1
                skipped += 1
        if position >= len(words) or words[position] != part:
            return None
        position += 1
    return position


def polarities(
    words: Sequence[str],
    targets: Sequence[Span],
    modifiers: Iterable[tuple[Phrase, str]],
    window: int,
    negative_in_form: Sequence[bool] = (),
    bound: Sequence[bool] = (),
    self_negated: Sequence[bool] = (),
    double_keeps: Sequence[bool] = (),
    own_negation: Sequence[bool] = (),
    new_subjects: Sequence[Span] = (),
) -> list[Polarity]:
    """The polarity of each target in one clause. A backward trigger after a
    finding negative in form is its adverb ("no puedo hacer pipí bien", "I
    can't walk fine"), not its negation. A `bound` target (one that opens
    with a clitic, "se me sale") is negated forward only by a trigger right
    before it ("no se me sale"): a "no" further back belongs to another verb
    ("ya no alcanzo a llegar, se me sale"). A `self_negated` target opens
    with its own negation ("no tengo fuerza"): a trigger further before it
    belongs to another predicate ("no me caí, no tengo fuerza") and does not
    reach it; right before it, it denies the finding named ("no not improving"),
    unless the target `double_keeps` ("no no siento las piernas" is an answer
    and a report, kept to be safe).
    A negation right after a finding negative in form is its object, not a
    trigger ("no aguanto nada, se me sale solita"). A negation right before
    a target that takes it as `own_negation` (a normal state turned into a
    finding, "no se puede sentar") is spent there and reaches no target
    after it ("... en la cama se queda toda torcida"). `new_subjects` end a
    trigger's reach as terminators do ("she can't walk right her legs are numb")."""
    table = list(modifiers)
    found = _triggers(words, targets, table, negative_in_form)
    # A backward trigger that opens with a forward one ("no esta") negates forward too ("no esta mareado").
    openers = {phrase[0] for phrase, role in table if role == Role.FORWARD and len(phrase) == 1}
    stops = [span for span in found if span.label == Role.TERMINATOR] + list(new_subjects)
    spent = {t.start: t.end for i, t in enumerate(targets) if i < len(own_negation) and own_negation[i]}
    out: list[Polarity] = []
    for index, target in enumerate(targets):
        negated = hedged = False
        adverb_only = index < len(negative_in_form) and negative_in_form[index]
        reach = 0 if index < len(bound) and bound[index] else window
        for span in found:
            label = span.label
            if label == Role.POSTPOSED:
                if span.start == target.end:
                    negated = True
                    continue
                label = Role.FORWARD
            if label == Role.BACKWARD and span.end <= target.start and words[span.start] in openers:
                label = Role.FORWARD
            if label in (Role.FORWARD, Role.HEDGE) and span.end <= target.start:
                if label == Role.FORWARD and index < len(self_negated) and self_negated[index] and (span.end < target.start or span.end - span.start > 1):
                    # right before it, a bare no denies the finding named ("no, not improving"); a negated
                    # verb there is negative concord, one negation ("no está nada mejor")
                    continue
                if label == Role.FORWARD and index < len(double_keeps) and double_keeps[index]:
                    continue
                if label == Role.FORWARD and spent.get(span.end, target.end) < target.end:
                    continue  # spent on the normal state right after it
                limit = reach if label == Role.FORWARD else window
                reaches = target.start - span.end <= limit and not _stopped(stops, span.end, target.start)
                reaches = reaches and not (label == Role.FORWARD and _verb_again(words, span, target.start, found, openers))
            elif label in (Role.BACKWARD, Role.HEDGE) and span.start >= target.end:
                if adverb_only and label == Role.BACKWARD:
                    continue
                reaches = span.start - target.end <= window and not _stopped(stops, target.end, span.start)
            else:
                continue
            if reaches and label == Role.HEDGE:
                hedged = True
            elif reaches:
                negated = True
        out.append(Polarity.NEGATED if negated else Polarity.HEDGED if hedged else Polarity.AFFIRMED)
    return out


def _triggers(words: Sequence[str], targets: Sequence[Span], table: list[tuple[Phrase, str]], negative_in_form: Sequence[bool]) -> list[Span]:
    """The modifiers of one clause that may act on its targets: outside every target and pseudo-trigger,
    conditions told from negations, a negative concord's object and a no said again left out."""
    free = [True] * len(words)
    for target in targets:
        for i in range(target.start, target.end):
            free[i] = False
    # Pseudo-triggers first: "i was not trying to lose weight" has no negation.
    pseudo = find(words, [m for m in table if m[1] == Role.PSEUDO], free)
    for span in pseudo:
        free[span.start : span.end] = [False] * (span.end - span.start)
    found = _conditions(find(words, [m for m in table if m[1] != Role.PSEUDO], free), targets, negative_in_form)
    # Negative concord: a negation right after a finding negative in form is its object ("no aguanto nada").
    ends = {t.end for i, t in enumerate(targets) if i < len(negative_in_form) and negative_in_form[i]}
    found = [span for span in found if not (span.label in (Role.FORWARD, Role.POSTPOSED) and span.start in ends)]
    # A no said again ("no no, I can't feel my legs"): the first answers; the last one, if any, negates.
    again = {span.start for span in found if span.label == Role.FORWARD} | {span.start for span in pseudo}
    found = [span for span in found if not (span.label == Role.FORWARD and span.end in again)]
    return found


def _conditions(found: list[Span], targets: Sequence[Span], negative_in_form: Sequence[bool]) -> list[Span]:
    """Each CONDITION span made a terminator after a negation of no finding of its own
    (a trigger with no target between, "no me puedo mantener parado sin", or a finding
    negative in form, "can't stand without"), else a forward trigger ("no fever, without
    trouble peeing" denies both)."""
    triggers = [span.end for span in found if span.label in (Role.FORWARD, Role.POSTPOSED)]
    lost = [t.end for i, t in enumerate(targets) if i < len(negative_in_form) and negative_in_form[i]]
    out: list[Span] = []
    for span in found:
        if span.label == Role.CONDITION:
            bare = [end for end in triggers if end <= span.start and not any(end <= t.start and t.end <= span.start for t in targets)]
            after_negation = bool(bare) or any(end <= span.start for end in lost)
            span = Span(span.start, span.end, Role.TERMINATOR if after_negation else Role.FORWARD)
        out.append(span)
    return out


def _verb_again(words: Sequence[str], trigger: Span, end: int, found: Sequence[Span], negations: set[str]) -> bool:
    """Whether the verb a forward trigger negates is said again, not negated, before `end`: a new
    predicate in a run of words ("no tengo calentura tengo los pies dormidos", "i do not have a
    fever i have numb feet"), which the first negation does not reach."""
    last = words[trigger.end - 1]
    verb = words[trigger.end] if last in negations and trigger.end < len(words) else last
    if verb in negations:
        return False
    negated_at = {span.end for span in found if span.label in (Role.FORWARD, Role.POSTPOSED)}
    return any(words[i] == verb and i not in negated_at for i in range(trigger.end + 1, end))


def _stopped(stops: Sequence[Span], start: int, end: int) -> bool:
    return any(start <= stop.start < end for stop in stops)


def segments(words: Sequence[str], modifiers: Iterable[tuple[Phrase, str]], free: Sequence[bool]) -> list[int]:
    """For each word, the number of the stretch between terminators it is in."""
    stops = {span.start for span in find(words, modifiers, free) if span.label == Role.TERMINATOR}
    out: list[int] = []
    current = 0
    for i in range(len(words)):
        current += i in stops
        out.append(current)
    return out

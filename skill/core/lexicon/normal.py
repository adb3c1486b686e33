"""A normal finding's polarity. A normal finding says a function is as it
should be ("both legs feel the same", "se está quitando"): said plainly, it
denies its sign; negated right before it ("I'm not steady on my feet"), it
reports the sign, to be safe. A clause's first "no" answers the question
("no, los dos igual") rather than negating the finding.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from skill.core.lexicon import context
from skill.core.lexicon.context import Phrase, Polarity, Span

# How far after a finding a word of slow change may stand ("se me está quitando, poco a poco").
_GRADUAL_REACH = 2


class Words(Protocol):
    """The stemmed word sets a normal finding's polarity is read with (read-only)."""

    @property
    def subjects(self) -> frozenset[str]: ...  # "no ella se puede enderezar": a subject between the no and the finding
    @property
    def clitics(self) -> frozenset[str]: ...
    @property
    def fillers(self) -> frozenset[str]: ...
    @property
    def answering(self) -> frozenset[str]: ...  # an opening no said again ("no no, del baño estoy bien") still answers
    @property
    def negatives(self) -> frozenset[str]: ...
    @property
    def normal_flips(self) -> frozenset[str]: ...  # right before a normal finding, a report ("not steady")
    @property
    def reaching(self) -> frozenset[str]: ...  # a few words before it, a report ("i don't think i can stand up")
    @property
    def gradual(self) -> tuple[tuple[Phrase, str], ...]: ...  # "poco a poco", "little by little"


def polarity(
    words: Sequence[str], target: Span, tables: Words, free: Sequence[bool], lead: int, window: int, verb_clitics: frozenset[str], unable: Sequence[bool]
) -> Polarity:
    """The polarity of the normal finding `target`: NEGATED (the sign denied)
    or HEDGED (a report, to be safe). `lead`: where the clause starts after its
    opening answer; `verb_clitics`: clitics only a verb follows ("se");
    `unable`: the words inside a finding negative in form ("no aguanto")."""
    if words[target.start] in tables.negatives and target.start > lead:
        return Polarity.NEGATED  # its own negation after another is concord, one negation ("no llevo ni una semana")
    at = target.start - 1
    subject = at > 0 and words[at] in tables.subjects  # "before i can", "no ella se puede enderezar"
    if at > 0 and (words[at] in tables.clitics or subject):  # "no la siento bien"
        at -= 1
    before = words[at] if at >= 0 else ""
    # The opening no answers, unless the finding opens with a clitic, which the no can only
    # negate ("no se puede sentar") with no subject between them; a change said to come slowly
    # is never negated ("no, se me está quitando poco a poco": it is going, little by little).
    opens = all(word in tables.fillers or word in tables.answering for word in words[:at])
    slowly = _said_slowly(words, target, tables.gradual)
    # A no right before a subject ("mi mamá, no, ella camina bien") is an interjection wherever it stands: no
    # language puts a negation there.
    answering = before in tables.negatives and (subject or (opens and (slowly or words[target.start] not in verb_clitics)))
    # "no se me ha salido nada, controlo bien"; after an inability the flip is its delay ("no aguanto hasta llegar al baño")
    object_of_another = at > 0 and not free[at - 1] and not unable[at - 1]
    if before in tables.normal_flips and not answering and not object_of_another:
        return Polarity.HEDGED
    # A negation a few words before it, not inside another finding ("not so bad"), makes it a report,
    # to be safe ("i don't think i can stand up"); not the clause's opening no, which answers ("no, she walks fine"),
    # nor one with another finding between, which it negates ("no tiene nada entumido, siente todo normal"),
    # nor the object right after one ("no se me ha salido nada, controlo bien"), nor an interjection
    # before a subject ("mi papá, no, él se aguanta bien").
    start = max(lead, target.start - window)
    interjection = [i + 1 < target.start and words[i + 1] in tables.subjects for i in range(len(words))]
    if any(words[i] in tables.reaching and not interjection[i] and all(free[i - 1 if i else 0 : target.start]) for i in range(start, target.start)):
        return Polarity.HEDGED
    return Polarity.NEGATED


def _said_slowly(words: Sequence[str], target: Span, gradual: Sequence[tuple[Phrase, str]]) -> bool:
    after = [True] * len(words)
    return any(target.end <= span.start <= target.end + _GRADUAL_REACH for span in context.find(words, gradual, after))

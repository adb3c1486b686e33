"""Rewrites of a line's words the matcher tries: a yes or no with hedges
around it, the line without intensifiers or trailing time words, the line
with its negation toggled; and whether two texts differ only by opposites."""

from __future__ import annotations

from collections.abc import Iterator

from skill.core import contract
from skill.tools.nlu.normalize import NEGATIONS
from skill.tools.nlu.words import (
    ANSWER_WORDS,
    AUXILIARIES,
    CLEAR_NO,
    CLEAR_YES,
    HEDGE_PHRASES,
    INTENSIFIERS,
    NO_WORDS,
    OPPOSITE_PREFIXES,
    TRAILING,
    UNSURE_WORDS,
    YES_WORDS,
)


def unsure(words: list[str], cores: frozenset[tuple[str, ...]]) -> bool:
    """ "well i haven't checked so i don't know", "could be i really can't
    tell", "la verdad no le sabría decir": one or more ways of not knowing
    (`cores`, the model's own NotSureIntent samples) with only answer words
    around them."""
    rest: list[str] = []
    i, found = 0, False
    while i < len(words):
        core = max((c for c in cores if tuple(words[i : i + len(c)]) == c), key=len, default=None)
        if core is None:
            rest.append(words[i])
            i += 1
        else:
            found = True
            i += len(core)
    return found and set(rest) <= ANSWER_WORDS | UNSURE_WORDS


def answer(words: list[str]) -> str | None:
    """ "yes i think so", "nah not really", "a little yeah": a yes or a no
    with only hedges around it. Not a "not sure" ("not really sure"), and not
    "yes no", which says both: None, so the question is asked again."""
    if not words or not set(words) <= YES_WORDS | NO_WORDS | ANSWER_WORDS:
        return None
    if set(words) & CLEAR_YES and set(words) & CLEAR_NO:
        return None
    if set(words) & NO_WORDS:
        return contract.NO
    if set(words) & YES_WORDS:
        return contract.YES
    return None


def without_intensifiers(words: list[str]) -> list[str]:
    """The line without intensifiers and hedges inside it ("a bit of"), and
    without what it says about when at its end ("since yesterday", "lately")."""
    out: list[str] = []
    i = 0
    while i < len(words):
        phrase = next((p for p in HEDGE_PHRASES if tuple(words[i : i + len(p)]) == p), None)
        if phrase and i + len(phrase) < len(words):
            i += len(phrase) - (1 if phrase[0] == "a" else 0)  # "a bit of a fever" -> "a fever"
            continue
        if words[i] not in INTENSIFIERS:
            out.append(words[i])
        i += 1
    if "since" in out[1:] and len(out) - out.index("since", 1) <= 4:
        out = out[: out.index("since", 1)]
    trimmed = True
    while trimmed and len(out) > 2:
        trimmed = False
        for tail in TRAILING:
            if tuple(out[-len(tail) :]) == tail and len(out) > len(tail) + 1:
                out = out[: -len(tail)]
                trimmed = True
    return out


def flips_meaning(a: str, b: str) -> bool:
    """Two texts that differ by a word and its opposite ("steady" and
    "unsteady", "able" and "unable"): close as strings, opposite in meaning."""
    only_a, only_b = set(a.split()) - set(b.split()), set(b.split()) - set(a.split())
    return any(y == prefix + x or x == prefix + y for x in only_a for y in only_b for prefix in OPPOSITE_PREFIXES)


def toggled(words: list[str]) -> Iterator[list[str]]:
    """The line with its negation taken out, or one put in after its first
    auxiliary verb ("still" becomes "not": "i can still feel my legs")."""
    if any(word in NEGATIONS for word in words):
        out: list[str] = []
        for word in words:
            if word in ("not", "never"):
                if out and out[-1] in ("do", "does", "did"):
                    out.pop()  # "i do not feel weak" -> "i feel weak"
                continue
            out.append(word)
        if out != words:
            yield out
        return
    if "still" in words:
        yield ["not" if word == "still" else word for word in words]
    for i, word in enumerate(words):
        if word in AUXILIARIES:
            yield [*words[: i + 1], "not", *words[i + 1 :]]
            return

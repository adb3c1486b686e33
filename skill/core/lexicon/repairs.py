"""Self-repair: a speaker who corrects themself means what follows the
correction ("no wait, yes, I fell down the stairs", "no, perdón, sí me caí").

A correction word counts only where it can be one: at the start of the line
or right after an answer or a filler ("no wait", "yes, actually"). Elsewhere
it is an ordinary word ("I have to wait before it starts", "I'm not actually
feverish"), and the line is read whole."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from skill.core.lexicon.text import fold

Marker = tuple[str, ...]
_WORD = re.compile(r"\S+")
_EDGES = re.compile(r"^[^\w']+|[^\w']+$")


def after_repair(line: str, markers: Sequence[Marker], openers: Collection[str], holds: Sequence[Marker] = ()) -> str:
    """`line` from after its last self-correction; the line itself if it has
    none, if nothing follows the correction ("no, wait"), or if what follows
    asks for time ("no wait a minute" is a wait, not a correction)."""
    while (shorter := _after_first_repair(line, markers, openers, holds)) != line:
        line = shorter  # "no wait, actually yes": each correction in turn
    return line


def _after_first_repair(line: str, markers: Sequence[Marker], openers: Collection[str], holds: Sequence[Marker]) -> str:
    spans = [(match.start(), match.end()) for match in _WORD.finditer(line)]
    words = [_EDGES.sub("", fold(line[start:end])) for start, end in spans]
    for i in range(len(words)):
        if i and words[i - 1] not in openers:
            continue
        for marker in markers:
            end = i + len(marker)
            rest = [word for word in words[end:] if word]
            if tuple(words[i:end]) == marker and rest and not any(tuple(rest[: len(hold)]) == hold for hold in holds):
                return line[spans[end][0] :]
    return line

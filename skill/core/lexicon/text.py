"""Words as the lexicon compares them: lower case, accents folded, contractions
spelled out, and a "|" where punctuation breaks a sentence."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

BREAK = "|"
_BREAKS = re.compile(r"[.,;:!?()\[\]]+")
_OTHER = re.compile(r"[^a-z0-9'|* ]+")  # "*": a gap in a lexicon phrase


def fold(text: str) -> str:
    """Lower case without accents ("Qué" -> "que", "ñ" -> "n")."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("\u2019", "'"))
    return "".join(char for char in decomposed if unicodedata.category(char) != "Mn")


def tokens(text: str, contractions: Mapping[str, str]) -> list[str]:
    """The words of `text`, contractions spelled out ("can't" -> "can", "not")."""
    text = _OTHER.sub(" ", _BREAKS.sub(f" {BREAK} ", fold(text)))
    out: list[str] = []
    for word in text.split():
        if word in contractions:
            out.extend(contractions[word].split())
        elif word.endswith("n't"):
            out.extend((word[:-3], "not"))
        elif word.endswith("'s") and "*'s" in contractions:  # "my weight's the same": "weight is"
            out.extend((word[:-2], contractions["*'s"]))
        else:
            out.append(word.replace("'", ""))
    return [word for word in out if word]

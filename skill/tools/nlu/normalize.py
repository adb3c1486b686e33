"""Text normalisation: typed lines and the model's samples and slot values
are brought to the same plain form before they are compared.

Lower case, accents folded ("sí" -> "si"), contractions spelled out ("I'm" -> "i am", "can't" -> "can not"),
punctuation dropped, spaced letters joined ("E. R." -> "er").
"""

from __future__ import annotations

import re
import unicodedata

from skill.tools.nlu import spanish

# Words people put around what they mean, dropped before matching.
# English and Spanish words (see skill.tools.nlu.spanish).
LEADING_FILLERS = frozenset({"alexa", "um", "umm", "uh", "uhh", "uhm", "er", "erm", "hmm", "hm", "oh", "well"}) | spanish.LEADING_FILLERS
TRAILING_FILLERS = frozenset({"please"}) | spanish.TRAILING_FILLERS
NEGATIONS = frozenset({"not", "no", "never", "nothing", "none", "nope", "nah", "neither", "nor", "without"}) | spanish.NEGATIONS

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_WHOLE_CONTRACTIONS = {
    "can't": "can not", "cannot": "can not", "won't": "will not", "shan't": "shall not",
    "ain't": "is not", "let's": "let us", "y'all": "you all",
}  # fmt: skip
# The same, typed without the apostrophe ("i cant", "dont", "im").
BARE_CONTRACTIONS = {
    "cant": "can not", "wont": "will not", "aint": "is not", "dont": "do not",
    "doesnt": "does not", "didnt": "did not", "isnt": "is not", "arent": "are not",
    "wasnt": "was not", "werent": "were not", "havent": "have not", "hasnt": "has not",
    "hadnt": "had not", "couldnt": "could not", "shouldnt": "should not",
    "wouldnt": "would not", "im": "i am", "ive": "i have", "youre": "you are",
    "theyre": "they are", "thats": "that is", "whats": "what is", "theres": "there is",
    "heres": "here is", "wheres": "where is", "hows": "how is", "its": "it is",
    "lets": "let us",
}  # fmt: skip
_IS_BEFORE = {"it", "that", "there", "here", "what", "where", "who", "how", "he", "she", "when", "why", "this"}
_SUFFIXES = (("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'m", " am"), ("'d", " would"))
_TOKEN_RE = re.compile(r"\d+\.\d+|[a-z0-9']+")
_SAID_RE = re.compile(r"\d+\.\d+|[^\W_]+(?:'[^\W_]*)*")


def _expand(word: str) -> str:
    if word in _WHOLE_CONTRACTIONS:
        return _WHOLE_CONTRACTIONS[word]
    if word in BARE_CONTRACTIONS:
        return BARE_CONTRACTIONS[word]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)] + replacement
    if word.endswith("'s"):
        stem = word[:-2]
        return f"{stem} is" if stem in _IS_BEFORE else stem  # else a possessive
    return word.replace("'", "")


def normalize(text: str) -> str:
    """Lower case, contractions spelled out, punctuation dropped, spaced
    letters joined ("E. R." -> "er"), one space between words."""
    text = _fold_accents(text.translate(_APOSTROPHES).lower()).replace("&", " and ")
    words: list[str] = []
    for found in _TOKEN_RE.finditer(text):
        token = found.group().strip("'")
        if token:
            words.extend(_expand(token).split())
    return " ".join(_join_spelled_letters(words))


def as_said(text: str) -> tuple[list[str], list[str], list[int]]:
    """The normalised words of `text`, the words as said (lower case, accents and contractions kept:
    "grip's", "sí"), as a device hands a slot's words to the skill, and for each normalised word the
    index of the word said it comes from."""
    words = normalize(text).split()
    said: list[str] = []
    origin: list[int] = []
    for found in _SAID_RE.finditer(text.translate(_APOSTROPHES).lower().replace("&", " and ")):
        token = found.group().strip("'")
        origin.extend([len(said)] * len(normalize(token).split()))
        said.append(token)
    if len(origin) != len(words):  # spelled letters joined ("e r" -> "er"): the normalised words stand for them
        return words, words, list(range(len(words)))
    return words, said, origin


def _fold_accents(text: str) -> str:
    """ "sí" -> "si", "días" -> "dias", "ñ" -> "n": Spanish typed with or
    without accents (and Alexa's samples with them) compare alike."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _join_spelled_letters(words: list[str]) -> list[str]:
    """ "e r" -> "er", "ortho n y" -> "ortho ny"; a lone "i" or "a" stays."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2 and not set(run) <= {"a", "i"}:
            out.append("".join(run))
        else:
            out.extend(run)
        run.clear()

    for word in words:
        if len(word) == 1 and word.isalpha():
            run.append(word)
        else:
            flush()
            out.append(word)
    flush()
    return out


def strip_fillers(words: list[str]) -> list[str]:
    """Normalised words without the fillers around them ("um", "alexa", "please")."""
    start, end = 0, len(words)
    while start < end and words[start] in LEADING_FILLERS:
        start += 1
    while end > start and words[end - 1] in TRAILING_FILLERS:
        end -= 1
    return words[start:end]


def negated(text: str) -> bool:
    """Whether normalised text says no to something ("i do not have a fever")."""
    return any(word in NEGATIONS for word in text.split())

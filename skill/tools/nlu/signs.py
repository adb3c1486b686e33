"""The sign a line most likely names when it fits no sample: a naive Bayes
classifier trained on the model's own symptom phrases (values and synonyms),
so "my right side has gone numb" is heard as one-sided numbness although no
sample says "has gone".

And whether the line reports the sign or denies it: a negation in front of a
word for something the body should do ("can not feel", "no control",
"does not help") is part of a report; in front of a symptom word ("not
numb", "no fever", "have not fallen") it is a denial; and a line that says
something is fine, normal or better denies it.

Last resort in the chat matcher, after every sample-based way; what a device
does with such a line is what the exact-sample score measures.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from skill.core.rules import Symptom
from skill.tools.nlu import spanish
from skill.tools.nlu.normalize import NEGATIONS

# Words that say nothing about which sign ("my", "the", "is").
STOP_WORDS = (
    frozenset(
        [
            "i",
            "me",
            "my",
            "mine",
            "myself",
            "the",
            "a",
            "an",
            "is",
            "are",
            "am",
            "was",
            "were",
            "be",
            "been",
            "being",
            "and",
            "or",
            "to",
            "of",
            "in",
            "on",
            "at",
            "for",
            "with",
            "it",
            "its",
            "this",
            "that",
            "these",
            "those",
            "have",
            "has",
            "had",
            "do",
            "does",
            "did",
            "so",
            "just",
            "really",
            "very",
            "all",
            "up",
            "now",
            "then",
            "like",
            "you",
            "your",
            "get",
            "got",
            "gotten",
            "getting",
            "keep",
            "keeps",
            "kept",
            "feel",
            "feels",
            "felt",
            "one",
            "some",
            "any",
            "every",
            "much",
            "many",
            "lot",
            "few",
            "bit",
            "play",
            "playing",
            "how",
            "need",
            "needs",
            "want",
            "make",
            "can",
            "could",
            "would",
            "should",
            "will",
        ]
    )
    | spanish.STOP_WORDS
)
# The persons a caregiver speaks of say no more about which sign than "my" does ("he lost his balance").
_PERSONS = frozenset({"his", "her", "hers", "him", "himself", "herself", "their", "them", "themselves"})
# After a negation, these are something the body should do: the line reports its loss.
ABILITIES = (
    frozenset(
        [
            "feel",
            "feeling",
            "control",
            "hold",
            "strength",
            "move",
            "lift",
            "walk",
            "stand",
            "sit",
            "pee",
            "urinate",
            "go",
            "help",
            "helping",
            "helped",
            "better",
            "improve",
            "improving",
            "improved",
            "stop",
            "start",
            "grip",
            "balance",
            "coordination",
            "sensation",
            "keep",
            "stay",
            "straighten",
            "get",
            "bear",
            "do",
            "work",
            "budge",
            "raise",
            "push",
            "use",
            "make",
        ]
    )
    | spanish.ABILITIES
)
# Said of a sign, these deny it ("my balance is fine", "it is getting better").
WELL_WORDS = (
    frozenset(
        [
            "fine",
            "okay",
            "ok",
            "normal",
            "good",
            "better",
            "improving",
            "steady",
            "strong",
            "alright",
        ]
    )
    | spanish.WELL_WORDS
)
# A guess needs this many different words of the line among the sign's
# phrases, one seen at least MIN_EVIDENCE times, and the sign this much
# likelier (log) than the next.
MIN_EVIDENCE = 2
MIN_SHARED_WORDS = 2
MIN_COVERAGE = 0.5
MIN_MARGIN = 2.0
_SMOOTHING = 0.5


def stem(word: str) -> str:
    """A crude stem: "stumbling" -> "stumbl", "thinner" -> "thin", "legs" -> "leg"."""
    for suffix in ("ing", "ed", "er", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiousl":
        word = word[:-1]  # "thinn" -> "thin"
    if len(word) > 4 and word.endswith(("ado", "ada", "ido", "ida")):
        word = word[:-1]  # Spanish participles, either gender: "dormida", "dormido" -> "dormid"
    return word.removesuffix("e") if len(word) > 3 else word


def features(words: list[str]) -> list[str]:
    content = [stem(w) for w in words if w not in STOP_WORDS and w not in _PERSONS and w not in NEGATIONS]
    return content + [f"{a} {b}" for a, b in itertools.pairwise(content)]


@dataclass(frozen=True)
class Guess:
    sign: str  # the slot value id
    phrase: str  # the model phrase that shares most with the line
    denied: bool
    margin: float


class SignClassifier:
    def __init__(self, phrases: Mapping[str, tuple[str, str]]):
        """`phrases`: normalised value or synonym -> (id, canonical name)."""
        self._counts: dict[str, Counter[str]] = defaultdict(Counter)
        self._phrases: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
        for phrase, (sign, _) in phrases.items():
            found = features(phrase.split())
            self._counts[sign].update(found)
            self._phrases[sign].append((phrase, frozenset(found)))
        self._totals = {sign: sum(counts.values()) for sign, counts in self._counts.items()}
        self._vocabulary = set().union(*self._counts.values()) if self._counts else set()

    def guess(self, words: list[str]) -> Guess | None:
        """The sign `words` most likely name, or None when the evidence is thin."""
        found = [f for f in features(words) if f in self._vocabulary]
        if not found:
            return self._improving(words)
        size = len(self._vocabulary)
        scores = {
            sign: sum(math.log((counts[f] + _SMOOTHING) / (self._totals[sign] + _SMOOTHING * size)) for f in found) for sign, counts in self._counts.items()
        }
        # A line about a function ("my coordination is off") is about the signs
        # whose phrases name it, whatever else it shares with others ("off").
        functions = [f for f in found if f in _FUNCTION_STEMS]
        if functions:
            scores = {sign: score for sign, score in scores.items() if any(self._counts[sign][f] for f in functions)}
        ranked = sorted(scores, key=scores.__getitem__, reverse=True)
        if not ranked:
            return None
        best = ranked[0]
        margin = scores[best] - scores[ranked[1]] if len(ranked) > 1 else math.inf
        # Two different words of the line the sign's phrases use, one of them
        # often: "play jazz" shares one word with "playing football", no more.
        shared = [f for f in found if " " not in f and self._counts[best][f]]
        evidence = max((self._counts[best][f] for f in shared), default=0)
        # ... or one, if it names what the body lost ("my balance is gone").
        # And most of what the line says must be words of that sign's phrases:
        # "how tall is mount everest" shares only "how" with "how long ...".
        content = {f for f in features(words) if " " not in f}
        enough = len(set(shared)) >= MIN_SHARED_WORDS or any(f in _FUNCTION_STEMS for f in shared)
        enough = enough and len(set(shared)) >= MIN_COVERAGE * len(content)
        if not enough or evidence < MIN_EVIDENCE or margin < MIN_MARGIN:
            return self._improving(words)
        line = set(found)
        phrase = max(self._phrases[best], key=lambda item: len(item[1] & line))[0]
        return Guess(best, phrase, denies(words), margin)

    def _improving(self, words: list[str]) -> Guess | None:
        """ "it's a little better": the spasms are improving, which denies
        they are not; said with a negation ("no better"), it reports it."""
        if not _improving_words(words) or not self._phrases.get(IMPROVING):
            return None
        return Guess(IMPROVING, self._phrases[IMPROVING][0][0], not any(w in NEGATIONS for w in words), 0.0)


IMPROVING = Symptom.NOT_IMPROVING.value
_FUNCTION_STEMS = frozenset(stem(word) for word in ("feeling", "strength", "control", "balance", "coordination", "sensation", *spanish.FUNCTIONS))
# Things the body has; "i have feeling in my arms and legs" says they are there.
FUNCTIONS = frozenset({"feeling", "strength", "control", "balance", "coordination", "sensation"}) | spanish.FUNCTIONS
# "my balance is gone": a function lost.
LOST = frozenset({"gone", "off", "lost", "shot", "bad", "terrible", "awful", "weird"}) | spanish.LOST


def _improving_words(words: list[str]) -> bool:
    return any(word in ("better", "improving", "improved", "easing", "easier") for word in words)


# Skipped when looking at what a negation applies to.
_BETWEEN = frozenset(
    {"any", "even", "much", "a", "the", "my", "have", "had", "be", "been", "really", "just", "very", "so", "get", "got",
     "gotten", "think", "at", "all", "is", "are", "it", "i", "am"}
) | spanish.BETWEEN  # fmt: skip
# Words for what is wrong: a negation in front of one denies it ("no fever",
# "not numb", "have not fallen"). In front of anything else ("no power in my
# legs", "did not notice", "not able to") the line is taken as a report: a
# report heard as a denial could hide an emergency, the other way round
# costs a question.
SYMPTOM_STEMS = frozenset(
    stem(word)
    for word in (
        "numb", "numbness", "tingling", "tingly", "weak", "weakness", "fever", "feverish", "temperature", "temp",
        "chills", "clumsy", "unsteady", "wobbly", "dizzy", "fall", "fallen", "fell", "falling", "accident",
        "accidents", "injury", "injured", "injure", "hurt", "trouble", "problem", "problems", "issue", "issues",
        "pain", "lost", "losing", "loss", "weight", "wet", "leaking", "worse", "symptoms", "changed", "change",
        "tripping", "stumbling", "incontinence", "giving", "buckling", "crash", "wreck",
        *spanish.SYMPTOM_WORDS,
    )
)  # fmt: skip


def denies(words: list[str]) -> bool:
    """Whether a line about a sign says the sign is absent."""
    for i, word in enumerate(words):
        if word in FUNCTIONS and any(w in LOST for w in words[i + 1 : i + 4]):
            return False
        # "without meaning to", "without trying": part of a report, not a denial.
        if word in NEGATIONS and word != "without":
            after = [w for w in words[i + 1 : i + 6] if w not in _BETWEEN][:3]
            if not after and i == len(words) - 1 and i > 0:
                return False  # "... but can not"
            # The first word that tells: a symptom word denies ("no fever", "have
            # not lost my balance", "do not feel any weakness"); a thing the
            # body does reports its loss ("can not feel", "no control", "will
            # not hold my weight"); words it does not know report, to be safe.
            for k, next_word in enumerate(after):
                if next_word in ("feel", "felt", *spanish.FEEL_WORDS) and any(stem(w) in SYMPTOM_STEMS for w in after[k + 1 :]):
                    continue
                if next_word in ABILITIES:
                    return False
                if stem(next_word) in SYMPTOM_STEMS:
                    return True
            return not after  # "no", "not at all": nothing else said
    if any(a in ("have", "has", *spanish.HAVE_WORDS) and b in FUNCTIONS for a, b in itertools.pairwise(words)):
        return True  # "i have feeling in my arms and legs", "i have control", "tengo fuerza"
    padded = ["", *words, ""]
    return any(word in WELL_WORDS and not spanish.intensifier(word, padded[i], padded[i + 2], _is_symptom_word) for i, word in enumerate(words))


def _is_symptom_word(word: str) -> bool:
    return bool(word) and stem(word) in SYMPTOM_STEMS

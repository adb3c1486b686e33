"""Every language's word tables joined, as the matcher uses them.

The words of the languages hardly overlap ("no" means no in both), so each
table is the union over `LANGUAGES`: an English line never meets a Spanish
word, nor the other way round. A third language is one more word module here
(and its lexicon file in `skill/core/lexicon/`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType

from skill.tools.nlu import english, spanish

LANGUAGES: tuple[ModuleType, ...] = (english, spanish)


def _union(name: str) -> frozenset[str]:
    return frozenset().union(*(getattr(module, name, frozenset()) for module in LANGUAGES))


def _phrases(name: str) -> Mapping[str, tuple[str, ...]]:
    joined: dict[str, tuple[str, ...]] = {}
    for module in LANGUAGES:
        for intent, phrases in getattr(module, name, {}).items():
            joined[intent] = joined.get(intent, ()) + tuple(phrases)
    return joined


BUILTIN_PHRASES = english.BUILTIN_PHRASES  # Amazon's built-ins are trained in every locale's model
EVERYDAY_ANSWERS = _phrases("EVERYDAY_ANSWERS")
LAUNCH_PHRASES = _union("LAUNCH_PHRASES")
INVOCATION_JOINERS = _union("INVOCATION_JOINERS")
QUESTION_WORDS = _union("QUESTION_WORDS")
CLAUSE_BREAKS = _union("CLAUSE_BREAKS")
ONSET_WORDS = _union("ONSET_WORDS")
# What opens a line's closing verdict ("so", "así que"): the yes or no after it answers.
VERDICT_LEADS: tuple[tuple[str, ...], ...] = tuple(lead for module in LANGUAGES for lead in getattr(module, "VERDICT_LEADS", ()))
SELF_APART: tuple[tuple[str, ...], ...] = tuple(tail for module in LANGUAGES for tail in getattr(module, "SELF_APART", ()))
AFTER_SELF_APART = _union("AFTER_SELF_APART")
YES_WORDS = _union("YES_WORDS")
NO_WORDS = _union("NO_WORDS")
CLEAR_YES = _union("CLEAR_YES")
CLEAR_NO = _union("CLEAR_NO")
ANSWER_WORDS = _union("ANSWER_WORDS")
UNSURE_WORDS = _union("UNSURE_WORDS")
ABILITY_LEADS: tuple[str, ...] = tuple(lead for module in LANGUAGES for lead in getattr(module, "ABILITY_LEADS", ()))
OPPOSITE_PREFIXES = english.OPPOSITE_PREFIXES
AUXILIARIES = english.AUXILIARIES
INTENSIFIERS = english.INTENSIFIERS
HEDGE_PHRASES = english.HEDGE_PHRASES
TRAILING = english.TRAILING
# The words after a line's first "no" that make it an answer, per language (None: any word).
ASIDE_AFTER_NO: Mapping[str, frozenset[str] | None] = {"en": english.ASIDE_AFTER_NO, "es": spanish.ASIDE_AFTER_NO}
# A language whose speakers mix in another: its lines that fit nothing are matched by the other's model too.
ALSO_MATCHES: Mapping[str, str] = {"es": "en"}
# The locale each language's lexicon is kept under (skill/core/lexicon/<locale>.json).
LEXICON_LOCALES: Mapping[str, str] = {"en": "en-US", "es": "es-US"}

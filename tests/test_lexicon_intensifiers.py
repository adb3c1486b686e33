"""Degree words inside a finding's phrase: "feels kinda dead" is "feels dead",
"took a hard hit" is "took a hit". A degree word is read through, never a
negation, so a denial with one stays a denial."""

from __future__ import annotations

import pytest

from skill.core.lexicon import Polarity, for_locale
from skill.core.rules import Symptom
from tests.support import lexicon_mentions as mentions

A, N = Polarity.AFFIRMED, Polarity.NEGATED
S = Symptom


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        ("en-US", "the whole right side of my body feels kinda dead", {(S.ONE_SIDED_NUMBNESS, A)}),
        ("en-US", "my feet feel real dead", {(S.LIMB_NUMBNESS, A)}),
        ("en-US", "he took a real hard hit at practice", {(S.SIGNIFICANT_TRAUMA, A)}),
        # the denial keeps its scope over the degree word
        ("en-US", "my feet don't feel kinda dead or anything", {(S.LIMB_NUMBNESS, N)}),
        ("es-US", "siento todo parejo de los dos lados", {(S.ONE_SIDED_NUMBNESS, N)}),
    ],
)
def test_a_degree_word_inside_a_finding(locale, line, expected):
    assert mentions(line, locale) == expected


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_no_negation_is_a_degree_word(locale):
    from skill.core.lexicon import NEGATIVE_WORDS, Role

    lexicon = for_locale(locale)
    negations = {phrase[0] for phrase, role in lexicon.modifiers if role in (Role.FORWARD, Role.BACKWARD, Role.POSTPOSED) and len(phrase) == 1}
    assert lexicon.intensifiers, "the locale names its degree words"
    assert not lexicon.intensifiers & (NEGATIVE_WORDS | negations)

"""Scopes and compositions added in the twelfth round: "don't have any" and
"lost all" said of a finding ("my toes don't have any feeling"), a contrast
that ends a negation ("not the bowels, just the bladder"), an idiom that holds
a normal state's word ("a lo mejor" is "maybe", not "better"), the voiding verbs
after "cuesta" and a week not yet gone by as a denial of no improvement."""

from __future__ import annotations

import pytest

from skill.core.lexicon import Polarity
from skill.core.rules import Symptom
from tests.support import lexicon_mentions as mentions

A, N = Polarity.AFFIRMED, Polarity.NEGATED
S = Symptom


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # "don't have any" + a finding's noun is "no" + that noun: a report when the noun is a function lost ...
        ("en-US", "my toes don't have any feeling at all", {(S.LIMB_NUMBNESS, A)}),
        ("en-US", "she's lost all feeling in her feet", {(S.LIMB_NUMBNESS, A)}),
        # ... and a denial when it is a symptom
        ("en-US", "i don't have any numbness", {(S.LIMB_NUMBNESS, N)}),
        ("en-US", "he doesn't have any trouble peeing", {(S.URINATION_DIFFICULTY, N)}),
        ("en-US", "i can't seem to start peeing", {(S.URINATION_DIFFICULTY, A)}),
        ("en-US", "i've rested it a week and it's not getting any better", {(S.NOT_IMPROVING, A)}),
        # "just the ..." after a negated part ends the negation: the bladder is reported
        ("en-US", "well not the bowels just the bladder it keeps leaking", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("en-US", "it's only been a couple of days", {(S.NOT_IMPROVING, N)}),
        ("es-US", "me cuesta trabajo empezar a orinar", {(S.URINATION_DIFFICULTY, A)}),
        ("es-US", "no me cuesta nada hacer pipí", {(S.URINATION_DIFFICULTY, N)}),
        ("es-US", "apenas lleva dos días así", {(S.NOT_IMPROVING, N)}),
        ("es-US", "ni sentada ni parada aguanto", {(S.CANNOT_SIT_OR_STAND, A)}),
        # negative concord: a negated verb before "nada mejor" is one negation, no relief
        ("es-US", "lleva más de una semana en cama y no está nada mejor", {(S.NOT_IMPROVING, A)}),
        ("es-US", "no se siente nada mejor", {(S.NOT_IMPROVING, A)}),
    ],
)
def test_quantified_and_contrasted_findings(locale, line, expected):
    assert mentions(line, locale) == expected


@pytest.mark.parametrize("line", ["a lo mejor no me fijé", "a lo mejor sí"])
def test_an_idiom_holding_a_normal_word_says_nothing(line):
    assert mentions(line, "es-US") == set()

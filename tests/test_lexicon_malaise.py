"""A feeling negated and then a state of health ("she doesn't feel good", "no
me siento bien") is being unwell, not a sense lost: no sign, so no 911. Said of
a limb, or beside a sense lost, it is still numbness."""

from __future__ import annotations

import pytest

from skill.core.lexicon import Polarity
from skill.core.rules import Symptom
from tests.support import lexicon_mentions as mentions

A = Polarity.AFFIRMED
S = Symptom


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "she doesn't feel good"),
        ("en-US", "i don't feel so good today"),
        ("en-US", "i just don't feel like myself"),
        ("es-US", "no me siento bien"),
        ("es-US", "no me siento nada bien"),
    ],
)
def test_unwell_is_no_sign(locale, line):
    assert mentions(line, locale) == set()


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "she does not feel well in her legs"),
        ("en-US", "he doesn't feel good and can't feel his toes"),
        ("es-US", "no siento bien las piernas"),
        ("es-US", "no se siente bien y no siente los pies"),
    ],
)
def test_a_limb_or_a_sense_lost_beside_it_is_still_numbness(locale, line):
    assert mentions(line, locale) == {(S.LIMB_NUMBNESS, A)}

"""A negation's reach in a run of words without punctuation, as a speech recogniser writes them.

A new subject and its verb ("her legs are", "sus piernas están") opens a new clause that a
negation before it does not reach, unless a verb of saying or thinking makes it that verb's object
("i don't think my legs are weak"); the verb a negation denies, said again without it, opens a new
predicate ("no tengo calentura, tengo los pies dormidos"); a negation spent on turning a normal
state into a finding ("no se puede sentar") reaches no finding after it; and an emphatic "ni"
after "no puede" ("no se puede ni sentar") is no second negation."""

from __future__ import annotations

import pytest

from skill.core.lexicon import Polarity
from skill.core.rules import Symptom
from tests.support import lexicon_mentions as mentions

A, N, H = Polarity.AFFIRMED, Polarity.NEGATED, Polarity.HEDGED
S = Symptom


@pytest.mark.parametrize(
    ("locale", "line", "reported"),
    [
        # a new subject: the report after it stands
        ("en-US", "she doesn't walk right her legs are numb", S.LIMB_NUMBNESS),
        ("en-US", "she can't walk right her legs are numb", S.LIMB_NUMBNESS),
        ("en-US", "he can't bend over his feet feel numb", S.LIMB_NUMBNESS),
        ("en-US", "she can't walk right her left leg is numb", S.ONE_SIDED_NUMBNESS),
        ("en-US", "no fever his legs keep giving out", S.MUSCLE_WEAKNESS),
        ("es-US", "no le da fiebre sus piernas están dormidas", S.LIMB_NUMBNESS),
        ("es-US", "no tiene fiebre la pierna izquierda está dormida", S.ONE_SIDED_NUMBNESS),
        # the negated verb said again
        ("es-US", "no tengo calentura tengo los pies dormidos", S.LIMB_NUMBNESS),
        ("es-US", "no tiene fiebre tiene las piernas dormidas", S.LIMB_NUMBNESS),
        ("en-US", "i don't have a fever i have numb feet", S.LIMB_NUMBNESS),
        ("en-US", "i have not had a fever i have had numb feet", S.LIMB_NUMBNESS),
        # a negation spent on a normal state turned into a finding
        ("es-US", "mi mamá no se puede ni sentar bien en la cama se queda toda torcida", S.CANNOT_SIT_OR_STAND),
        ("es-US", "no se puede sentar en la cama se queda toda torcida", S.CANNOT_SIT_OR_STAND),
    ],
)
def test_a_report_after_a_new_clause_is_not_reached_by_the_negation_before_it(locale: str, line: str, reported: Symptom) -> None:
    found = mentions(line, locale)
    assert (reported, A) in found or (reported, H) in found, found
    assert (reported, N) not in found, found


@pytest.mark.parametrize(
    ("locale", "line", "denied"),
    [
        # the first clause keeps its denial
        ("en-US", "no fever his legs keep giving out", S.FEVER),
        ("es-US", "no tengo calentura tengo los pies dormidos", S.FEVER),
        # after a verb of saying or thinking the subject is its object: still denied
        ("en-US", "i don't think my legs are weak", S.MUSCLE_WEAKNESS),
        ("en-US", "can't say my feet are numb", S.LIMB_NUMBNESS),
        ("en-US", "i haven't noticed that her legs are weak", S.MUSCLE_WEAKNESS),
        ("es-US", "no creo que sus piernas están débiles", S.MUSCLE_WEAKNESS),
        # one negation over a list, and one said again, still deny each
        ("en-US", "i don't have a fever or numb feet", S.LIMB_NUMBNESS),
        ("es-US", "no tengo fiebre ni tengo escalofríos", S.FEVER),
        ("es-US", "no tengo fiebre ni debilidad", S.MUSCLE_WEAKNESS),
        ("en-US", "no numbness my feet are fine", S.LIMB_NUMBNESS),
        # a fine organ after a report still denies its own sign, and only it
        ("en-US", "her feet are numb her legs are fine", S.MUSCLE_WEAKNESS),
    ],
)
def test_a_denial_keeps_its_reach_where_no_new_clause_starts(locale: str, line: str, denied: Symptom) -> None:
    found = mentions(line, locale)
    assert (denied, N) in found, found
    assert (denied, A) not in found, found


@pytest.mark.parametrize(
    "line",
    [
        "no se puede ni sentar",
        "no puede ni sentarse",
        "no me puedo ni parar",
        "no puedo ni pararme",
        "no puedo ni sentarme ni pararme",
        "mi esposo no puede ni sentarse derecho en la silla",
    ],
)
def test_an_emphatic_ni_after_no_puede_is_no_second_negation(line: str) -> None:
    found = mentions(line, "es-US")
    assert {(S.CANNOT_SIT_OR_STAND, A), (S.CANNOT_SIT_OR_STAND, H)} & found, found
    assert (S.CANNOT_SIT_OR_STAND, N) not in found, found


def test_a_side_stays_bound_across_a_new_subject() -> None:
    assert mentions("the whole left side of my body feels numb") == {(S.ONE_SIDED_NUMBNESS, A)}
    assert (S.ONE_SIDED_NUMBNESS, A) in mentions("my left arm and my left leg are numb")

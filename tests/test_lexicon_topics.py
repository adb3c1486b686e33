"""Topics said to be fine, and scopes of this round: the act of voiding said
to go normally denies both bladder signs, a place or garment said to be fine
denies nothing; "ninguno" after its finding negates it; a negated verb of relief keeps a fever a fever ("won't go down",
"no se le baja"); a control verb in the progressive, negated, is loss of
control; and everyday no's with thanks around them."""

from __future__ import annotations

import pytest

from skill.core import lexicon
from skill.core.lexicon import Polarity
from skill.core.rules import Symptom
from skill.tools.alexa.device import load_matcher
from tests.support import lexicon_mentions

N = Polarity.NEGATED
S = Symptom
BOTH_BLADDER_SIGNS = {(S.BLADDER_BOWEL_CONTROL, N), (S.URINATION_DIFFICULTY, N)}


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "i pee fine i guess about like always"),
        ("en-US", "she's going to the bathroom normal"),
        ("es-US", "el baño lo hago normal gracias a dios"),
        ("es-US", "la orina normalito"),
    ],
)
def test_voiding_said_to_go_normally_denies_both_bladder_signs(locale, line):
    assert lexicon_mentions(line, locale) == BOTH_BLADDER_SIGNS


@pytest.mark.parametrize(
    ("locale", "line"),
    [("en-US", "bowels and bladder are both behaving themselves"), ("en-US", "my bladder is working")],
)
def test_an_organ_behaving_or_working_denies_its_sign(locale, line):
    assert lexicon_mentions(line, locale) == {(S.BLADDER_BOWEL_CONTROL, N)}


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("en-US", "my balance is good as it ever was", S.BALANCE_COORDINATION),
        ("en-US", "my strength is the same", S.MUSCLE_WEAKNESS),
        ("es-US", "el equilibrio lo tengo bien", S.BALANCE_COORDINATION),
        ("es-US", "la fuerza está bien", S.MUSCLE_WEAKNESS),
        ("es-US", "la sensibilidad normal", S.LIMB_NUMBNESS),
    ],
)
def test_a_function_said_to_be_fine_denies_its_sign(locale, line, sign):
    assert lexicon_mentions(line, locale) == {(sign, N)}


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("en-US", "i can't keep steady", S.BALANCE_COORDINATION),
        ("en-US", "my balance is not good", S.BALANCE_COORDINATION),
        ("es-US", "perdí el equilibrio", S.BALANCE_COORDINATION),
    ],
)
def test_a_function_not_said_fine_is_never_denied(locale, line, sign):
    assert sign not in lexicon.read(line, locale).denied


@pytest.mark.parametrize(("locale", "line"), [("en-US", "my bed is fine"), ("es-US", "la cama está bien")])
def test_a_place_or_garment_said_to_be_fine_denies_nothing(locale, line):
    assert lexicon_mentions(line, locale) == set()


@pytest.mark.parametrize(
    ("line", "sign"),
    [
        ("accidente ninguno", S.SIGNIFICANT_TRAUMA),
        ("fiebre ninguna", S.FEVER),
        ("ningún accidente", S.SIGNIFICANT_TRAUMA),
        ("debilidad no nada de eso", S.MUSCLE_WEAKNESS),
    ],
)
def test_ninguno_after_a_finding_negates_it(line, sign):
    assert lexicon_mentions(line, "es-US") == {(sign, N)}


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("en-US", "her fever won't go down", S.FEVER),
        ("en-US", "the fever won't break", S.FEVER),
        ("es-US", "a mi suegra no se le baja la fiebre desde ayer", S.FEVER),
        ("es-US", "mi mamá no está aguantando la orina ya mojó la cama", S.BLADDER_BOWEL_CONTROL),
        ("es-US", "ya tengo una semana acostado y nada sigue igual", S.NOT_IMPROVING),
        ("es-US", "no tengo fuerza ninguna", S.MUSCLE_WEAKNESS),  # negative concord
        ("es-US", "no aguanto nada se me sale solita", S.BLADDER_BOWEL_CONTROL),
    ],
)
def test_what_only_looks_negated_is_reported(locale, line, sign):
    reading = lexicon.read(line, locale)
    assert sign in reading.reported
    assert sign not in reading.denied


@pytest.mark.parametrize(("locale", "line"), [("en-US", "not at all thank the lord"), ("es-US", "ni por asomo")])
def test_everyday_nos_with_thanks_are_no(locale, line):
    assert load_matcher(locale).match(line).intent == "AMAZON.NoIntent"

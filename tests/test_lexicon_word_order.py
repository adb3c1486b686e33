"""Scopes and word orders added while the eleventh fresh split was studied: a
finding said as the clause's topic and then a no ("debilidad no, nomás es el
dolor"), a postposed "tampoco", an ability or inability said with its verb
last ("pararme sí puedo", "pararme no puedo"), and the delay of an inability
("no aguanto hasta llegar al baño")."""

from __future__ import annotations

import pytest

from skill.core.lexicon import Polarity
from skill.core.rules import Symptom
from tests.support import lexicon_mentions as mentions

A, N, H = Polarity.AFFIRMED, Polarity.NEGATED, Polarity.HEDGED
S = Symptom


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("debilidad no nomás es el dolor que no me deja en paz", {(S.MUSCLE_WEAKNESS, N)}),
        ("fiebre no", {(S.FEVER, N)}),
        ("la calentura no mija", {(S.FEVER, N)}),
        ("golpe no nada", {(S.SIGNIFICANT_TRAUMA, N)}),
        ("eso de tener un lado dormido no mami todo lo siento normal", {(S.ONE_SIDED_NUMBNESS, N), (S.LIMB_NUMBNESS, N)}),
    ],
)
def test_a_topic_then_a_no_is_denied(line, expected):
    assert mentions(line, "es-US") == expected


@pytest.mark.parametrize(
    ("line", "sign"),
    [
        # a no that may begin another predicate, a tag question after a verb, a no before "sé": still reports
        ("la pierna dormida no me deja caminar", S.LIMB_NUMBNESS),
        ("tengo la pierna dormida no", S.LIMB_NUMBNESS),
        ("fiebre no sé si tengo", S.FEVER),
        ("se cayó de la escalera no puede ni moverse", S.SIGNIFICANT_TRAUMA),
    ],
)
def test_a_no_after_a_finding_that_is_no_topic_keeps_the_report(line, sign):
    assert (sign, N) not in mentions(line, "es-US")
    assert sign in {s for s, polarity in mentions(line, "es-US") if polarity is not N}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("no al contrario engordé y calentura tampoco", {(S.WEIGHT_LOSS, N), (S.FEVER, N)}),
        ("tampoco tengo fiebre", {(S.FEVER, N)}),
        ("no tengo fiebre y tampoco me caí", {(S.FEVER, N), (S.SIGNIFICANT_TRAUMA, N)}),
    ],
)
def test_tampoco_negates_before_and_after(line, expected):
    assert mentions(line, "es-US") == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("pararme sí puedo y sentarme también", {(S.CANNOT_SIT_OR_STAND, N)}),
        ("pararme no puedo", {(S.CANNOT_SIT_OR_STAND, A)}),
        ("levantarse no puede", {(S.CANNOT_SIT_OR_STAND, A)}),
    ],
)
def test_an_ability_said_with_its_verb_last(line, expected):
    assert mentions(line, "es-US") == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("no aguanto hasta llegar al baño", {(S.BLADDER_BOWEL_CONTROL, H)}),
        ("aguanto normal hasta llegar al baño", {(S.BLADDER_BOWEL_CONTROL, N)}),
        ("no se me ha salido nada controlo bien", {(S.BLADDER_BOWEL_CONTROL, N)}),
    ],
)
def test_an_inabilitys_delay_is_a_report(line, expected):
    assert mentions(line, "es-US") == expected


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # a measurement with a normal reading in the line denies the fever
        ("en-US", "i took my temperature twice and it was ninety eight point six both times", {(S.FEVER, N)}),
        ("en-US", "the thermometer says ninety seven", {(S.FEVER, N)}),
        ("es-US", "me tomé la temperatura y salió en treinta y seis", {(S.FEVER, N)}),
        ("es-US", "treinta y siete de temperatura", {(S.FEVER, N)}),
        # a high or borderline reading, or a measurement with none, is a fever
        ("en-US", "my temperature is ninety nine point nine", {(S.FEVER, A)}),
        ("en-US", "i've been running a temperature", {(S.FEVER, A)}),
        ("en-US", "her temperature is a hundred and two", {(S.FEVER, A)}),
        ("es-US", "tiene temperatura de treinta y nueve", {(S.FEVER, A)}),
        ("es-US", "tiene temperatura de treinta y siete y medio", {(S.FEVER, A)}),
        # a number with no measurement says nothing
        ("en-US", "my mother is ninety eight", set()),
        ("es-US", "tiene treinta y siete años", set()),
    ],
)
def test_a_normal_reading_of_a_measurement_denies_the_fever(locale, line, expected):
    assert mentions(line, locale) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("she can't keep it in anymore", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("he's weaving all over the kitchen", {(S.BALANCE_COORDINATION, A)}),
        ("mama tumped over in the yard", {(S.SIGNIFICANT_TRAUMA, A)}),
        ("her feet are dead", {(S.LIMB_NUMBNESS, A)}),
        ("my phone is dead", set()),
        ("i don't feel a thing below my knees", {(S.LIMB_NUMBNESS, A)}),
        ("he makes it to the bathroom in time", {(S.BLADDER_BOWEL_CONTROL, N)}),
        ("she isn't making it to the toilet in time", {(S.BLADDER_BOWEL_CONTROL, H)}),
        ("he's sure footed on the stairs", {(S.BALANCE_COORDINATION, N)}),
        ("she feels cool to the touch", {(S.FEVER, N)}),
        ("my clothes still fit", {(S.WEIGHT_LOSS, N)}),
    ],
)
def test_everyday_english_for_signs_and_their_normal_states(line, expected):
    assert mentions(line, "en-US") == expected


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # two limbs joined are one finding's sites: a side said with one is said with both
        ("en-US", "his right arm and his right leg don't feel like they belong to him", {(S.ONE_SIDED_NUMBNESS, A)}),
        ("es-US", "la parte izquierda brazo y pierna la tiene entumida", {(S.ONE_SIDED_NUMBNESS, A)}),
        # ... but a joiner before anything else still parts two clauses
        ("en-US", "i can't feel my feet and my bladder is leaking", {(S.LIMB_NUMBNESS, A), (S.BLADDER_BOWEL_CONTROL, A)}),
        # "but only" restricts, it does not end a scope
        ("es-US", "no siento bien pero nada más de un lado", {(S.ONE_SIDED_NUMBNESS, A)}),
        # "on the contrary" ends a negation's reach
        ("es-US", "no ha subido nada al contrario ha perdido libras", {(S.WEIGHT_LOSS, A)}),
        ("es-US", "al contrario he subido unas libritas", {(S.WEIGHT_LOSS, N)}),
    ],
)
def test_limbs_joined_restrictions_and_contraries(locale, line, expected):
    assert mentions(line, locale) == expected

"""Compositions and scopes added after the third fresh split was studied:
clothes that hang loose are weight lost; an organ or a topic said to be fine
(or "the same") denies its sign, never when it is said to be "not fine"; a
finding that opens with its own negation is not reached by an earlier one; a
postposed "no está" negates what comes before it; a "no" after fillers still
answers; comparatives of relief deny "not improving"; and the everyday polite
no's ("I wouldn't say so")."""

from __future__ import annotations

import pytest

from skill.core.lexicon import Polarity, read
from skill.core.rules import Symptom
from skill.tools.alexa.device import load_matcher
from tests.support import lexicon_mentions as mentions

A, N, H = Polarity.AFFIRMED, Polarity.NEGATED, Polarity.HEDGED
S = Symptom


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "my pants are hanging off me"),
        ("en-US", "my belt's on the last notch now"),
        ("en-US", "all my clothes are baggy"),
        ("es-US", "la ropa me queda bien floja"),
        ("es-US", "los pantalones me quedan guangos"),
        # a hole punched in a belt is loosening it, not a blow
        ("en-US", "had to punch a new hole in my belt"),
        ("en-US", "i had to punch another hole in his belt"),
    ],
)
def test_loose_clothes_are_weight_lost(locale, line):
    assert read(line, locale).reported == [S.WEIGHT_LOSS]


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("es-US", "las piernas flojas", S.MUSCLE_WEAKNESS),  # loose or weak x a limb: a weak limb
        ("en-US", "my legs feel loose and floppy", S.MUSCLE_WEAKNESS),
    ],
)
def test_loose_limbs_are_weak(locale, line, sign):
    assert sign in read(line, locale).reported


@pytest.mark.parametrize("line", ["my back feels looser", "my back is a lot looser today"])
def test_loose_alone_is_no_sign(line):
    assert S.WEIGHT_LOSS not in read(line).reported and S.MUSCLE_WEAKNESS not in read(line).reported


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("en-US", "my weight's the same as always", S.WEIGHT_LOSS),
        ("en-US", "my weight hasn't changed", S.WEIGHT_LOSS),
        ("es-US", "mi peso sigue igual", S.WEIGHT_LOSS),
        ("es-US", "el peso lo tengo igual que siempre", S.WEIGHT_LOSS),
        ("en-US", "my bladder is fine", S.BLADDER_BOWEL_CONTROL),
        ("en-US", "nothing wrong with my waterworks", S.BLADDER_BOWEL_CONTROL),
        ("en-US", "his plumbing is working normal", S.BLADDER_BOWEL_CONTROL),
    ],
)
def test_a_topic_said_to_be_fine_or_the_same_denies_its_sign(locale, line, sign):
    reading = read(line, locale)
    assert sign in reading.denied and not reading.reported


@pytest.mark.parametrize("line", ["my bladder is not fine", "my bowels are not normal", "my weight is not the same"])
def test_an_organ_said_not_fine_is_no_denial(line):
    assert not read(line).denied


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("es-US", "no me caí no tengo fuerza en las piernas", S.MUSCLE_WEAKNESS),
        ("es-US", "no fue un golpe no siento los pies", S.LIMB_NUMBNESS),
        ("en-US", "i didn't fall no feeling in my legs", S.LIMB_NUMBNESS),
    ],
)
def test_a_finding_that_opens_with_its_own_negation_is_not_reached_by_an_earlier_one(locale, line, sign):
    assert sign in read(line, locale).reported
    assert load_matcher(locale).match(line).intent == "ReportSymptomIntent"


@pytest.mark.parametrize(
    ("line", "sign", "polarity"),
    [
        ("ella levanta sus cosas igual que siempre débil no está", S.MUSCLE_WEAKNESS, N),
        ("entumida no está pero le duele mucho", S.LIMB_NUMBNESS, N),
    ],
)
def test_a_postposed_no_esta_negates_what_it_follows(line, sign, polarity):
    assert (sign, polarity) in mentions(line, "es-US")


@pytest.mark.parametrize("line", ["no está débil", "no ando tropezando ni nada de eso"])
def test_a_backward_trigger_that_opens_with_no_still_negates_forward(line):
    reading = read(line, "es-US")
    assert reading.denied and not reading.reported


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("es-US", "pues no ya me puedo mover más", S.NOT_IMPROVING),
        ("es-US", "bueno no ambos lados los siento igual", S.ONE_SIDED_NUMBNESS),
        ("en-US", "well no she's steady on her feet", S.BALANCE_COORDINATION),
    ],
)
def test_a_no_after_fillers_still_answers(locale, line, sign):
    reading = read(line, locale)
    assert sign in reading.denied and not reading.reported


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "not as bad as it was"),
        ("en-US", "it's not so bad now i can move better"),
        ("es-US", "ya no es tan fuerte como antes"),
        ("es-US", "me duele menos"),
    ],
)
def test_relief_said_as_a_comparative_denies_not_improving(locale, line):
    reading = read(line, locale)
    assert S.NOT_IMPROVING in reading.denied and not reading.reported


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "it's not one bit better"),
        ("es-US", "descansé más de una semana y sigue igualito que el primer día"),
        ("es-US", "no se le ha aliviado nada"),
    ],
)
def test_no_relief_is_still_a_report(locale, line):
    assert load_matcher(locale).match(line).intent == "ReportSymptomIntent"


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("es-US", "siento igualito los dos lados del cuerpo"),
        ("es-US", "el lado izquierdo y el derecho se me sienten parejos"),
        ("en-US", "both sides feel the same to me"),
    ],
)
def test_both_sides_the_same_denies_one_sided_numbness(locale, line):
    reading = read(line, locale)
    assert S.ONE_SIDED_NUMBNESS in reading.denied and not reading.reported


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "i wouldn't say so"),
        ("en-US", "neither one"),
        ("en-US", "none of them"),
        ("es-US", "yo diría que no"),
        ("es-US", "ninguna de las dos"),
    ],
)
def test_polite_and_two_sign_nos_are_no(locale, line):
    assert load_matcher(locale).match(line).intent == "AMAZON.NoIntent"


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("es-US", "a mi abuelita se le durmieron los pies y no se le despiertan", S.LIMB_NUMBNESS),
        ("es-US", "mi viejo se hizo del dos en la cama", S.BLADDER_BOWEL_CONTROL),
        ("es-US", "no atino a dar un paso sin agarrarme de la pared", S.BALANCE_COORDINATION),
        ("en-US", "she can't hold herself up straight in the chair she just slumps over", S.CANNOT_SIT_OR_STAND),
        ("en-US", "i can't get my water to start", S.URINATION_DIFFICULTY),
        ("en-US", "mom's gotten real thin lately", S.WEIGHT_LOSS),
        ("en-US", "my waterworks have quit on me i can't hold it", S.BLADDER_BOWEL_CONTROL),
    ],
)
def test_everyday_words_for_signs(locale, line, sign):
    assert sign in read(line, locale).reported


@pytest.mark.parametrize(
    "line",
    ["calentura no he tenido no", "fiebre no tengo", "débil no está", "me tomé la temperatura y salió normal"],
)
def test_a_postposed_negation_or_a_trailing_normal_clause_denies(line):
    reading = read(line, "es-US")
    assert reading.denied and not reading.reported


@pytest.mark.parametrize(
    ("line", "sign"),
    [
        ("me oriné no hay duda", S.BLADDER_BOWEL_CONTROL),
        ("se me duermen los pies no tengo ni idea por qué", S.LIMB_NUMBNESS),
        ("me tambaleo no estoy bien", S.BALANCE_COORDINATION),
        ("me oriné no tuve tiempo de llegar", S.BLADDER_BOWEL_CONTROL),
        ("la pierna débil no tengo fuerza", S.MUSCLE_WEAKNESS),
    ],
)
def test_a_postposed_negation_is_a_pseudo_trigger_or_another_finding(line, sign):
    assert sign in read(line, "es-US").reported


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "not that i've noticed my stream starts okay"),
        ("es-US", "para nada ella camina como siempre"),
    ],
)
def test_an_everyday_no_of_more_words_opens_an_aside(locale, line):
    assert load_matcher(locale).match(line).intent == "AMAZON.NoIntent"


@pytest.mark.parametrize(("locale", "line"), [("en-US", "not that i know of but my legs went numb"), ("es-US", "para nada pero se me duermen las piernas")])
def test_an_everyday_no_before_a_report_keeps_the_report(locale, line):
    assert load_matcher(locale).match(line).intent == "ReportSymptomIntent"


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # a fall said more than once is falling over: loss of balance, an emergency
        ("en-US", "she fell twice this week", {(S.BALANCE_COORDINATION, A)}),
        ("en-US", "i've fallen a couple of times since it started", {(S.BALANCE_COORDINATION, A)}),
        ("es-US", "se cayó dos veces hoy", {(S.BALANCE_COORDINATION, A)}),
        ("es-US", "me he caído varias veces", {(S.BALANCE_COORDINATION, A)}),
        # once, it is the injury the spasm may have started after
        ("en-US", "i fell off a ladder", {(S.SIGNIFICANT_TRAUMA, A)}),
        ("es-US", "me caí de la escalera", {(S.SIGNIFICANT_TRAUMA, A)}),
        # and denied more than once, it is denied
        ("en-US", "no i haven't fallen twice", {(S.BALANCE_COORDINATION, N)}),
    ],
)
def test_a_fall_said_more_than_once_is_loss_of_balance(locale, line, expected):
    assert mentions(line, locale) == expected


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # an accident with the toilet, the bed or a garment is a loss of control
        ("en-US", "i had an accident in the bathroom", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("es-US", "pues sí tuve un accidente del baño", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("es-US", "tuvo un accidente en los pantalones", {(S.BLADDER_BOWEL_CONTROL, A)}),
        # ... and so is an accident said with the organ, in its clause
        ("en-US", "he had a bladder accident", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("en-US", "i had a bowel accident sitting right here", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("en-US", "she had an accident with her bladder last night", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("es-US", "tuvo un accidente con la orina", {(S.BLADDER_BOWEL_CONTROL, A)}),
        ("en-US", "she had a pee accident", {(S.BLADDER_BOWEL_CONTROL, A)}),
        # a bed or garment said without "in" is where an injury happened
        ("en-US", "he had an accident climbing out of bed", {(S.SIGNIFICANT_TRAUMA, A)}),
        # elsewhere, an injury
        ("en-US", "i had an accident at work", {(S.SIGNIFICANT_TRAUMA, A)}),
        ("en-US", "i had an accident", {(S.SIGNIFICANT_TRAUMA, A)}),
        ("es-US", "tuve un accidente en el trabajo", {(S.SIGNIFICANT_TRAUMA, A)}),
        ("es-US", "tuve un accidente de carro", {(S.SIGNIFICANT_TRAUMA, A)}),
    ],
)
def test_an_accident_with_the_toilet_is_loss_of_control(locale, line, expected):
    assert mentions(line, locale) == expected


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        # a loose sample naming an injury, where the lexicon reads a loss of control: the lexicon's
        ("es-US", "mi mamá tuvo un accidente en los pantalones y eso a ella nunca le pasa", S.BLADDER_BOWEL_CONTROL),
        ("en-US", "every time i stand up my knee buckles", S.MUSCLE_WEAKNESS),
    ],
)
def test_the_lexicons_sign_overrules_a_loose_sample_naming_another(locale, line, sign):
    found = load_matcher(locale).match(line)
    assert found.intent == "ReportSymptomIntent"
    assert {fill.value_id for fill in found.slots.values() if fill} == {sign.value}

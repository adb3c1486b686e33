"""How a spasm started, and clauses that leave their predicate out.

An everyday start ("i sneezed", "me agaché a recoger un calcetín", "out of
nowhere") says it did not start with a serious injury; negated ("i didn't
lift anything") it says nothing, and beside an injury ("me caí de la escalera
cargando una caja") the injury is reported. A function said with "too" or
"también" and no predicate ("el equilibrio bien y la fuerza también") takes
the polarity of the clause before it. Also: "fiebre nada" denies, "dormir"
(to sleep) is no numbness, a scale is weight, a weak trickle is trouble
urinating, "ni nada" closes its clause, "..., pero yo no" is a no, "nothing's
improving" is no improvement, an animal after a finding is only its object,
and a loose report takes every sign the lexicon reports in the line."""

from __future__ import annotations

import pytest

from skill.core.lexicon import Polarity, read
from skill.core.rules import Symptom
from skill.tools.nlu import load
from skill.tools.paths import model_path
from tests.support import lexicon_mentions as mentions

A, N, H = Polarity.AFFIRMED, Polarity.NEGATED, Polarity.HEDGED
S = Symptom
NO_INJURY = {(S.SIGNIFICANT_TRAUMA, N)}


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "no i just sneezed and it went"),
        ("en-US", "i just bent over to get the paper"),
        ("en-US", "it came on out of the blue"),
        ("en-US", "i must have slept wrong"),
        ("en-US", "it went when i was reaching for a pan"),
        ("es-US", "me dio estornudando imagínese"),
        ("es-US", "nomás me agaché a recoger un calcetín y ahí quedé"),
        ("es-US", "fue por dormir chueco en el sillón"),
        ("es-US", "ella estaba lavando trastes y de repente le dio"),
        ("es-US", "nomás amanecí así"),
    ],
)
def test_an_everyday_start_is_no_serious_injury(locale, line):
    assert mentions(line, locale) == NO_INJURY


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "nah i just bent over to tie my shoe"),
        ("es-US", "no nomás me agaché a amarrarme los zapatos"),
    ],
)
def test_a_no_and_an_everyday_start_deny_the_injury(locale, line):
    match = load(model_path(locale)).match(line)
    assert (match.intent, [fill.value_id for fill in match.slots.values() if fill]) == ("DenySymptomIntent", ["SIGNIFICANT_TRAUMA"])


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "i didn't lift anything"),
        ("es-US", "no me agaché ni nada"),
    ],
)
def test_an_everyday_start_negated_says_nothing(locale, line):
    assert mentions(line, locale) == set()


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "i was lifting a box and fell down the stairs"),
        ("es-US", "me caí de la escalera cargando una caja"),
        ("es-US", "me resbalé en el hielo de repente y caí de espaldas"),
    ],
)
def test_an_injury_beside_an_everyday_start_is_reported(locale, line):
    assert S.SIGNIFICANT_TRAUMA in read(line, locale).reported


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        ("es-US", "el equilibrio bien y la fuerza también", {(S.BALANCE_COORDINATION, N), (S.MUSCLE_WEAKNESS, N)}),
        ("es-US", "no tengo fiebre y el peso tampoco", {(S.FEVER, N), (S.WEIGHT_LOSS, N)}),
        ("en-US", "my balance is fine and my strength too", {(S.BALANCE_COORDINATION, N), (S.MUSCLE_WEAKNESS, N)}),
        ("en-US", "no fever and my weight neither", {(S.FEVER, N), (S.WEIGHT_LOSS, N)}),
        # a report before it: the function left without its predicate is reported too
        ("es-US", "se me van las piernas y el equilibrio también", {(S.MUSCLE_WEAKNESS, A), (S.BALANCE_COORDINATION, A)}),
        ("en-US", "my legs are weak and my balance too", {(S.MUSCLE_WEAKNESS, A), (S.BALANCE_COORDINATION, A)}),
    ],
)
def test_a_function_said_with_too_takes_the_clause_before(locale, line, expected):
    assert mentions(line, locale) == expected


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("es-US", "la fuerza también"),  # nothing before it to take a polarity from
        ("en-US", "my strength too"),
        ("es-US", "la fuerza también me preocupa"),  # a predicate of its own
    ],
)
def test_no_ellipsis_without_a_clause_before_or_with_a_predicate(locale, line):
    assert mentions(line, locale) == set()


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        ("es-US", "al contrario subí de peso y fiebre nada", {(S.WEIGHT_LOSS, N), (S.FEVER, N)}),
        ("es-US", "no puedo dormir del dolor", set()),
        ("es-US", "se me durmió la pierna", {(S.LIMB_NUMBNESS, A)}),
        ("es-US", "la báscula dice lo mismo que el mes pasado", {(S.WEIGHT_LOSS, N)}),
        ("es-US", "la báscula no ha cambiado y la temperatura normal", {(S.WEIGHT_LOSS, N), (S.FEVER, N)}),
        ("en-US", "the scale says the same", {(S.WEIGHT_LOSS, N)}),
        ("es-US", "el chorrito me sale bien flojito y tarda en arrancar", {(S.URINATION_DIFFICULTY, A)}),
        ("es-US", "mi esposo me aprieta la mano igual de fuerte que siempre", {(S.MUSCLE_WEAKNESS, N)}),
        ("es-US", "el dolor sigue igual de fuerte", {(S.NOT_IMPROVING, A)}),
        ("es-US", "las piernas las tengo fuertes todavía cargo mis costales", {(S.MUSCLE_WEAKNESS, N)}),
        ("es-US", "hoy ya me pude poner los calcetines solo", {(S.NOT_IMPROVING, N)}),
        ("es-US", "todo lo sentí clarito", {(S.LIMB_NUMBNESS, N)}),
        ("es-US", "mi papá va al baño solito", {(S.BLADDER_BOWEL_CONTROL, N)}),
        ("es-US", "no solo el dolor pero sentir sí siento", {(S.LIMB_NUMBNESS, N)}),
        ("es-US", "me tomé la temperatura y estaba normal", {(S.FEVER, N)}),
        ("es-US", "creo que sí me siento calientito", {(S.FEVER, H)}),  # "sí me siento" is no feeling kept
        # "ni nada" closes its clause: the normal state after it is no "nada" flipping it
        ("es-US", "no me he caído ni nada camino bien", {(S.SIGNIFICANT_TRAUMA, N), (S.BALANCE_COORDINATION, N)}),
    ],
)
def test_everyday_words_read_as_meant(locale, line, expected):
    assert mentions(line, locale) == expected


def test_a_normal_state_negated_after_a_report_keeps_the_report():
    assert S.BALANCE_COORDINATION in read("ando bien torpe no camino bien", "es-US").reported


@pytest.mark.parametrize(
    ("locale", "line", "intent"),
    [
        ("es-US", "mi tía sí tuvo eso pero yo no", "AMAZON.NoIntent"),
        ("es-US", "a mi mamá le pasó pero a mí no", "AMAZON.NoIntent"),
        ("en-US", "my sister had that but i haven't", "AMAZON.NoIntent"),
        ("es-US", "mi mamá no pero yo sí", "AMAZON.YesIntent"),
    ],
)
def test_someone_else_and_then_me_is_my_answer(locale, line, intent):
    assert load(model_path(locale)).match(line).intent == intent


def test_a_sign_reported_beside_but_i_dont_stays_a_report():
    # the verdict gives way to a sign read in the line: to be safe, still a report
    match = load(model_path("en-US")).match("my legs are numb but i don't know why")
    assert match.intent == "ReportSymptomIntent"


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        ("en-US", "i've babied this thing for a week and a half and nothing's improving", {(S.NOT_IMPROVING, A)}),
        ("en-US", "nothing has helped", {(S.NOT_IMPROVING, A)}),
        ("en-US", "nothing improving", {(S.NOT_IMPROVING, A)}),  # the slot's words as chat sends them
        ("en-US", "nothing, it's getting better", {(S.NOT_IMPROVING, N)}),
        ("es-US", "nada me ayuda", {(S.NOT_IMPROVING, A)}),
        ("en-US", "she doesn't feel warm at all", {(S.FEVER, N)}),
        ("en-US", "he pees fine", {(S.BLADDER_BOWEL_CONTROL, N), (S.URINATION_DIFFICULTY, N)}),
        # an animal after the finding is its object; before it, the subject: no one the check is for
        ("en-US", "my legs are strong as ever i walked the dog this morning", {(S.MUSCLE_WEAKNESS, N)}),
        ("en-US", "my dog has a fever", set()),
        ("es-US", "mi perro no puede caminar bien", set()),
    ],
)
def test_nothing_as_a_subject_warmth_and_animals(locale, line, expected):
    assert mentions(line, locale) == expected


def _signs(match):
    return (match.intent, sorted(fill.value_id for fill in match.slots.values() if fill))


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        ("es-US", "el pie me arrastra y tengo los dedos dormidos", ["LIMB_NUMBNESS", "MUSCLE_WEAKNESS"]),
        ("en-US", "ever since the car wreck i can't stand up straight", ["CANNOT_SIT_OR_STAND", "SIGNIFICANT_TRAUMA"]),
    ],
)
def test_a_loose_report_takes_every_sign_the_lexicon_reports(locale, line, expected):
    assert _signs(load(model_path(locale)).match(line)) == ("ReportSymptomIntent", expected)


def test_a_loose_denial_takes_no_sign_the_line_does_not_deny_as_asked():
    # "del baño todo normal" is about control; the trouble starting it also denies is not added to the denial
    assert _signs(load(model_path("es-US")).match("del baño todo normal gracias a dios")) == ("DenySymptomIntent", ["BLADDER_BOWEL_CONTROL"])


@pytest.mark.parametrize(
    ("locale", "line", "intent"),
    [
        # a caregiver's echo and what only colours a yes or a no
        ("es-US", "sí él sí", "AMAZON.YesIntent"),
        ("es-US", "sí mi esposo sí", "AMAZON.YesIntent"),
        ("es-US", "ella no", "AMAZON.NoIntent"),
        ("es-US", "no afortunadamente", "AMAZON.NoIntent"),
        ("es-US", "pues sí todavía", "AMAZON.YesIntent"),
        ("es-US", "ujum", "AMAZON.YesIntent"),
        ("es-US", "medio que sí", "AMAZON.YesIntent"),
        ("en-US", "no my husband hasn't", "AMAZON.NoIntent"),
        ("en-US", "yes still", "AMAZON.YesIntent"),
    ],
)
def test_a_yes_or_no_with_who_it_is_about(locale, line, intent):
    assert load(model_path(locale)).match(line).intent == intent


def test_a_sign_said_of_a_caregivers_person_is_still_read():
    assert load(model_path("es-US")).match("mi esposo no se puede parar").intent == "ReportSymptomIntent"


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "my wife's the one with the numb feet not me"),
        ("es-US", "mi hermano tuvo eso de no aguantar la orina pero yo no gracias a dios"),
    ],
)
def test_a_report_the_speaker_sets_apart_from_themself_is_asked_again(locale, line):
    # someone else's sign, or the check is for that person: never taken as a no, asked again in other words
    assert load(model_path(locale)).match(line).intent == "NotSureIntent"


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "i'm wobbly on my feet like i've had a few drinks but i haven't"),
        ("en-US", "my legs are numb but i don't know why"),
        ("es-US", "no siento las piernas"),
    ],
)
def test_a_report_not_set_apart_stays_a_report(locale, line):
    assert load(model_path(locale)).match(line).intent == "ReportSymptomIntent"

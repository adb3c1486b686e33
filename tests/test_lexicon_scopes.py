"""ConText scopes the lexicon adds beyond the plain triggers: a feeling whose
object is the question ("I don't feel any of that") is a no; a joiner inside a
finding ("pins and needles") splits no clause; a normal finding ("steady on my
feet") denies its sign unless negated right before it, when it reports it."""

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
        ("es-US", "no siento nada de eso"),
        ("es-US", "no siento nada parecido"),
        ("en-US", "I can't feel any of that"),
        ("en-US", "nope, I don't feel anything like that"),
    ],
)
def test_a_feeling_denied_of_the_question_is_a_no(locale, line):
    reading = read(line, locale)
    assert reading.answers_no and not reading.reported
    assert load_matcher(locale).match(line).intent == "AMAZON.NoIntent"


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        # nothing stands for the question: a loss of feeling, reported
        ("es-US", "no siento nada", S.LIMB_NUMBNESS),
        ("en-US", "I can't feel anything", S.LIMB_NUMBNESS),
        ("en-US", "I can't feel my feet", S.LIMB_NUMBNESS),
    ],
)
def test_a_feeling_lost_with_no_anaphor_is_still_a_report(locale, line, sign):
    assert sign in read(line, locale).reported
    assert not read(line, locale).answers_no


def test_only_perception_takes_the_question_as_its_object():
    # "I can't hold any of it": control of the bladder lost, not a no
    assert not read("I can't hold any of it").answers_no


def test_a_joiner_inside_a_finding_splits_no_clause():
    assert mentions("no pins and needles in my hands or feet") == {(S.LIMB_NUMBNESS, N)}
    assert mentions("pins and needles in my feet") == {(S.LIMB_NUMBNESS, A)}


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        ("en-US", "no i'm steady on my feet", {(S.BALANCE_COORDINATION, N)}),
        ("en-US", "i'm not steady on my feet", {(S.BALANCE_COORDINATION, A)}),  # "not steady" is a finding of its own
        ("en-US", "the rest is helping it's a lot better", {(S.NOT_IMPROVING, N)}),
        ("en-US", "it's not getting better", {(S.NOT_IMPROVING, A)}),
        ("en-US", "if anything i've put on a few pounds", {(S.WEIGHT_LOSS, N)}),
        ("es-US", "las piernas tienen su fuerza de siempre", {(S.MUSCLE_WEAKNESS, N)}),
        ("es-US", "siento bien los pies y las manos", {(S.LIMB_NUMBNESS, N)}),
        # "no (la) siento" is itself a loss of feeling: the clitic between does not hide it
        ("es-US", "mi pierna no la siento bien", {(S.LIMB_NUMBNESS, A)}),
        ("es-US", "ha mejorado bastante", {(S.NOT_IMPROVING, N)}),
        ("es-US", "no ha mejorado", {(S.NOT_IMPROVING, A)}),
        # a clause's first "no" is the answer, not a negation of the normal finding
        ("es-US", "no, los siento igual", {(S.ONE_SIDED_NUMBNESS, N)}),
    ],
)
def test_a_normal_finding_denies_unless_negated_right_before_it(locale, line, expected):
    assert mentions(line, locale) == expected


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # a feeling denied right before a finding negates it
        ("en-US", "I can't feel any weakness", {(S.MUSCLE_WEAKNESS, N)}),
        ("es-US", "no siento debilidad", {(S.MUSCLE_WEAKNESS, N)}),
        # two findings apart, or both negative in form: two reports
        ("en-US", "i can't grip my cup my hand's just gone weak", {(S.MUSCLE_WEAKNESS, A)}),
        ("es-US", "la pierna no le responde que no la puede alzar", {(S.MUSCLE_WEAKNESS, A)}),
    ],
)
def test_a_feeling_denied_negates_only_the_finding_right_after_it(locale, line, expected):
    assert mentions(line, locale) == expected


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "one half of me feels dead the other half's fine"),
        ("es-US", "del lado izquierdo no tengo sensación el otro lado está normal"),
    ],
)
def test_the_other_side_said_fine_ends_the_scope(locale, line):
    assert S.ONE_SIDED_NUMBNESS in read(line, locale).reported


@pytest.mark.parametrize(
    ("locale", "line", "intent"),
    [
        ("en-US", "yes she does", "AMAZON.YesIntent"),
        ("en-US", "no he hasn't", "AMAZON.NoIntent"),
        ("en-US", "no thank goodness", "AMAZON.NoIntent"),
        ("en-US", "he does", "AMAZON.FallbackIntent"),  # an echo with no yes or no: no answer
        ("es-US", "no mija", "AMAZON.NoIntent"),
        ("es-US", "no gracias a dios", "AMAZON.NoIntent"),
        ("es-US", "pos sí mijo", "AMAZON.YesIntent"),
    ],
)
def test_a_yes_or_no_with_an_echo_a_thanks_or_a_name_is_an_answer(locale, line, intent):
    assert load_matcher(locale).match(line).intent == intent


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("es-US", "no controlo cuando voy al baño", Symptom.BLADDER_BOWEL_CONTROL),
        ("en-US", "no control anymore when i go to the bathroom", Symptom.BLADDER_BOWEL_CONTROL),
    ],
)
def test_a_sign_beats_a_guessed_question_in_a_line_not_asked_as_one(locale, line, sign):
    match = load_matcher(locale).match(line)
    assert (match.intent, {fill.value_id for fill in match.slots.values() if fill}) == ("ReportSymptomIntent", {sign.name})


@pytest.mark.parametrize(
    ("locale", "line", "intent"),
    [("en-US", "what causes numbness in the legs", "CausesIntent"), ("es-US", "cuánto duran los espasmos", "HowLongIntent")],
)
def test_a_question_asked_as_one_stays_the_question(locale, line, intent):
    assert load_matcher(locale).match(line).intent == intent


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # a no said again answers; a finding negative in form after it is still reported
        ("en-US", "no no i can't feel my legs", {(S.LIMB_NUMBNESS, A)}),
        ("es-US", "no no siento las piernas", {(S.LIMB_NUMBNESS, A)}),
        ("es-US", "no no me puedo sentar derecho", {(S.CANNOT_SIT_OR_STAND, A)}),
        # ... and the last no still negates what follows it
        ("en-US", "no no fever", {(S.FEVER, N)}),
        ("en-US", "no no tingling in my arms or legs", {(S.LIMB_NUMBNESS, N)}),
        ("es-US", "no no me caí ni nada", {(S.SIGNIFICANT_TRAUMA, N)}),
        # relief said as a double negation stays relief
        ("en-US", "no not improving", {(S.NOT_IMPROVING, N)}),
        # a normal state after a no said again is still a denial
        ("es-US", "no no del baño estoy bien lo controlo todo", {(S.BLADDER_BOWEL_CONTROL, N)}),
    ],
)
def test_a_no_said_again_answers_and_the_last_one_negates(locale, line, expected):
    assert mentions(line, locale) == expected


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # the no negates the finding right after it, not a normal state after that
        ("es-US", "no tiene nada entumido ella siente todo normal", {(S.LIMB_NUMBNESS, N)}),
        # with no finding between, a negation a few words before a normal state still reports it
        ("en-US", "i don't think i can stand up", {(S.CANNOT_SIT_OR_STAND, H)}),
    ],
)
def test_a_negation_with_a_finding_between_does_not_reach_a_normal_state(locale, line, expected):
    assert mentions(line, locale) == expected


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # a limb felt, or control kept, is the sign's normal state: a denial
        ("es-US", "no él siente las piernas y los brazos perfecto", {(S.LIMB_NUMBNESS, N)}),
        ("en-US", "he's got feeling in his feet and everything", {(S.LIMB_NUMBNESS, N)}),
        ("es-US", "controlo bien todo", {(S.BLADDER_BOWEL_CONTROL, N)}),
        # the object of a negated finding does not flip a normal state after it
        ("es-US", "no se me ha salido nada controlo bien", {(S.BLADDER_BOWEL_CONTROL, N)}),
        # a finding said with the limb still reports; the ability negated reports
        ("es-US", "siento las piernas dormidas", {(S.LIMB_NUMBNESS, N), (S.LIMB_NUMBNESS, A)}),
        ("es-US", "no siento las piernas", {(S.LIMB_NUMBNESS, A)}),
        ("en-US", "i've got no feeling in my feet", {(S.LIMB_NUMBNESS, A)}),
    ],
)
def test_a_limb_felt_or_control_kept_denies(locale, line, expected):
    assert mentions(line, locale) == expected
    if (S.LIMB_NUMBNESS, A) in expected:
        assert read(line, locale).reported == [S.LIMB_NUMBNESS]

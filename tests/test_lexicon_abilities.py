"""A finding negative in form said without its negation is the ability kept,
the normal state of its sign ("i can hold it", "puedo levantar el pie"): a
denial. A negation a few words before such a normal finding reaches it, and
then, to be safe, it is a report ("mi mamá no cree que puede pararse", "i don't think i
can stand up"); the clause's opening no answers the question instead ("no, i can
walk fine"). A word that says the ability is delayed or scant flips it ("before
i can get it started", "apenas puedo levantarme")."""

from __future__ import annotations

import pytest

from skill.core import lexicon
from skill.core.lexicon import Polarity, forms
from skill.core.rules import Symptom
from skill.tools.alexa.device import load_matcher
from tests.support import Dialog, is_emergency_advice, lexicon_mentions

A, N, H = Polarity.AFFIRMED, Polarity.NEGATED, Polarity.HEDGED
S = Symptom


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("en-US", "i can squeeze and lift just like always", S.MUSCLE_WEAKNESS),
        ("en-US", "i can hold it fine", S.BLADDER_BOWEL_CONTROL),
        ("en-US", "she can walk straight", S.BALANCE_COORDINATION),
        ("en-US", "he can straighten up", S.CANNOT_SIT_OR_STAND),
        ("es-US", "puedo levantar el pie", S.MUSCLE_WEAKNESS),
        ("es-US", "puedo sentir los pies", S.LIMB_NUMBNESS),
        ("es-US", "me puedo enderezar", S.CANNOT_SIT_OR_STAND),
    ],
)
def test_an_ability_kept_denies_its_sign(locale, line, sign):
    assert lexicon_mentions(line, locale) == {(sign, N)}


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("en-US", "i can't hold it", S.BLADDER_BOWEL_CONTROL),
        ("en-US", "it takes forever before i can get it started", S.URINATION_DIFFICULTY),
        ("en-US", "i don't think i can stand up", S.CANNOT_SIT_OR_STAND),
        ("en-US", "i barely can lift my foot", S.MUSCLE_WEAKNESS),
        ("es-US", "mi mamá no cree que puede pararse", S.CANNOT_SIT_OR_STAND),
        ("es-US", "apenas puedo levantarme", S.CANNOT_SIT_OR_STAND),
        ("es-US", "casi no puedo levantar el pie", S.MUSCLE_WEAKNESS),
        ("es-US", "tampoco me puedo parar", S.CANNOT_SIT_OR_STAND),
        ("es-US", "nunca puedo levantar el pie", S.MUSCLE_WEAKNESS),
    ],
)
def test_an_ability_negated_delayed_or_scant_is_a_report(locale, line, sign):
    assert sign in lexicon.read(line, locale).reported


@pytest.mark.parametrize(
    ("locale", "line", "sign"),
    [
        ("en-US", "no i can walk fine", S.BALANCE_COORDINATION),
        ("en-US", "nothing wrong she walks fine", S.BALANCE_COORDINATION),
        ("es-US", "no ella camina bien", S.BALANCE_COORDINATION),
        ("es-US", "no ella se puede enderezar", S.CANNOT_SIT_OR_STAND),
    ],
)
def test_the_opening_no_answers_and_leaves_the_normal_state_a_denial(locale, line, sign):
    assert lexicon_mentions(line, locale) == {(sign, N)}


def test_a_report_beside_an_ability_kept_is_still_reported():
    # "i can feel" is kept, the tingling in the toes is not: the report stands.
    assert lexicon.read("i can feel tingling in my toes").reported == [S.LIMB_NUMBNESS]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (("can", "not", "hold", "it"), ("can", "hold", "it")),
        (("no", "puedo", "levantar", "el", "pie"), ("puedo", "levantar", "el", "pie")),
        (("no", "siento"), None),  # one word says too little
        (("can", "not", "pick", "*", "up"), None),  # a wildcard is no phrase to say
        (("numb",), None),  # no negation to take out
    ],
)
def test_the_affirmed_form_of_a_phrase(phrase, expected):
    leads = {("can", "not"): ("can",), ("no",): ()}
    assert forms.affirmed(phrase, leads) == expected


@pytest.mark.parametrize(("locale", "line"), [("en-US", "i can squeeze and lift just like always"), ("en-US", "i can straighten up")])
def test_a_denial_found_by_taking_a_negation_out_keeps_the_words_as_said(locale, line):
    # The Lambda reads a denial's words for a finding negative in form: the toggled
    # words ("can not squeeze") would have been a report of muscle weakness, and 911.
    match = load_matcher(locale).match(line)
    assert match.intent == "DenySymptomIntent"
    session = Dialog(locale=locale)
    session.launch()
    session.yes()
    session.intent(match.intent, match.slots)
    assert not is_emergency_advice(session)

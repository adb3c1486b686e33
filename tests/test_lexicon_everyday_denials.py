"""Everyday denials that had been heard as reports, and a weak stream: a no
right before a subject is an interjection wherever it stands ("mi papá, no,
él se aguanta bien"); a normal state that opens with its own negation is one
negation with a no before it ("no llevo ni una semana", negative concord);
"bien de temperatura" is a fever denied; "ni tantito" alone is a no, not "not
a bit better"; a weak stream is trouble urinating, not weak legs; "no, para nada" is an
answer, not a negation of the state said after it; "ni la pierna se me
adormece" denies, "no, la pierna se me adormece" reports."""

from __future__ import annotations

import pytest

from skill.core.lexicon import Polarity
from skill.core.rules import Symptom
from skill.tools.nlu import load
from skill.tools.paths import model_path
from tests.support import lexicon_mentions as mentions

A, N, H = Polarity.AFFIRMED, Polarity.NEGATED, Polarity.HEDGED
S = Symptom


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        ("es-US", "mi papá no él se aguanta bien", {(S.BLADDER_BOWEL_CONTROL, N)}),
        ("es-US", "mi mamá no ella camina bien", {(S.BALANCE_COORDINATION, N)}),
        ("en-US", "my mom no she walks fine", {(S.BALANCE_COORDINATION, N)}),
        ("es-US", "todavía no llevo ni una semana", {(S.NOT_IMPROVING, N)}),
        ("es-US", "ella está bien de temperatura", {(S.FEVER, N)}),
        ("es-US", "ni tantito", set()),
        # "no, para nada" answers the question; the normal state after it denies ("tengo fuerza")
        ("es-US", "no para nada tengo fuerza y camino bien", {(S.MUSCLE_WEAKNESS, N), (S.BALANCE_COORDINATION, N)}),
        # a negation that is never an answer, before a clitic-led finding's subject, is the finding's
        ("es-US", "ni el brazo ni la pierna se me adormecen", {(S.LIMB_NUMBNESS, N)}),
        ("es-US", "ningún brazo se me duerme", {(S.LIMB_NUMBNESS, N)}),
        ("es-US", "ni la pierna ni el pie se le doblaron", {(S.MUSCLE_WEAKNESS, N)}),
    ],
)
def test_everyday_denials(locale, line, expected):
    assert mentions(line, locale) == expected


@pytest.mark.parametrize(
    ("locale", "line", "expected"),
    [
        # the negation where the language puts it still reports (a normal state negated: hedged, a report)
        ("es-US", "mi mamá no camina bien", {(S.BALANCE_COORDINATION, H)}),
        ("es-US", "sí señora ni tantito mejor", {(S.NOT_IMPROVING, A)}),
        ("es-US", "el chorro sale bien débil", {(S.URINATION_DIFFICULTY, A)}),
        ("en-US", "my stream is really weak", {(S.URINATION_DIFFICULTY, A)}),
        ("es-US", "tengo las piernas débiles", {(S.MUSCLE_WEAKNESS, A)}),
        # an answering no before the subject is an answer: the finding after it is reported
        ("es-US", "no la pierna se me adormece", {(S.LIMB_NUMBNESS, A)}),
        # no change said of the pain is no improvement; of the weight, weight kept
        ("en-US", "it hasn't changed a bit", {(S.NOT_IMPROVING, A)}),
        ("en-US", "my weight hasn't changed", {(S.WEIGHT_LOSS, N)}),
    ],
)
def test_reports_beside_them_stay_reports(locale, line, expected):
    assert mentions(line, locale) == expected


def test_ni_tantito_is_a_no_to_the_matcher():
    assert load(model_path("es-US")).match("ni tantito").intent == "AMAZON.NoIntent"

"""Whole dialogs through the real Lambda handler: every symptom one-shot, and
every guided answer sequence (the space is small: the first "yes" in the
guided order concludes)."""

from __future__ import annotations

import itertools

import pytest

from skill.core.rules import LEVELS, QUESTION_ORDER, Level, Symptom
from skill.core.speech import for_locale
from tests.support import (
    EMERGENCY_NUMBER,
    PHONE,
    Dialog,
    is_emergency_advice,
    is_see_doctor_advice,
    is_self_care_advice,
)

EN = for_locale("en-US")
EMERGENCY_SIGNS = [s for s in Symptom if LEVELS[s] is Level.EMERGENCY]
SEE_DOCTOR_SIGNS = [s for s in Symptom if LEVELS[s] is Level.SEE_DOCTOR]


def question_text(symptom: Symptom) -> str:
    return EN.text(f"symptoms.{symptom.value}.question")


def name(symptom: Symptom) -> str:
    return EN.text(f"symptoms.{symptom.value}.name")


def start_guided(dialog: Dialog) -> None:
    dialog.launch()
    assert "not a diagnosis" in dialog.said.lower() or "can't diagnose" in dialog.said.lower()
    assert EMERGENCY_NUMBER in dialog.said
    dialog.yes()


# Ways to answer one question; each is (moves, counts as yes?).
YES_WAYS = {
    "yes": (("yes",), False),
    "unsure-then-yes": (("not_sure", "yes"), False),
    "unsure-twice": (("not_sure", "not_sure"), True),
}
NO_WAYS = {"no": ("no",), "unsure-then-no": ("not_sure", "no")}


def answer(dialog: Dialog, moves) -> None:
    for move in moves:
        asked = dialog.asking
        getattr(dialog, move)()
        if move == "not_sure" and not dialog.ended and dialog.asking == asked:
            # First "not sure": the same question again, in other words.
            assert dialog.said == EN.text(f"symptoms.{asked}.explain")


# Every guided path: k plain "no"s, then at question k one of the yes ways or
# (when k is past the last question) self-care.
GUIDED_PATHS = [
    (k, way) for k in range(len(QUESTION_ORDER)) for way in YES_WAYS
] + [(len(QUESTION_ORDER), None)]


@pytest.mark.parametrize("k,way", GUIDED_PATHS, ids=lambda v: str(v))
def test_every_guided_path(k, way):
    dialog = Dialog()
    start_guided(dialog)
    asked = []
    for symptom in QUESTION_ORDER[:k]:
        asked.append(dialog.asking)
        assert dialog.reprompt == question_text(symptom)
        assert not dialog.ended
        dialog.no()
    if way is None:  # every answer "no"
        assert asked == [s.value for s in QUESTION_ORDER]
        assert len(asked) <= 12
        assert is_self_care_advice(dialog)
        assert "week" in dialog.said
        return
    symptom = QUESTION_ORDER[k]
    assert dialog.asking == symptom.value
    moves, counted_unsure = YES_WAYS[way]
    answer(dialog, moves)
    assert dialog.ended
    if LEVELS[symptom] is Level.EMERGENCY:
        assert is_emergency_advice(dialog)
        assert dialog.card["title"] == f"Call {EMERGENCY_NUMBER} now"
    else:
        assert is_see_doctor_advice(dialog)
        assert "See a doctor" in dialog.card["title"]
    assert name(symptom) in dialog.said
    assert ("weren't sure" in dialog.said) is counted_unsure


@pytest.mark.parametrize("symptom", QUESTION_ORDER, ids=lambda s: s.value)
@pytest.mark.parametrize("no_way", NO_WAYS)
def test_each_no_way_moves_on(symptom, no_way):
    """"not sure" then "no" at any question is a plain no."""
    dialog = Dialog()
    start_guided(dialog)
    for _earlier in QUESTION_ORDER[: QUESTION_ORDER.index(symptom)]:
        dialog.no()
    assert dialog.asking == symptom.value
    answer(dialog, NO_WAYS[no_way])
    index = QUESTION_ORDER.index(symptom)
    if index + 1 < len(QUESTION_ORDER):
        assert dialog.asking == QUESTION_ORDER[index + 1].value
        assert not dialog.ended
    else:
        assert is_self_care_advice(dialog)


@pytest.mark.parametrize("symptom", list(Symptom), ids=lambda s: s.value)
def test_every_symptom_one_shot(symptom):
    """"Alexa, tell back spasm helper I have ...": a new session, no launch."""
    dialog = Dialog()
    dialog.report(symptom)
    if LEVELS[symptom] is Level.EMERGENCY:
        assert is_emergency_advice(dialog)
        assert name(symptom) in dialog.said
        return
    # Acknowledged at once, then the emergency signs are ruled out first.
    assert "reason to see a doctor" in dialog.said
    assert name(symptom) in dialog.said
    for emergency in EMERGENCY_SIGNS:
        assert dialog.asking == emergency.value
        dialog.no()
    assert is_see_doctor_advice(dialog)
    assert name(symptom) in dialog.said
    assert PHONE in dialog.card["content"]


@pytest.mark.parametrize("symptom", list(Symptom), ids=lambda s: s.value)
def test_every_symptom_reported_mid_check(symptom):
    dialog = Dialog()
    start_guided(dialog)
    dialog.no()
    dialog.report(symptom)
    if LEVELS[symptom] is Level.EMERGENCY:
        assert is_emergency_advice(dialog)
    else:
        assert not dialog.ended
        assert dialog.asking == QUESTION_ORDER[1].value  # the next emergency sign


@pytest.mark.parametrize("first,second", list(itertools.combinations(Symptom, 2)), ids=str)
def test_two_symptoms_in_one_sentence(first, second):
    dialog = Dialog()
    dialog.report(first, second)
    top = max(LEVELS[first], LEVELS[second])
    if top is Level.EMERGENCY:
        assert is_emergency_advice(dialog)
        return
    for _emergency in EMERGENCY_SIGNS:
        dialog.no()
    assert is_see_doctor_advice(dialog)
    assert name(first) in dialog.said and name(second) in dialog.said


@pytest.mark.parametrize(
    "value,not_improving",
    [("P10D", True), ("P7D", True), ("P1W", True), ("P2W", True), ("P1M", True), ("P1Y", True),
     ("PT36H", False), ("P3D", False), ("P6DT23H", False), ("PT90M", False)],
)
def test_duration_answers_the_week_of_rest_question(value, not_improving):
    dialog = Dialog()
    start_guided(dialog)
    for _ in range(len(QUESTION_ORDER) - 1):
        dialog.no()
    assert dialog.asking == Symptom.NOT_IMPROVING.value
    dialog.intent("DurationIntent", {"duration": value})
    if not_improving:
        assert is_see_doctor_advice(dialog)
        assert name(Symptom.NOT_IMPROVING) in dialog.said
    else:
        assert is_self_care_advice(dialog)


@pytest.mark.parametrize("value", ["", "?", "PXD", "ten days", "P", "PT", "P0D", None])
def test_unparseable_duration_reasks(value):
    dialog = Dialog()
    start_guided(dialog)
    dialog.no()
    asked = dialog.asking
    dialog.intent("DurationIntent", {"duration": value})
    assert not dialog.ended
    assert "didn't catch how long" in dialog.said
    assert dialog.asking == asked


def test_duration_one_shot_counts_as_not_improving():
    dialog = Dialog()
    dialog.intent("DurationIntent", {"duration": "P2W"})
    assert "reason to see a doctor" in dialog.said
    assert dialog.asking == QUESTION_ORDER[0].value


def test_see_doctor_sign_then_emergency_sign_is_emergency():
    dialog = Dialog()
    dialog.report(Symptom.FEVER)
    dialog.no()
    dialog.yes()  # muscle weakness
    assert is_emergency_advice(dialog)
    assert name(Symptom.MUSCLE_WEAKNESS) in dialog.said


def test_unsure_twice_on_emergency_still_says_911_first():
    dialog = Dialog()
    start_guided(dialog)
    dialog.not_sure()
    dialog.not_sure()
    assert dialog.said.split(". ")[0] == f"Call {EMERGENCY_NUMBER} now"
    assert "weren't sure" in dialog.said


def test_cards_carry_disclaimer_and_number_with_every_conclusion():
    for setup in (
        lambda d: d.report(Symptom.LIMB_NUMBNESS),
        lambda d: (d.report(Symptom.FEVER), *[d.no() for _ in EMERGENCY_SIGNS]),
        lambda d: (start_guided(d), *[d.no() for _ in QUESTION_ORDER]),
    ):
        dialog = Dialog()
        setup(dialog)
        assert dialog.ended
        assert PHONE in dialog.card["content"]
        assert "not a substitute for professional medical advice" in dialog.card["content"]

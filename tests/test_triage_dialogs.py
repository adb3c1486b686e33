"""Whole dialogs through the real Lambda handler: every symptom one-shot, and
every guided answer sequence (the space is small: the first "yes" in the
guided order concludes). A question may ask several signs of one level: its
answer counts for each, while a sign reported by name counts alone.

Every dialog runs in each supported locale (the `dialog` and `locale`
fixtures), and what is said is compared with that locale's strings."""

from __future__ import annotations

import itertools

import pytest

from skill.core.rules import EMERGENCY_SIGNS, LEVELS, QUESTION_OF, QUESTIONS, Level, Question, Symptom
from tests.support import (
    EMERGENCY_NUMBER,
    PHONE,
    Dialog,
    around,
    is_emergency_advice,
    is_see_doctor_advice,
    is_self_care_advice,
)

SEE_DOCTOR_SIGNS = [s for s in Symptom if LEVELS[s] is Level.SEE_DOCTOR]
EMERGENCY_QUESTIONS = [q for q in QUESTIONS if q.level is Level.EMERGENCY]


def question_text(dialog: Dialog, question: Question) -> str:
    return dialog.words.text(f"questions.{question.id}.ask")


def acknowledged(dialog: Dialog, symptom: Symptom) -> bool:
    """The see-a-doctor sign acknowledged before the emergency questions."""
    return dialog.words.text("ack_see_doctor", names=dialog.name(symptom)) in dialog.said


def counted_unsure(dialog: Dialog) -> bool:
    """Said that a second "not sure" was counted as a yes."""
    return around(dialog.words, "unsure_counted")[0] in dialog.said


def start_guided(dialog: Dialog) -> None:
    dialog.launch()
    assert dialog.words.text("welcome") in dialog.said  # not a diagnosis; in an emergency, call 911
    assert EMERGENCY_NUMBER in dialog.said
    dialog.yes()
    assert dialog.said == question_text(dialog, QUESTIONS[0])  # a "yes" to the offer goes straight to the question


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
            # First "not sure": the same question again, in other words; the reprompt keeps the emergency line.
            assert dialog.said == dialog.words.text(f"questions.{asked}.explain")
            assert dialog.reprompt.startswith(dialog.said) and dialog.reprompt.endswith(dialog.safety_line)


# Every guided path: k plain "no"s, then at question k one of the yes ways or
# (when k is past the last question) self-care.
GUIDED_PATHS = [(k, way) for k in range(len(QUESTIONS)) for way in YES_WAYS] + [(len(QUESTIONS), None)]


@pytest.mark.parametrize("k,way", GUIDED_PATHS, ids=lambda v: str(v))
def test_every_guided_path(k, way, dialog):
    start_guided(dialog)
    asked = []
    for question in QUESTIONS[:k]:
        asked.append(dialog.asking)
        # The question again, then the locale's emergency line, its number a telephone say-as.
        assert dialog.reprompt == f"{question_text(dialog, question)} {dialog.safety_line}"
        reprompt_ssml = dialog.last["response"]["reprompt"]["outputSpeech"]["ssml"]
        assert reprompt_ssml.endswith(f'<say-as interpret-as="telephone">{EMERGENCY_NUMBER}</say-as>.</speak>')
        assert not dialog.ended
        dialog.no()
    if way is None:  # every answer "no"
        assert asked == [q.id for q in QUESTIONS]
        assert len(asked) <= 12
        assert is_self_care_advice(dialog)
        assert dialog.card["title"] == dialog.words.text("advice.SELF_CARE.card_title")
        return
    question = QUESTIONS[k]
    assert dialog.asking == question.id
    moves, unsure = YES_WAYS[way]
    answer(dialog, moves)
    assert dialog.ended
    if question.level is Level.EMERGENCY:
        assert is_emergency_advice(dialog)
        assert dialog.card["title"] == dialog.words.text("advice.EMERGENCY.card_title")
    else:
        assert is_see_doctor_advice(dialog)
        assert dialog.card["title"] == dialog.words.text("advice.SEE_DOCTOR.card_title")
    # The yes counted for each sign the question asks: all are on the card.
    for sign in question.signs:
        assert dialog.name(sign) in dialog.card["content"]
        if question.level is Level.SEE_DOCTOR or unsure:
            assert dialog.name(sign) in dialog.said
    assert counted_unsure(dialog) is unsure


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
@pytest.mark.parametrize("no_way", NO_WAYS)
def test_each_no_way_moves_on(question, no_way, dialog):
    """ "not sure" then "no" at any question is a plain no."""
    start_guided(dialog)
    index = QUESTIONS.index(question)
    for _earlier in QUESTIONS[:index]:
        dialog.no()
    assert dialog.asking == question.id
    answer(dialog, NO_WAYS[no_way])
    if index + 1 < len(QUESTIONS):
        assert dialog.asking == QUESTIONS[index + 1].id
        assert not dialog.ended
    else:
        assert is_self_care_advice(dialog)


def test_emergency_advice_is_short_and_says_the_number_first_and_last(dialog):
    start_guided(dialog)
    dialog.yes()
    assert dialog.said.startswith(dialog.words.text("advice.EMERGENCY.first"))
    assert dialog.said.endswith(dialog.words.text("advice.EMERGENCY.closing"))
    assert EMERGENCY_NUMBER in dialog.words.text("advice.EMERGENCY.closing")
    assert len(dialog.said.split()) <= 15


def test_self_care_advice_speaks_the_call_911_warning_with_every_emergency_sign(dialog):
    """Complete without the card: every emergency sign, in the locale's plain
    words, spoken after the all-"no" check."""
    start_guided(dialog)
    for _question in QUESTIONS:
        dialog.no()
    assert is_self_care_advice(dialog)
    warning = dialog.said[dialog.said.index(around(dialog.words, "advice.SELF_CARE.warning")[0]) :]
    emergency_signs = [s for s in Symptom if LEVELS[s] is Level.EMERGENCY]
    assert len(emergency_signs) == 5
    for sign in emergency_signs:
        assert dialog.words.text(f"symptoms.{sign.value}.plain") in warning, sign
    # The card lists them in the article's words.
    for sign in EMERGENCY_SIGNS:
        assert dialog.name(sign) in dialog.card["content"]


@pytest.mark.parametrize("symptom", list(Symptom), ids=lambda s: s.value)
def test_every_symptom_one_shot(symptom, dialog):
    """ "Alexa, tell back spasm helper I have ...": a new session, no launch."""
    dialog.report(symptom)
    if LEVELS[symptom] is Level.EMERGENCY:
        assert is_emergency_advice(dialog)
        assert dialog.name(symptom) in dialog.card["content"]
        return
    # Acknowledged at once, then the emergency questions are asked first.
    assert acknowledged(dialog, symptom)
    for question in EMERGENCY_QUESTIONS:
        assert dialog.asking == question.id
        dialog.no()
    assert is_see_doctor_advice(dialog)
    assert dialog.name(symptom) in dialog.said
    assert PHONE in dialog.card["content"]


@pytest.mark.parametrize("symptom", list(Symptom), ids=lambda s: s.value)
def test_every_symptom_reported_mid_check(symptom, dialog):
    start_guided(dialog)
    dialog.no()
    dialog.report(symptom)
    if LEVELS[symptom] is Level.EMERGENCY:
        assert is_emergency_advice(dialog)
    else:
        assert not dialog.ended
        assert dialog.asking == QUESTIONS[1].id  # the next emergency question


@pytest.mark.parametrize("first,second", list(itertools.combinations(Symptom, 2)), ids=str)
def test_two_symptoms_in_one_sentence(first, second, dialog):
    dialog.report(first, second)
    top = max(LEVELS[first], LEVELS[second])
    if top is Level.EMERGENCY:
        assert is_emergency_advice(dialog)
        return
    for _emergency in EMERGENCY_QUESTIONS:
        dialog.no()
    assert is_see_doctor_advice(dialog)
    assert dialog.name(first) in dialog.said and dialog.name(second) in dialog.said


@pytest.mark.parametrize(
    "value,not_improving",
    [
        ("P10D", True),
        ("P7D", True),
        ("P1W", True),
        ("P2W", True),
        ("P1M", True),
        ("P1Y", True),
        ("PT36H", False),
        ("P3D", False),
        ("P6DT23H", False),
        ("PT90M", False),
    ],
)
def test_duration_answers_the_week_of_rest_question(value, not_improving, dialog):
    start_guided(dialog)
    for _ in range(len(QUESTIONS) - 1):
        dialog.no()
    assert dialog.asking == QUESTION_OF[Symptom.NOT_IMPROVING].id
    dialog.intent("DurationIntent", {"duration": value})
    if not_improving:
        assert is_see_doctor_advice(dialog)
        assert dialog.name(Symptom.NOT_IMPROVING) in dialog.said
    else:
        assert is_self_care_advice(dialog)


@pytest.mark.parametrize("value", ["", "?", "PXD", "ten days", "P", "PT", "P0D", None])
def test_unparseable_duration_reasks(value, dialog):
    start_guided(dialog)
    dialog.no()
    asked = dialog.asking
    dialog.intent("DurationIntent", {"duration": value})
    assert not dialog.ended
    assert dialog.words.text("unclear_duration") in dialog.said
    assert dialog.asking == asked


def test_duration_one_shot_counts_as_not_improving(dialog):
    dialog.intent("DurationIntent", {"duration": "P2W"})
    assert acknowledged(dialog, Symptom.NOT_IMPROVING)
    assert dialog.asking == QUESTIONS[0].id


def test_see_doctor_sign_then_emergency_sign_is_emergency(dialog):
    dialog.report(Symptom.FEVER)
    dialog.no()
    assert dialog.asking == QUESTION_OF[Symptom.MUSCLE_WEAKNESS].id
    dialog.yes()  # muscle weakness, or loss of balance or coordination
    assert is_emergency_advice(dialog)
    assert dialog.name(Symptom.MUSCLE_WEAKNESS) in dialog.card["content"]


def test_unsure_twice_on_emergency_still_says_911_first(dialog):
    start_guided(dialog)
    dialog.not_sure()
    dialog.not_sure()
    assert dialog.said.split(". ")[0] == dialog.words.text("advice.EMERGENCY.first").removesuffix(".")
    assert counted_unsure(dialog)


def test_cards_carry_disclaimer_and_number_with_every_conclusion(locale):
    for setup in (
        lambda d: d.report(Symptom.LIMB_NUMBNESS),
        lambda d: (d.report(Symptom.FEVER), *[d.no() for _ in EMERGENCY_QUESTIONS]),
        lambda d: (start_guided(d), *[d.no() for _ in QUESTIONS]),
    ):
        dialog = Dialog(locale=locale)
        setup(dialog)
        assert dialog.ended or dialog.offering_reminder  # self-care advice offers a reminder
        assert PHONE in dialog.card["content"]
        assert dialog.card["content"].endswith(dialog.words.text("card_footer"))  # not a diagnosis, not a substitute...


@pytest.mark.parametrize("symptom", [s for q in QUESTIONS if len(q.signs) > 1 for s in q.signs], ids=lambda s: s.value)
def test_a_grouped_sign_reported_by_name_counts_alone(symptom, dialog):
    dialog.report(symptom)
    if LEVELS[symptom] is Level.EMERGENCY:
        assert is_emergency_advice(dialog)
    else:  # advised once the emergency questions are ruled out
        for _ in EMERGENCY_QUESTIONS:
            dialog.no()
        assert is_see_doctor_advice(dialog)
        assert dialog.name(symptom) in dialog.said
    others = [s for s in QUESTION_OF[symptom].signs if s is not symptom]
    assert dialog.name(symptom) in dialog.card["content"]
    for other in others:
        assert dialog.name(other) not in dialog.card["content"]


@pytest.mark.parametrize("question", [q for q in QUESTIONS if len(q.signs) > 1], ids=lambda q: q.id)
def test_a_grouped_question_is_asked_once_and_go_back_undoes_it_whole(question, dialog):
    start_guided(dialog)
    while dialog.asking != question.id:
        dialog.no()
    dialog.no()
    assert dialog.asking != question.id  # its signs were all answered by that one "no"
    dialog.intent("AMAZON.PreviousIntent")
    assert dialog.asking == question.id
    assert dialog.said.endswith(question_text(dialog, question))
    dialog.yes()
    # Emergency questions come first, so a see-doctor group is reached with
    # every emergency sign ruled out: its "yes" is the advice at once.
    assert is_emergency_advice(dialog) if question.level is Level.EMERGENCY else is_see_doctor_advice(dialog)

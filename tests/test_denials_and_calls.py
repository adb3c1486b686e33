"""Denials ("I don't have a fever"), "call 911 for me", and dates as answers
to "how long", through the real Lambda handler with real envelopes, each
dialog in each supported locale (the `dialog` fixture), compared with that
locale's strings."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from skill.core import dates, rules
from skill.core.rules import EMERGENCY_SIGNS, QUESTION_BY_ID, QUESTION_OF, QUESTIONS, SIGN_ORDER, Symptom
from skill.tools.alexa.envelopes import SlotFill
from tests.support import (
    EMERGENCY_NUMBER,
    PHONE,
    Dialog,
    around,
    is_emergency_advice,
    is_see_doctor_advice,
    is_self_care_advice,
)


def deny(dialog: Dialog, *symptoms: Symptom) -> dict:
    slots: dict[str, SlotFill | None] = {"otherSymptom": None}
    slots.update(zip(("symptom", "otherSymptom"), (dialog.symptom_slot(s) for s in symptoms), strict=False))
    return dialog.intent("DenySymptomIntent", slots)


def acknowledged(dialog: Dialog, *symptoms: Symptom, corrected: bool = False) -> str:
    """How a denial said as an aside is acknowledged ("Okay: no fever.")."""
    return dialog.words.text("denied_corrected" if corrected else "denied", names=dialog.words.denials(symptoms))


def guided(dialog: Dialog) -> None:
    dialog.launch()
    dialog.yes()


# ---- denials -----------------------------------------------------------------------


def test_a_denial_of_the_pending_question_answers_it_and_the_check_moves_on(dialog):
    guided(dialog)
    asked = QUESTION_BY_ID[dialog.asking]
    deny(dialog, *asked.signs)
    assert not dialog.ended
    assert dialog.asking != asked.id
    assert around(dialog.words, "denied")[0] not in dialog.said  # answered, not acknowledged as an aside ("Okay: ")


def test_a_denial_of_another_sign_is_acknowledged_and_the_question_asked_again(dialog):
    guided(dialog)
    asked = dialog.asking
    deny(dialog, Symptom.FEVER)
    assert dialog.said.startswith(acknowledged(dialog, Symptom.FEVER))  # "Okay: no fever."
    assert dialog.asking == asked and dialog.said.endswith(dialog.reprompted_question)
    # Recorded: the fever question is never asked in this check.
    for _ in QUESTIONS:
        if dialog.ended:
            break
        assert dialog.asking != Symptom.FEVER.value
        dialog.no()
    assert is_self_care_advice(dialog)


def test_a_denial_corrects_an_earlier_yes(dialog):
    dialog.launch()
    dialog.report(Symptom.FEVER)
    assert dialog.name(Symptom.FEVER) in dialog.said
    deny(dialog, Symptom.FEVER)
    assert dialog.said.startswith(acknowledged(dialog, Symptom.FEVER, corrected=True))  # "Okay, I've changed that: no fever."
    while not dialog.ended and dialog.asking:  # until the advice (self-care then offers a reminder)
        dialog.no()
    assert is_self_care_advice(dialog)


def test_a_denial_before_the_check_starts_it_without_asking_that_sign(dialog):
    dialog.launch()
    deny(dialog, Symptom.BLADDER_BOWEL_CONTROL, Symptom.MUSCLE_WEAKNESS)
    # "Okay: no loss of bladder or bowel control and no muscle weakness."
    assert dialog.said.startswith(acknowledged(dialog, Symptom.BLADDER_BOWEL_CONTROL, Symptom.MUSCLE_WEAKNESS))
    assert dialog.asking not in (Symptom.BLADDER_BOWEL_CONTROL.value, Symptom.MUSCLE_WEAKNESS.value, None)


def test_a_denial_of_an_unrecognised_sign_says_so_and_asks_again(dialog):
    guided(dialog)
    asked = dialog.asking
    dialog.intent("DenySymptomIntent", {"symptom": SlotFill("purple toes", slot_type="SymptomType")})
    assert dialog.said.startswith(dialog.words.text("unknown_symptom"))
    assert dialog.asking == asked


@pytest.mark.parametrize("kept", list(Symptom))
def test_denials_never_give_self_care_while_a_sign_is_unanswered(kept, dialog):
    # Every sign but one denied, two at a time, in every order the pairs fall:
    # the one left is still asked; self-care only after its "no".
    dialog.launch()
    others = [s for s in SIGN_ORDER if s is not kept]
    for pair in itertools.zip_longest(others[::2], others[1::2]):
        deny(dialog, *[s for s in pair if s])
        assert not is_self_care_advice(dialog), dialog.said
    assert dialog.asking == QUESTION_OF[kept].id  # its question, whole
    dialog.no()
    assert is_self_care_advice(dialog)


@pytest.mark.parametrize("sign", EMERGENCY_SIGNS)
def test_a_sign_denied_then_reported_is_still_an_emergency(sign, dialog):
    dialog.launch()
    deny(dialog, sign)
    dialog.report(sign)
    assert is_emergency_advice(dialog)


# ---- call for help -------------------------------------------------------------------


@pytest.mark.parametrize("before", ["nothing", "launch", "guided", "see_doctor"])
def test_call_for_help_says_to_call_911_from_a_phone_and_ends(before, dialog):
    if before != "nothing":
        dialog.launch()
    if before in ("guided", "see_doctor"):
        dialog.yes()
    if before == "see_doctor":
        dialog.report(Symptom.FEVER)
    dialog.intent("CallForHelpIntent")
    assert dialog.said == dialog.words.text("call_for_help")  # call 911 now, from a phone; I can't place calls
    assert EMERGENCY_NUMBER in dialog.said
    assert dialog.ended
    assert "?" not in dialog.said  # offers nothing, asks nothing
    card = dialog.card
    assert card is not None and card["title"] == dialog.words.text("call_for_help_card_title")
    assert EMERGENCY_NUMBER in card["title"] and PHONE in card["content"]


# ---- dates as answers to "how long" ------------------------------------------------


def today() -> date:
    return datetime.now(UTC).date()


def date_answer(dialog: Dialog, value: str) -> None:
    dialog.intent("DurationIntent", {"duration": None, "startDate": SlotFill(value)})


def to_rest_question(dialog: Dialog) -> None:
    guided(dialog)
    while dialog.asking != Symptom.NOT_IMPROVING.value:
        dialog.no()


@pytest.mark.parametrize(
    "start, not_improving",
    [
        (lambda d: d.isoformat(), False),  # "it started this morning"
        (lambda d: (d - timedelta(days=1)).isoformat(), False),  # "since yesterday"
        (lambda d: (d - timedelta(days=10)).isoformat(), True),
        (lambda d: (d - timedelta(days=14)).strftime("%G-W%V"), True),  # "since the week before last"
        (lambda d: (d - timedelta(days=62)).strftime("%Y-%m"), True),  # "since September"
    ],
)
def test_a_start_date_answers_the_week_of_rest_question(start, not_improving, dialog):
    to_rest_question(dialog)
    date_answer(dialog, start(today()))
    assert not dialog.asking  # the advice (self-care then offers a reminder)
    if not_improving:
        assert is_see_doctor_advice(dialog)
    else:
        assert is_self_care_advice(dialog)


def test_an_unreadable_date_asks_again(dialog):
    to_rest_question(dialog)
    date_answer(dialog, "201X")
    assert not dialog.ended and dialog.said.startswith(dialog.words.text("unclear_duration"))
    assert dialog.asking == Symptom.NOT_IMPROVING.value


@pytest.mark.parametrize(
    "value, days",
    [
        ("2026-11-20", 4),
        ("2026-11-30", 1),  # "since Monday": Alexa gave next Monday, meaning last Monday
        ("2026-12-25", 334),  # a date later this year: last year's
        ("2026-W47", 8),
        ("2026-W47-WE", 3),
        ("2026-11", 23),
        ("2026", 327),
        ("PRESENT_REF", 0),
    ],
)
def test_elapsed_since_an_alexa_date(value, days):
    assert dates.elapsed_since(value, date(2026, 11, 24)) == timedelta(days=days)


@pytest.mark.parametrize("value", [None, "", "201X", "2026-WI", "2026-02-30", "2027", "yesterday"])
def test_elapsed_since_rejects_what_it_cannot_read(value):
    assert dates.elapsed_since(value, date(2026, 11, 24)) is None


@pytest.mark.parametrize("question", [q for q in QUESTIONS if len(q.signs) > 1], ids=lambda q: q.id)
def test_a_denial_of_one_sign_of_a_grouped_question_asks_it_again(question, dialog):
    guided(dialog)
    while dialog.asking != question.id:
        dialog.no()
    deny(dialog, question.signs[0])
    assert dialog.said.startswith(acknowledged(dialog, question.signs[0]))  # the other sign is still unanswered
    assert dialog.asking == question.id
    deny(dialog, *question.signs)
    assert dialog.asking != question.id


GROUPED_EMERGENCY_QUESTIONS = [q for q in rules.QUESTIONS if len(q.signs) > 1 and all(s in EMERGENCY_SIGNS for s in q.signs)]


@pytest.mark.parametrize("question", GROUPED_EMERGENCY_QUESTIONS, ids=lambda q: q.id)
def test_a_yes_to_a_question_keeps_a_sign_denied_on_its_own(question, dialog):
    denied, *others = question.signs
    guided(dialog)
    while dialog.asking != question.id:
        dialog.no()
    deny(dialog, denied)
    assert not dialog.ended and dialog.asking == question.id
    dialog.yes()
    assert is_emergency_advice(dialog)
    card = dialog.card["content"]
    assert dialog.name(denied) not in card
    assert all(dialog.name(s) in card for s in others)

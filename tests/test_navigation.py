"""Stop, cancel, help, repeat, start over, go back, fallback, information
intents and bad input, in every state of the conversation (docs/design.md, conversation rule 6)."""

from __future__ import annotations

import logging

import pytest

from skill.core.conversation import Conversation
from skill.core.rules import QUESTIONS, Symptom
from skill.core.speech import for_locale
from skill.tools.envelopes import SlotFill, session_ended_request
from tests.support import EMERGENCY_NUMBER, PHONE, Dialog, symptom_slot

EN = for_locale("en-US")
OFFER = EN.text("offer")
OFFER_REPROMPT = EN.text("offer_reprompt")


def q(index: int) -> str:
    return QUESTIONS[index].id


def question_text(question_id: str) -> str:
    return EN.text(f"questions.{question_id}.ask")


# Each state: how to reach it, the question pending there (None: the offer),
# and how many answers have been given.
STATES = {
    "new_session": (lambda d: None, None, 0),
    "offer": (lambda d: d.launch(), None, 0),
    "first_question": (lambda d: (d.launch(), d.yes()), q(0), 0),
    "mid_check": (lambda d: (d.launch(), d.yes(), d.no(), d.no(), d.no()), q(3), 3),
    "after_see_doctor_sign": (lambda d: d.report(Symptom.FEVER), q(0), 1),
    "after_one_not_sure": (lambda d: (d.launch(), d.yes(), d.no(), d.not_sure()), q(1), 1),
    "last_question": (lambda d: (d.launch(), d.yes(), *[d.no() for _ in QUESTIONS[:-1]]), q(-1), len(QUESTIONS) - 1),
}


def reach(state: str) -> tuple[Dialog, str | None, int]:
    setup, pending, answered = STATES[state]
    dialog = Dialog()
    setup(dialog)
    assert dialog.asking == pending
    return dialog, pending, answered


def pending_text(pending: str | None) -> str:
    return OFFER if pending is None else question_text(pending)


def assert_reasks(dialog: Dialog, pending: str | None) -> None:
    """The session stays open and the pending question is asked again."""
    assert not dialog.ended
    assert dialog.asking == pending
    assert dialog.said.endswith(pending_text(pending))
    assert dialog.reprompt == (OFFER_REPROMPT if pending is None else question_text(pending))


ALL_STATES = list(STATES)


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize("intent", ["AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"])
def test_exit_intents_end_the_session(state, intent):
    dialog, _, _ = reach(state)
    dialog.intent(intent)
    assert dialog.ended
    assert EMERGENCY_NUMBER in dialog.said
    assert dialog.card is None


@pytest.mark.parametrize("state", ALL_STATES)
def test_help_explains_and_reasks(state):
    dialog, pending, _ = reach(state)
    dialog.intent("AMAZON.HelpIntent")
    assert "not a diagnosis" in dialog.said.lower()
    assert EMERGENCY_NUMBER in dialog.said
    assert_reasks(dialog, pending)


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize("intent", ["AMAZON.FallbackIntent", "AMAZON.PauseIntent", "SomethingNewIntent"])
def test_fallback_and_unexpected_intents_reask(state, intent):
    dialog, pending, _ = reach(state)
    dialog.intent(intent)
    assert dialog.said.startswith("Sorry")
    assert_reasks(dialog, pending)


@pytest.mark.parametrize("state", ALL_STATES)
def test_repeat_says_the_last_thing_again(state):
    dialog, pending, _ = reach(state)
    before = dialog.said if dialog.last else None
    dialog.intent("AMAZON.RepeatIntent")
    assert not dialog.ended and dialog.asking == pending
    if before is not None:
        assert dialog.said == before
    else:
        assert dialog.said == OFFER


@pytest.mark.parametrize("state", ALL_STATES)
def test_start_over_asks_the_first_question_afresh(state):
    dialog, _, _ = reach(state)
    dialog.intent("AMAZON.StartOverIntent")
    assert dialog.asking == q(0)
    assert dialog.said.endswith(question_text(q(0)))
    # The earlier answers are gone: all "no" now leads to self-care.
    for _ in QUESTIONS:
        dialog.no()
    assert "No warning signs" in dialog.said


@pytest.mark.parametrize("state", ALL_STATES)
def test_go_back(state):
    dialog, pending, answered = reach(state)
    dialog.intent("AMAZON.PreviousIntent")
    assert not dialog.ended
    if answered == 0:
        assert "nothing to go back to" in dialog.said
        assert_reasks(dialog, pending)
        return
    undone = dialog.asking
    assert dialog.said.endswith(question_text(undone))
    # The undone question is asked again and a new answer replaces the old.
    dialog.no()
    assert dialog.asking != undone


def test_go_back_then_change_answer_to_yes():
    dialog, _, _ = reach("mid_check")
    dialog.intent("AMAZON.PreviousIntent")
    assert dialog.asking == q(2)
    dialog.yes()
    assert dialog.said.startswith(f"Call {EMERGENCY_NUMBER} now.")


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize(
    "intent,expect",
    [
        ("CausesIntent", "tight muscles"),
        ("HowLongIntent", "few days"),
        ("SelfCareIntent", "water"),
        ("ContactIntent", PHONE),
    ],
)
def test_information_intents_answer_then_return(state, intent, expect):
    dialog, pending, _ = reach(state)
    dialog.intent(intent)
    assert expect in dialog.said
    assert_reasks(dialog, pending)
    if pending is not None:
        assert "Back to my question" in dialog.said
    if intent == "ContactIntent":
        assert PHONE in dialog.card["content"]


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize(
    "slots",
    [
        {"symptom": SlotFill("purple elephants", slot_type="SymptomType"), "otherSymptom": None},
        {"symptom": None, "otherSymptom": None},
        {},
    ],
    ids=["unknown-value", "empty-slots", "no-slots"],
)
def test_unrecognized_or_missing_symptom(state, slots):
    dialog, pending, _ = reach(state)
    dialog.intent("ReportSymptomIntent", slots)
    assert not dialog.ended
    assert "didn't recognize that symptom" in dialog.said
    if pending is None:  # they want a check: go through the signs
        assert dialog.asking == q(0)
    else:
        assert_reasks(dialog, pending)


def test_one_known_and_one_unknown_symptom():
    dialog = Dialog()
    dialog.intent(
        "ReportSymptomIntent",
        {"symptom": symptom_slot(Symptom.FEVER), "otherSymptom": SlotFill("a sore toe", slot_type="SymptomType")},
    )
    assert "didn't catch the other symptom" in dialog.said
    assert "reason to see a doctor" in dialog.said


def test_unknown_resolution_id_is_not_trusted():
    dialog = Dialog()
    dialog.intent(
        "ReportSymptomIntent",
        {"symptom": SlotFill("gout", value_id="GOUT", resolved_name="gout", slot_type="SymptomType")},
    )
    assert "didn't recognize" in dialog.said


@pytest.mark.parametrize("intent", ["AMAZON.YesIntent", "AMAZON.NoIntent", "NotSureIntent", "DurationIntent"])
def test_out_of_order_answers_in_a_new_session(intent):
    dialog = Dialog()
    dialog.intent(intent, {"duration": "P3D"} if intent == "DurationIntent" else None)
    if intent == "AMAZON.YesIntent":
        assert dialog.asking == q(0)  # yes to an offer never heard: start
    elif intent == "AMAZON.NoIntent":
        assert dialog.ended
    elif intent == "NotSureIntent":
        assert_reasks(dialog, None)
    else:  # a short duration: not a sign, the check goes on
        assert dialog.asking == q(0)


def test_no_to_the_offer_says_goodbye():
    dialog = Dialog()
    dialog.launch()
    dialog.no()
    assert dialog.ended and EMERGENCY_NUMBER in dialog.said


def test_start_check_intent_starts_from_anywhere():
    dialog = Dialog()
    dialog.intent("StartCheckIntent")
    assert dialog.asking == q(0)
    assert dialog.said.startswith("Okay")


def test_session_ended_request_gets_an_empty_response(lambda_handler):
    response = lambda_handler(session_ended_request("ERROR", error={"type": "INVALID_RESPONSE", "message": "x"}), None)
    assert response["response"] == {} or response["response"] is None or not response["response"].get("outputSpeech")


def test_tampered_session_attributes_do_not_crash():
    dialog = Dialog()
    dialog.launch()
    dialog.attributes = {"triage": {"answers": [["NOPE", "yes"], [1], "x", ["FEVER", "maybe"]], "unsure_once": 5},
                         "asking": "NOT_A_SYMPTOM", "last": "junk"}
    dialog.yes()
    assert dialog.asking == q(0)


def test_catch_all_apologises_keeps_the_question_and_logs_no_symptoms(monkeypatch, caplog):
    dialog, pending, _ = reach("mid_check")

    def broken(self):
        raise RuntimeError("fever and loss of bladder control")

    monkeypatch.setattr(Conversation, "yes", broken)
    with caplog.at_level(logging.DEBUG):
        dialog.yes()
    assert dialog.said.startswith("Sorry, something went wrong")
    assert_reasks(dialog, pending)
    assert "RuntimeError" in caplog.text
    assert "fever" not in caplog.text.lower()


def test_nothing_about_symptoms_is_logged_at_info(caplog):
    with caplog.at_level(logging.INFO):
        dialog = Dialog()
        dialog.report(Symptom.FEVER)
        dialog.intent("DurationIntent", {"duration": "P10D"})
        dialog.yes()
    text = caplog.text.lower()
    assert "intentrequest" in text  # it does log something
    assert "reportsymptomintent" not in text  # but not which intent
    for symptom in Symptom:
        assert symptom.value.lower() not in text
        assert EN.text(f"symptoms.{symptom.value}.name").lower() not in text
    assert "p10d" not in text

"""Stop, cancel, help, repeat, start over, go back, fallback, information
intents and bad input, in every state of the conversation (docs/design.md, conversation rule 6),
in each supported locale (the `dialog` and `locale` fixtures), compared with
that locale's strings."""

from __future__ import annotations

import logging

import pytest

from skill.core.conversation import Conversation
from skill.core.rules import QUESTIONS, Symptom
from skill.tools.alexa.envelopes import SlotFill, session_ended_request
from tests.support import EMERGENCY_NUMBER, PHONE, Dialog, is_self_care_advice


def q(index: int) -> str:
    return QUESTIONS[index].id


def question_text(dialog: Dialog, question_id: str) -> str:
    return dialog.words.text(f"questions.{question_id}.ask")


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


def reach(state: str, locale: str) -> tuple[Dialog, str | None, int]:
    setup, pending, answered = STATES[state]
    dialog = Dialog(locale=locale)
    setup(dialog)
    assert dialog.asking == pending
    return dialog, pending, answered


def pending_text(dialog: Dialog, pending: str | None) -> str:
    return dialog.words.text("offer") if pending is None else question_text(dialog, pending)


def assert_reasks(dialog: Dialog, pending: str | None) -> None:
    """The session stays open and the pending question is asked again."""
    assert not dialog.ended
    assert dialog.asking == pending
    assert dialog.said.endswith(pending_text(dialog, pending))
    assert dialog.reprompted_question == (dialog.words.text("offer_reprompt") if pending is None else question_text(dialog, pending))


ALL_STATES = list(STATES)


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize("intent", ["AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"])
def test_exit_intents_end_the_session(state, intent, locale):
    dialog, _, _ = reach(state, locale)
    dialog.intent(intent)
    assert dialog.ended
    assert dialog.said == dialog.words.text("goodbye")
    assert EMERGENCY_NUMBER in dialog.said
    assert dialog.card is None


@pytest.mark.parametrize("state", ALL_STATES)
def test_help_explains_and_reasks(state, locale):
    dialog, pending, _ = reach(state, locale)
    dialog.intent("AMAZON.HelpIntent")
    assert dialog.said.startswith(dialog.words.text("help"))  # ... not a diagnosis; in an emergency, call 911
    assert EMERGENCY_NUMBER in dialog.said
    assert_reasks(dialog, pending)


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize("intent", ["AMAZON.FallbackIntent", "AMAZON.PauseIntent", "SomethingNewIntent"])
def test_fallback_and_unexpected_intents_reask(state, intent, locale):
    dialog, pending, _ = reach(state, locale)
    dialog.intent(intent)
    assert dialog.said.startswith(dialog.words.text("fallback"))
    assert_reasks(dialog, pending)


@pytest.mark.parametrize("state", ALL_STATES)
def test_repeat_says_the_last_thing_again(state, locale):
    dialog, pending, _ = reach(state, locale)
    before = dialog.said if dialog.last else None
    dialog.intent("AMAZON.RepeatIntent")
    assert not dialog.ended and dialog.asking == pending
    if before is not None:
        assert dialog.said == before
    else:
        assert dialog.said == dialog.words.text("offer")


@pytest.mark.parametrize("state", ALL_STATES)
def test_start_over_asks_the_first_question_afresh(state, locale):
    dialog, _, _ = reach(state, locale)
    dialog.intent("AMAZON.StartOverIntent")
    assert dialog.asking == q(0)
    assert dialog.said.endswith(question_text(dialog, q(0)))
    # The earlier answers are gone: all "no" now leads to self-care.
    for _ in QUESTIONS:
        dialog.no()
    assert is_self_care_advice(dialog)


@pytest.mark.parametrize("state", ALL_STATES)
def test_go_back(state, locale):
    dialog, pending, answered = reach(state, locale)
    dialog.intent("AMAZON.PreviousIntent")
    assert not dialog.ended
    if answered == 0:
        assert dialog.said.startswith(dialog.words.text("nothing_to_go_back"))
        assert_reasks(dialog, pending)
        return
    undone = dialog.asking
    assert dialog.said.endswith(question_text(dialog, undone))
    # The undone question is asked again and a new answer replaces the old.
    dialog.no()
    assert dialog.asking != undone


def test_go_back_then_change_answer_to_yes(locale):
    dialog, _, _ = reach("mid_check", locale)
    dialog.intent("AMAZON.PreviousIntent")
    assert dialog.asking == q(2)
    dialog.yes()
    assert dialog.said.startswith(dialog.words.text("advice.EMERGENCY.first"))


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize(
    "intent,topic",
    [
        ("CausesIntent", "CAUSES"),
        ("HowLongIntent", "HOW_LONG"),
        ("SelfCareIntent", "SELF_CARE"),
        ("ContactIntent", "CONTACT"),
    ],
)
def test_information_intents_answer_then_return(state, intent, topic, locale):
    dialog, pending, _ = reach(state, locale)
    dialog.intent(intent)
    assert dialog.said.startswith(dialog.words.text(f"info.{topic}"))
    assert_reasks(dialog, pending)
    if pending is not None:
        assert dialog.words.text("back_to_question") in dialog.said
    if intent == "ContactIntent":
        assert PHONE in dialog.said
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
def test_unrecognized_or_missing_symptom(state, slots, locale):
    dialog, pending, _ = reach(state, locale)
    dialog.intent("ReportSymptomIntent", slots)
    assert not dialog.ended
    if pending is None:  # they want a check: go through the signs
        assert dialog.said.startswith(dialog.words.text("unknown_symptom_guided"))
        assert dialog.asking == q(0)
    else:
        assert dialog.said.startswith(dialog.words.text("unknown_symptom"))
        assert_reasks(dialog, pending)


def test_one_known_and_one_unknown_symptom(dialog):
    dialog.intent(
        "ReportSymptomIntent",
        {"symptom": dialog.symptom_slot(Symptom.FEVER), "otherSymptom": SlotFill("a sore toe", slot_type="SymptomType")},
    )
    assert dialog.words.text("unknown_other_symptom") in dialog.said
    assert dialog.words.text("ack_see_doctor", names=dialog.name(Symptom.FEVER)) in dialog.said


def test_unknown_resolution_id_is_not_trusted(dialog):
    dialog.intent(
        "ReportSymptomIntent",
        {"symptom": SlotFill("gout", value_id="GOUT", resolved_name="gout", slot_type="SymptomType")},
    )
    assert dialog.said.startswith(dialog.words.text("unknown_symptom_guided"))


@pytest.mark.parametrize("intent", ["AMAZON.YesIntent", "AMAZON.NoIntent", "NotSureIntent", "DurationIntent"])
def test_out_of_order_answers_in_a_new_session(intent, dialog):
    dialog.intent(intent, {"duration": "P3D"} if intent == "DurationIntent" else None)
    if intent == "AMAZON.YesIntent":
        assert dialog.asking == q(0)  # yes to an offer never heard: start
    elif intent == "AMAZON.NoIntent":
        assert dialog.ended
    elif intent == "NotSureIntent":
        assert_reasks(dialog, None)
    else:  # a short duration: not a sign, the check goes on
        assert dialog.asking == q(0)


def test_no_to_the_offer_says_goodbye(dialog):
    dialog.launch()
    dialog.no()
    assert dialog.ended and dialog.said == dialog.words.text("goodbye") and EMERGENCY_NUMBER in dialog.said


def test_start_check_intent_starts_from_anywhere(dialog):
    dialog.intent("StartCheckIntent")
    assert dialog.asking == q(0)
    assert dialog.said.startswith(dialog.words.text("start_check"))


def test_session_ended_request_gets_an_empty_response(lambda_handler, locale):
    error = {"type": "INVALID_RESPONSE", "message": "x"}
    response = lambda_handler(session_ended_request("ERROR", error=error, locale=locale), None)
    assert response["response"] == {} or response["response"] is None or not response["response"].get("outputSpeech")


def test_tampered_session_attributes_do_not_crash(dialog):
    dialog.launch()
    dialog.attributes = {"triage": {"answers": [["NOPE", "yes"], [1], "x", ["FEVER", "maybe"]], "unsure_once": 5}, "asking": "NOT_A_SYMPTOM", "last": "junk"}
    dialog.yes()
    assert dialog.asking == q(0)


def test_catch_all_apologises_keeps_the_question_and_logs_no_symptoms(monkeypatch, caplog, locale):
    dialog, pending, _ = reach("mid_check", locale)

    def broken(self):
        raise RuntimeError("fever and loss of bladder control")

    monkeypatch.setattr(Conversation, "yes", broken)
    with caplog.at_level(logging.DEBUG):
        dialog.yes()
    assert dialog.said.startswith(dialog.words.text("error"))
    assert_reasks(dialog, pending)
    assert "RuntimeError" in caplog.text
    assert "fever" not in caplog.text.lower()


def test_nothing_about_symptoms_is_logged_at_info(caplog, dialog):
    with caplog.at_level(logging.INFO):
        dialog.report(Symptom.FEVER)
        dialog.intent("DurationIntent", {"duration": "P10D"})
        dialog.yes()
    text = caplog.text.lower()
    assert "intentrequest" in text  # it does log something
    assert "reportsymptomintent" not in text  # but not which intent
    for symptom in Symptom:
        assert symptom.value.lower() not in text
        assert dialog.name(symptom).lower() not in text
    assert "p10d" not in text

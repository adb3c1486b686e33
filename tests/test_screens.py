"""Screens and touch through the real Lambda handler, no browser: which
screen each response carries, that a touch is the spoken answer's twin in
every state of the check, and that bad touches get the fallback.
(tests/test_echo_show.py renders the same screens in a real browser.)"""

from __future__ import annotations

import json

import pytest

from skill.core import contract, screen
from skill.core.replies import ScreenKind
from skill.core.rules import EMERGENCY_SIGNS, LEVELS, QUESTIONS, Level, Symptom
from skill.core.speech import for_locale, supported_locales
from skill.tools.alexa.envelopes import intent_request, user_event_request
from tests.support import LAMBDA_HANDLER, Dialog, check_response, check_screen, is_emergency_advice

EN = for_locale("en-US")
ANSWERS = {contract.ANSWER_YES: contract.YES, contract.ANSWER_NO: contract.NO, contract.ANSWER_NOT_SURE: contract.NOT_SURE}


def shown(dialog: Dialog) -> dict:
    (directive,) = dialog.last["response"]["directives"]
    assert directive["token"] == screen.TOKEN
    return directive["datasources"]["screen"]


def spoken_twin(dialog: Dialog, intent: str) -> dict:
    event = intent_request(intent, attributes=dialog.attributes, new=False, screen=True)
    return check_screen(event, check_response(LAMBDA_HANDLER(event, None)))


def touched(dialog: Dialog, arguments: list) -> dict:
    event = user_event_request(arguments, attributes=dialog.attributes, new=False)
    return check_screen(event, check_response(LAMBDA_HANDLER(event, None)))


def test_voice_only_devices_get_no_directive_on_any_path():
    # Dialog checks every response: no directive without the APL interface.
    dialog = Dialog()
    dialog.launch()
    dialog.yes()
    for _ in QUESTIONS:
        dialog.no()
    assert dialog.offering_reminder and "directives" not in dialog.last["response"]
    dialog.no()  # no reminder
    assert dialog.ended and "directives" not in dialog.last["response"]


@pytest.mark.parametrize("k", range(len(QUESTIONS)))
@pytest.mark.parametrize("answer", list(ANSWERS))
def test_a_touched_answer_is_the_spoken_answer_at_every_question(k, answer):
    """k questions answered "no", then the answer touched or spoken: the same
    speech, card, screen and session."""
    dialog = Dialog(screen=True)
    dialog.launch()
    dialog.touch([contract.EVENT_START_CHECK])
    for _ in range(k):
        dialog.touch([contract.EVENT_ANSWER, contract.ANSWER_NO])
    assert dialog.asking == QUESTIONS[k].id
    by_touch = touched(dialog, [contract.EVENT_ANSWER, answer])
    by_voice = spoken_twin(dialog, ANSWERS[answer])
    assert by_touch["response"] == by_voice["response"]
    assert by_touch["sessionAttributes"] == by_voice["sessionAttributes"]


@pytest.mark.parametrize("arguments", sorted(contract.TOUCH_EVENTS, key=str))
def test_every_touch_at_launch_is_its_intents_twin(arguments):
    dialog = Dialog(screen=True)
    dialog.launch()
    assert touched(dialog, list(arguments)) == spoken_twin(dialog, contract.TOUCH_EVENTS[arguments])


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["answer"],
        ["answer", "maybe"],
        ["answer", "yes", "extra"],
        ["ANSWER", "YES"],
        ["info", "WEATHER"],
        ["info"],
        [None],
        [1, 2],
        [["answer", "yes"]],
        [{"answer": "yes"}],
        "answer",
        None,
        {"answer": "yes"},
        5,
        1.5,
        True,
    ],
    ids=repr,
)
def test_unknown_touches_get_the_fallback_and_keep_the_question(arguments):
    dialog = Dialog(screen=True)
    dialog.launch()
    dialog.touch([contract.EVENT_START_CHECK])
    asked = dialog.asking
    dialog.send(user_event_request, arguments)
    assert dialog.said.startswith(EN.text("fallback"))
    assert dialog.asking == asked and not dialog.ended
    assert shown(dialog)["kind"] == ScreenKind.QUESTION.value


def test_progress_counts_the_questions_that_can_still_be_asked():
    dialog = Dialog(screen=True)
    dialog.launch()
    dialog.yes()
    total = len(QUESTIONS)
    for number in range(1, total + 1):
        assert shown(dialog)["progress"] == EN.text("screen.progress", number=str(number), total=str(total))
        dialog.no()
    # A see-doctor sign leaves only the emergency questions.
    dialog = Dialog(screen=True)
    dialog.launch()
    dialog.report(Symptom.FEVER)
    emergency = sum(1 for question in QUESTIONS if question.level is Level.EMERGENCY)
    assert shown(dialog)["progress"] == EN.text("screen.progress", number="1", total=str(emergency))


def test_the_screen_shows_what_was_heard():
    dialog = Dialog(screen=True)
    dialog.launch()
    assert shown(dialog)["heard"] == ""
    dialog.yes()
    dialog.not_sure()
    assert shown(dialog)["heard"] == EN.text("screen.heard", answer=EN.text("screen.heard_answers.not_sure"))
    assert shown(dialog)["question"] == EN.text(f"questions.{dialog.asking}.explain")
    dialog.report(Symptom.FEVER)
    assert shown(dialog)["heard"] == EN.text("screen.heard", answer=EN.text("symptoms.FEVER.name"))


def test_each_conclusion_has_its_screen():
    for symptom, kind in ((Symptom.MUSCLE_WEAKNESS, "emergency"), (Symptom.FEVER, "see_doctor")):
        dialog = Dialog(screen=True)
        dialog.report(symptom)
        while not dialog.ended:
            dialog.no()
        assert shown(dialog)["kind"] == kind
        assert shown(dialog)["title"] == EN.text(f"advice.{LEVELS[symptom].name}.card_title")
    dialog = Dialog(screen=True)
    dialog.launch()
    dialog.yes()
    while not dialog.ended and dialog.asking:  # until the advice (self-care then offers a reminder)
        dialog.no()
    assert shown(dialog)["kind"] == "self_care"
    assert shown(dialog)["lines"] == [EN.text("advice.SELF_CARE.card_text", names=EN.names_or(EMERGENCY_SIGNS))]


def test_touch_yes_to_an_emergency_sign_ends_with_911():
    dialog = Dialog(screen=True)
    dialog.launch()
    dialog.touch([contract.EVENT_START_CHECK])
    dialog.touch([contract.EVENT_ANSWER, contract.ANSWER_YES])
    assert is_emergency_advice(dialog)
    assert shown(dialog)["kind"] == "emergency"


def test_goodbye_and_help_have_screens():
    dialog = Dialog(screen=True)
    dialog.launch()
    dialog.intent(contract.HELP)
    assert shown(dialog)["kind"] == "offer" and EN.text("help") in shown(dialog)["lines"]
    dialog.intent(contract.STOP)
    assert dialog.ended and shown(dialog)["kind"] == "goodbye"


@pytest.mark.parametrize("locale", supported_locales())
def test_datasource_is_plain_text_from_the_locale(locale):
    """No SSML or escapes reach the screen; every label is the locale's."""
    speech = for_locale(locale)
    dialog = Dialog(screen=True, locale=locale)
    dialog.launch()
    dialog.intent(contract.CONTACT)
    data = shown(dialog)
    assert speech.text("info.CONTACT") in data["lines"]
    assert data["labels"] == {name: speech.text(f"screen.labels.{name}") for name in screen.LABELS}
    text = json.dumps(data)
    assert "<" not in text and "&amp;" not in text


def test_documents_are_read_once():
    assert screen.document("question") is screen.document("question")


def test_chat_with_screen_prints_each_screen_and_without_prints_none():
    from tests.test_chat import chat, ok

    with_screen = ok(chat("yes", "no", args=("--screen",))).stdout.splitlines()
    screens = [line for line in with_screen if line.startswith("[Screen: ")]
    assert len(screens) == 3  # launch, "yes", "no"
    assert screens[0].startswith("[Screen: offer] " + EN.text("skill_name"))
    progress = EN.text("screen.progress", number="2", total=str(len(QUESTIONS)))
    heard = EN.text("screen.heard", answer=EN.text("screen.heard_answers.no"))
    assert screens[2] == f"[Screen: question] {heard} | {progress} | {EN.text(f'questions.{QUESTIONS[1].id}.ask')}"
    voice_only = ok(chat("yes", "no")).stdout
    assert "[Screen" not in voice_only

"""Echo Show: every screen rendered by Amazon's APL web renderer in headless
Chromium, read, touched, and the touch fed back through the real Lambda
handler. The screenshots in docs/echo-show/ are made here (with
ECHO_SHOW_SCREENSHOTS=docs/echo-show; otherwise they go to a temporary folder).

One browser for the whole module; each test renders the responses it needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from skill.core import contract
from skill.core.contract import Topic
from skill.core.rules import EMERGENCY_SIGNS, QUESTIONS, Symptom
from skill.core.speech import for_locale
from skill.tools.envelopes import intent_request
from tests.screen_browser import ScreenBrowser, render_directive
from tests.support import (
    LAMBDA_HANDLER,
    PHONE,
    Dialog,
    check_response,
    is_emergency_advice,
    is_see_doctor_advice,
    is_self_care_advice,
    symptom_slot,
)

EN = for_locale("en-US")
ECHO_SHOW_5 = (960, 480)


@pytest.fixture(scope="module")
def browser() -> Iterator[ScreenBrowser]:
    screens = ScreenBrowser()
    try:
        yield screens
    finally:
        screens.close()


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def assert_shows(page: str, *expected: str) -> None:
    for text in expected:
        assert words(text) in words(page), f"{text!r} not on the screen:\n{page}"


def label(name: str) -> str:
    return EN.text(f"screen.labels.{name}")


def question_of(dialog: Dialog) -> str:
    return EN.text(f"questions.{dialog.asking}.ask")


def spoken_twin(dialog: Dialog, intent: str) -> dict:
    """What the same device gets for saying `intent` from the dialog's present state."""
    event = intent_request(intent, attributes=dialog.attributes, new=False, skill_id=dialog.skill_id, screen=True)
    return check_response(LAMBDA_HANDLER(event, None))


def touch(dialog: Dialog, event: dict) -> dict:
    """Send a SendEvent captured in the browser back to the skill, as Alexa does."""
    return dialog.touch(event["arguments"], source=event["source"])


def assert_same_reply(touched: dict, spoken: dict) -> None:
    assert touched["response"] == spoken["response"]
    assert touched["sessionAttributes"] == spoken["sessionAttributes"]


def started(dialog: Dialog) -> Dialog:
    dialog.launch()
    dialog.touch([contract.EVENT_START_CHECK])
    return dialog


def test_launch_shows_the_offer_and_start_touch_starts_the_check(browser):
    dialog = Dialog(screen=True)
    page = browser.show(dialog.launch())
    assert_shows(page, EN.text("skill_name"), EN.text("welcome"), EN.text("offer"), label("start_check"))
    assert_shows(page, *(label(topic.value) for topic in Topic))
    browser.screenshot("offer")

    event = browser.click(label("start_check"))
    assert event["arguments"] == [contract.EVENT_START_CHECK]
    spoken = spoken_twin(dialog, contract.START_CHECK)
    assert_same_reply(touch(dialog, event), spoken)
    assert dialog.asking == QUESTIONS[0].id


@pytest.mark.parametrize("topic", list(Topic))
def test_each_topic_button_answers_as_the_spoken_question(browser, topic):
    dialog = Dialog(screen=True)
    browser.show(dialog.launch())
    event = browser.click(label(topic.value))
    assert event["arguments"] == [contract.EVENT_INFO, topic.value]
    intent = next(name for name, answered in contract.INFO_INTENTS.items() if answered is topic)
    spoken = spoken_twin(dialog, intent)
    assert_same_reply(touch(dialog, event), spoken)
    page = browser.show(dialog.last)
    assert_shows(page, EN.text(f"info.{topic.value}"), EN.text("offer"), label("start_check"))
    if topic is Topic.CAUSES:
        browser.screenshot("information")


def test_question_screen_shows_the_question_progress_and_answers(browser):
    dialog = started(Dialog(screen=True))
    page = browser.show(dialog.last)
    total = len(QUESTIONS)
    assert_shows(page, question_of(dialog), EN.text("screen.progress", number="1", total=str(total)))
    assert_shows(page, label("yes"), label("no"), label("not_sure"))
    browser.screenshot("question")

    # A touched "No": what was heard, and the next question with its number.
    touch(dialog, browser.click(label("no")))
    page = browser.show(dialog.last)
    heard = EN.text("screen.heard", answer=EN.text("screen.heard_answers.no"))
    assert_shows(page, heard, question_of(dialog), EN.text("screen.progress", number="2", total=str(total)))
    browser.screenshot("question-after-no")


@pytest.mark.parametrize(("name", "intent"), [("yes", contract.YES), ("no", contract.NO), ("not_sure", contract.NOT_SURE)])
def test_each_answer_button_gives_the_reply_of_the_spoken_answer(browser, name, intent):
    dialog = started(Dialog(screen=True))
    dialog.no()  # a question past the first, so the state is not the start
    browser.show(dialog.last)
    event = browser.click(label(name))
    assert event["arguments"] == [contract.EVENT_ANSWER, name]
    spoken = spoken_twin(dialog, intent)
    assert_same_reply(touch(dialog, event), spoken)


def test_touching_yes_to_an_emergency_sign_shows_call_911(browser):
    dialog = started(Dialog(screen=True))
    browser.show(dialog.last)
    touch(dialog, browser.click(label("yes")))
    assert is_emergency_advice(dialog)
    page = browser.show(dialog.last)
    name = EN.names_or(QUESTIONS[0].signs)
    assert_shows(page, EN.text("advice.EMERGENCY.card_title"), EN.text("advice.EMERGENCY.card_text", names=name))
    browser.screenshot("emergency")
    assert render_directive(dialog.last)["datasources"]["screen"]["kind"] == "emergency"


def test_not_sure_shows_the_question_in_other_words(browser):
    dialog = started(Dialog(screen=True))
    browser.show(dialog.last)
    asked = dialog.asking
    touch(dialog, browser.click(label("not_sure")))
    assert dialog.asking == asked
    page = browser.show(dialog.last)
    assert_shows(page, EN.text(f"questions.{asked}.explain"), EN.text("screen.heard", answer=EN.text("screen.heard_answers.not_sure")))
    browser.screenshot("not-sure")


def test_touching_no_through_the_check_after_a_fever_shows_see_a_doctor(browser):
    dialog = Dialog(screen=True)
    dialog.launch()
    dialog.report(Symptom.FEVER)
    page = browser.show(dialog.last)
    assert_shows(page, EN.text("ack_see_doctor", names=EN.text("symptoms.FEVER.name")), question_of(dialog))
    browser.screenshot("see-doctor-noted")
    while not dialog.ended:
        touch(dialog, browser.click(label("no")))
        page = browser.show(dialog.last)
    assert is_see_doctor_advice(dialog)
    fever = EN.text("symptoms.FEVER.name")
    assert_shows(page, EN.text("advice.SEE_DOCTOR.card_title"), EN.text("screen.call_clinic"), PHONE)
    assert_shows(page, EN.text("advice.SEE_DOCTOR.card_text", names=fever))
    browser.screenshot("see-doctor")


def test_touching_no_to_every_question_shows_self_care(browser):
    dialog = started(Dialog(screen=True))
    browser.show(dialog.last)
    no = browser.click(label("no"))
    while not dialog.ended and dialog.asking:  # the same touch to every question (rendering each is the see-doctor test's)
        touch(dialog, no)
    assert is_self_care_advice(dialog)
    page = browser.show(dialog.last)
    card_text = EN.text("advice.SELF_CARE.card_text", names=EN.names_or(EMERGENCY_SIGNS))
    assert_shows(page, EN.text("advice.SELF_CARE.card_title"), card_text, PHONE)
    browser.screenshot("self-care")


def test_help_and_goodbye_screens(browser):
    dialog = started(Dialog(screen=True))
    dialog.intent(contract.HELP)
    page = browser.show(dialog.last)
    assert_shows(page, EN.text("help"), question_of(dialog), label("yes"))
    browser.screenshot("help")
    dialog.intent(contract.STOP)
    page = browser.show(dialog.last)
    assert_shows(page, EN.text("goodbye"))
    browser.screenshot("goodbye")


def test_a_small_screen_shows_every_word_and_answers(browser):
    """Echo Show 5 (960 x 480): the same words, buttons still touchable."""
    dialog = started(Dialog(screen=True))
    dialog.no()
    page = browser.show(dialog.last, size=ECHO_SHOW_5)
    assert_shows(page, question_of(dialog), label("yes"), label("no"), label("not_sure"))
    browser.screenshot("question-echo-show-5")
    assert browser.click(label("no"))["arguments"] == [contract.EVENT_ANSWER, contract.ANSWER_NO]


def test_asking_the_skill_to_call_911_shows_call_911(browser):
    dialog = Dialog(screen=True)
    dialog.launch()
    dialog.intent(contract.CALL_FOR_HELP)
    assert dialog.ended
    page = browser.show(dialog.last)
    assert_shows(page, EN.text("call_for_help_card_title"), EN.text("call_for_help_card_text"))
    browser.screenshot("call-for-help")


def test_a_denial_shows_what_was_heard(browser):
    dialog = started(Dialog(screen=True))
    dialog.intent(contract.DENY_SYMPTOM, {"symptom": symptom_slot(Symptom.BLADDER_BOWEL_CONTROL), "otherSymptom": None})
    page = browser.show(dialog.last)
    denied = EN.denials([Symptom.BLADDER_BOWEL_CONTROL])
    assert_shows(page, EN.text("screen.heard", answer=denied), question_of(dialog))

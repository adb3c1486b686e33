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
from skill.tools.alexa.envelopes import intent_request
from tests.screen_browser import ScreenBrowser, render_directive
from tests.support import (
    LAMBDA_HANDLER,
    PHONE,
    Dialog,
    check_response,
    is_emergency_advice,
    is_see_doctor_advice,
    is_self_care_advice,
)

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


def label(dialog: Dialog, name: str) -> str:
    return dialog.words.text(f"screen.labels.{name}")


def question_of(dialog: Dialog) -> str:
    return dialog.words.text(f"questions.{dialog.asking}.ask")


def shot(dialog: Dialog, name: str) -> str:
    """A screenshot's name: English ones plain, others with their locale ("question-es-US")."""
    return name if dialog.locale == "en-US" else f"{name}-{dialog.locale}"


def spoken_twin(dialog: Dialog, intent: str) -> dict:
    """What the same device gets for saying `intent` from the dialog's present state."""
    event = intent_request(intent, attributes=dialog.attributes, new=False, skill_id=dialog.skill_id, screen=True, locale=dialog.locale)
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


def test_launch_shows_the_offer_and_start_touch_starts_the_check(browser, locale):
    dialog = Dialog(screen=True, locale=locale)
    page = browser.show(dialog.launch())
    assert_shows(page, dialog.words.text("skill_name"), dialog.words.text("welcome"), dialog.words.text("offer"), label(dialog, "start_check"))
    assert_shows(page, *(label(dialog, topic.value) for topic in Topic))
    browser.screenshot(shot(dialog, "offer"))

    event = browser.click(label(dialog, "start_check"))
    assert event["arguments"] == [contract.EVENT_START_CHECK]
    spoken = spoken_twin(dialog, contract.START_CHECK)
    assert_same_reply(touch(dialog, event), spoken)
    assert dialog.asking == QUESTIONS[0].id


@pytest.mark.parametrize("topic", list(Topic))
def test_each_topic_button_answers_as_the_spoken_question(browser, locale, topic):
    dialog = Dialog(screen=True, locale=locale)
    browser.show(dialog.launch())
    event = browser.click(label(dialog, topic.value))
    assert event["arguments"] == [contract.EVENT_INFO, topic.value]
    intent = next(name for name, answered in contract.INFO_INTENTS.items() if answered is topic)
    spoken = spoken_twin(dialog, intent)
    assert_same_reply(touch(dialog, event), spoken)
    page = browser.show(dialog.last)
    assert_shows(page, dialog.words.text(f"info.{topic.value}"), dialog.words.text("offer"), label(dialog, "start_check"))
    if topic is Topic.CAUSES:
        browser.screenshot(shot(dialog, "information"))


def test_question_screen_shows_the_question_progress_and_answers(browser, locale):
    dialog = started(Dialog(screen=True, locale=locale))
    page = browser.show(dialog.last)
    total = len(QUESTIONS)
    assert_shows(page, question_of(dialog), dialog.words.text("screen.progress", number="1", total=str(total)))
    assert_shows(page, label(dialog, "yes"), label(dialog, "no"), label(dialog, "not_sure"))
    browser.screenshot(shot(dialog, "question"))

    # A touched "No": what was heard, and the next question with its number.
    touch(dialog, browser.click(label(dialog, "no")))
    page = browser.show(dialog.last)
    heard = dialog.words.text("screen.heard", answer=dialog.words.text("screen.heard_answers.no"))
    assert_shows(page, heard, question_of(dialog), dialog.words.text("screen.progress", number="2", total=str(total)))
    browser.screenshot(shot(dialog, "question-after-no"))


@pytest.mark.parametrize(("name", "intent"), [("yes", contract.YES), ("no", contract.NO), ("not_sure", contract.NOT_SURE)])
def test_each_answer_button_gives_the_reply_of_the_spoken_answer(browser, locale, name, intent):
    dialog = started(Dialog(screen=True, locale=locale))
    dialog.no()  # a question past the first, so the state is not the start
    browser.show(dialog.last)
    event = browser.click(label(dialog, name))
    assert event["arguments"] == [contract.EVENT_ANSWER, name]
    spoken = spoken_twin(dialog, intent)
    assert_same_reply(touch(dialog, event), spoken)


def test_touching_yes_to_an_emergency_sign_shows_call_911(browser, locale):
    dialog = started(Dialog(screen=True, locale=locale))
    browser.show(dialog.last)
    touch(dialog, browser.click(label(dialog, "yes")))
    assert is_emergency_advice(dialog)
    page = browser.show(dialog.last)
    name = dialog.words.names_or(QUESTIONS[0].signs)
    assert_shows(page, dialog.words.text("advice.EMERGENCY.card_title"), dialog.words.text("advice.EMERGENCY.card_text", names=name))
    browser.screenshot(shot(dialog, "emergency"))
    assert render_directive(dialog.last)["datasources"]["screen"]["kind"] == "emergency"


def test_not_sure_shows_the_question_in_other_words(browser, locale):
    dialog = started(Dialog(screen=True, locale=locale))
    browser.show(dialog.last)
    asked = dialog.asking
    touch(dialog, browser.click(label(dialog, "not_sure")))
    assert dialog.asking == asked
    page = browser.show(dialog.last)
    heard = dialog.words.text("screen.heard", answer=dialog.words.text("screen.heard_answers.not_sure"))
    assert_shows(page, dialog.words.text(f"questions.{asked}.explain"), heard)
    browser.screenshot(shot(dialog, "not-sure"))


def test_touching_no_through_the_check_after_a_fever_shows_see_a_doctor(browser, locale):
    dialog = Dialog(screen=True, locale=locale)
    dialog.launch()
    dialog.report(Symptom.FEVER)
    page = browser.show(dialog.last)
    assert_shows(page, dialog.words.text("ack_see_doctor", names=dialog.words.text("symptoms.FEVER.name")), question_of(dialog))
    browser.screenshot(shot(dialog, "see-doctor-noted"))
    while not dialog.ended:
        touch(dialog, browser.click(label(dialog, "no")))
        page = browser.show(dialog.last)
    assert is_see_doctor_advice(dialog)
    fever = dialog.words.text("symptoms.FEVER.name")
    assert_shows(page, dialog.words.text("advice.SEE_DOCTOR.card_title"), dialog.words.text("screen.call_clinic"), PHONE)
    assert_shows(page, dialog.words.text("advice.SEE_DOCTOR.card_text", names=fever))
    browser.screenshot(shot(dialog, "see-doctor"))


def test_touching_no_to_every_question_shows_self_care(browser, locale):
    dialog = started(Dialog(screen=True, locale=locale))
    browser.show(dialog.last)
    no = browser.click(label(dialog, "no"))
    while not dialog.ended and dialog.asking:  # the same touch to every question (rendering each is the see-doctor test's)
        touch(dialog, no)
    assert is_self_care_advice(dialog)
    page = browser.show(dialog.last)
    card_text = dialog.words.text("advice.SELF_CARE.card_text", names=dialog.words.names_or(EMERGENCY_SIGNS))
    assert_shows(page, dialog.words.text("advice.SELF_CARE.card_title"), card_text, PHONE)
    browser.screenshot(shot(dialog, "self-care"))


def test_help_and_goodbye_screens(browser, locale):
    dialog = started(Dialog(screen=True, locale=locale))
    dialog.intent(contract.HELP)
    page = browser.show(dialog.last)
    assert_shows(page, dialog.words.text("help"), question_of(dialog), label(dialog, "yes"))
    browser.screenshot(shot(dialog, "help"))
    dialog.intent(contract.STOP)
    page = browser.show(dialog.last)
    assert_shows(page, dialog.words.text("goodbye"))
    browser.screenshot(shot(dialog, "goodbye"))


def test_a_small_screen_shows_every_word_and_answers(browser, locale):
    """Echo Show 5 (960 x 480): the same words, buttons still touchable."""
    dialog = started(Dialog(screen=True, locale=locale))
    dialog.no()
    page = browser.show(dialog.last, size=ECHO_SHOW_5)
    assert_shows(page, question_of(dialog), label(dialog, "yes"), label(dialog, "no"), label(dialog, "not_sure"))
    browser.screenshot(shot(dialog, "question-echo-show-5"))
    assert browser.click(label(dialog, "no"))["arguments"] == [contract.EVENT_ANSWER, contract.ANSWER_NO]


def test_asking_the_skill_to_call_911_shows_call_911(browser, locale):
    dialog = Dialog(screen=True, locale=locale)
    dialog.launch()
    dialog.intent(contract.CALL_FOR_HELP)
    assert dialog.ended
    page = browser.show(dialog.last)
    assert_shows(page, dialog.words.text("call_for_help_card_title"), dialog.words.text("call_for_help_card_text"))
    browser.screenshot(shot(dialog, "call-for-help"))


def test_a_denial_shows_what_was_heard(browser, locale):
    dialog = started(Dialog(screen=True, locale=locale))
    dialog.intent(contract.DENY_SYMPTOM, {"symptom": dialog.symptom_slot(Symptom.BLADDER_BOWEL_CONTROL), "otherSymptom": None})
    page = browser.show(dialog.last)
    denied = dialog.words.denials([Symptom.BLADDER_BOWEL_CONTROL])
    assert_shows(page, dialog.words.text("screen.heard", answer=denied), question_of(dialog))

"""Asking for the check while one is running carries on where it is: every
answer kept, the pending question asked again (in each locale). The lines are
heard through the chat's matcher, as typed or said."""

from __future__ import annotations

from skill.core.rules import QUESTIONS, Level
from skill.tools.alexa.device import load_matcher
from tests.support import Dialog

ASK_FOR_THE_CHECK = {"en-US": "should I see a doctor", "es-US": "debo ver a un médico"}
YES = {"en-US": "yes", "es-US": "sí"}
NO = {"en-US": "no", "es-US": "no"}


def say(dialog: Dialog, line: str) -> None:
    match = load_matcher(dialog.locale).match(line)
    dialog.intent(match.intent, match.slots)


def answers(dialog: Dialog) -> list:
    return dialog.last["sessionAttributes"]["triage"]["answers"]


def test_three_answers_then_asking_for_the_check_keeps_them_and_asks_the_same_question(dialog):
    dialog.launch()
    for line in (YES[dialog.locale], NO[dialog.locale], NO[dialog.locale], NO[dialog.locale]):
        say(dialog, line)  # yes to the offer, then three answers
    pending, given = dialog.asking, answers(dialog)
    assert pending == QUESTIONS[3].id
    assert given == [[sign.name, "no"] for question in QUESTIONS[:3] for sign in question.signs]

    assert load_matcher(dialog.locale).match(ASK_FOR_THE_CHECK[dialog.locale]).intent == "StartCheckIntent"
    say(dialog, ASK_FOR_THE_CHECK[dialog.locale])
    assert not dialog.ended
    assert dialog.asking == pending
    question = dialog.words.text(f"questions.{pending}.ask")
    assert dialog.said == f"{dialog.words.text('check_under_way')} {question}"
    assert dialog.reprompted_question == question
    assert answers(dialog) == given

    # The three answers still count: "no" to only the remaining questions reaches the self-care advice.
    for _ in QUESTIONS[3:]:
        say(dialog, NO[dialog.locale])
    assert dialog.words.text("advice.SELF_CARE.speech") in dialog.said
    assert answers(dialog) == [[sign.name, "no"] for question in QUESTIONS for sign in question.signs]


def test_asking_for_the_check_after_a_yes_to_an_emergency_question_is_not_reached(dialog):
    # A yes to an emergency question ends the session with the 911 advice: there is no check left to restart.
    dialog.launch()
    say(dialog, YES[dialog.locale])
    say(dialog, YES[dialog.locale])
    assert QUESTIONS[0].level is Level.EMERGENCY and dialog.ended


def test_asking_for_the_check_at_the_offer_starts_it(dialog):
    dialog.launch()
    say(dialog, ASK_FOR_THE_CHECK[dialog.locale])
    assert dialog.asking == QUESTIONS[0].id
    assert dialog.said.startswith(dialog.words.text("start_check"))


def test_not_sure_at_the_offer_says_what_the_check_is_and_offers_it_again(dialog):
    dialog.launch()
    dialog.not_sure()
    assert not dialog.ended and dialog.asking is None
    assert dialog.said == f"{dialog.words.text('offer_explain')} {dialog.words.text('offer')}"
    assert dialog.words.text("fallback") not in dialog.said

"""The SDK-free dialog, driven directly: no envelopes, no ask-sdk. The
envelope-level tests cover the same moves through the real Lambda handler;
these pin the dialog's own contract (state in, reply and state out)."""

from __future__ import annotations

from skill.core.conversation import Conversation
from skill.core.replies import ScreenKind
from skill.core.rules import QUESTIONS, Level, Symptom
from skill.core.speech import for_locale

EN = for_locale("en-US")
EMERGENCY = [s for s in Symptom if s.level is Level.EMERGENCY]
SEE_DOCTOR = [s for s in Symptom if s.level is Level.SEE_DOCTOR]


def resumed(conversation: Conversation) -> Conversation:
    """The conversation as the next turn sees it: rebuilt from its attributes."""
    return Conversation(EN, conversation.attributes())


def test_launch_offers_the_check_and_keeps_the_session_open():
    reply = Conversation(EN).launch()
    assert not reply.ends_session and reply.reprompt
    assert EN.ssml("offer") in reply.speech


def test_yes_to_the_offer_asks_an_emergency_question_first():
    conversation = Conversation(EN)
    conversation.launch()
    conversation = resumed(conversation)
    reply = conversation.yes()
    assert not reply.ends_session
    assert conversation.asking is not None
    assert reply.reprompt and reply.reprompt.startswith(reply.speech)
    assert reply.reprompt.endswith(EN.ssml("reprompt_safety"))


def test_every_emergency_sign_reported_ends_with_the_emergency_number_first():
    for symptom in EMERGENCY:
        reply = Conversation(EN).report([symptom])
        assert reply.ends_session, symptom
        assert reply.speech.startswith("Call "), symptom
        assert reply.card is not None and "(518) 489-2663" in reply.card.text


def test_a_see_doctor_sign_waits_for_the_emergency_questions():
    for symptom in SEE_DOCTOR:
        conversation = Conversation(EN)
        reply = conversation.report([symptom])
        assert not reply.ends_session, symptom
        assert conversation.asking is not None


def test_state_survives_the_round_trip_through_attributes():
    conversation = Conversation(EN)
    conversation.report([Symptom.FEVER])
    again = resumed(conversation)
    assert again.attributes() == conversation.attributes()
    assert again.triage.answers == conversation.triage.answers


def test_stop_ends_without_a_question():
    reply = Conversation(EN).stop()
    assert reply.ends_session and reply.reprompt is None


def test_a_screen_comes_with_each_reply_only_for_a_screen_device():
    assert Conversation(EN).launch().screen is None
    conversation = Conversation(EN, screen=True)
    assert conversation.launch().screen.kind is ScreenKind.OFFER
    reply = Conversation(EN, conversation.attributes(), screen=True).yes()
    assert reply.screen.kind is ScreenKind.QUESTION
    assert reply.screen.heard == EN.ssml("screen.heard_answers.yes")
    assert reply.screen.progress == (1, len(QUESTIONS))
    assert Conversation(EN, screen=True).stop().screen.kind is ScreenKind.GOODBYE

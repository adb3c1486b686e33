"""ask-sdk-core handlers: one small class per intent or request type.

Each turns its request into one `Conversation` move and the move's `Reply`
into a response. Interceptors do the cross-cutting work: load the locale's
strings and the conversation from the session before, save it after.

Only a person's own requests are spoken to; every other request Alexa sends
(session ends, skill and list events, messages, audio and system notices,
with or without a session) gets an empty response, as Alexa requires.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, cast

from ask_sdk_core.dispatch_components import AbstractRequestHandler, AbstractRequestInterceptor, AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_request_type, is_request_type
from ask_sdk_model import Directive, Response
from ask_sdk_model.ui import SimpleCard

from skill.core import contract, heard, reminders, slots, speech
from skill.core.contract import Topic
from skill.core.conversation import Conversation
from skill.core.logtext import printable
from skill.core.replies import Reply, Screen

logger = logging.getLogger(__name__)

# Keys in handler_input.attributes_manager.request_attributes.
CONVERSATION = "conversation"

# The requests a person makes (by voice or touch, or by coming back from a flow): the only ones answered with speech.
SPOKEN_REQUEST_TYPES = contract.SPOKEN_REQUEST_TYPES


def is_spoken_to(handler_input: HandlerInput) -> bool:
    return get_request_type(handler_input) in SPOKEN_REQUEST_TYPES


def silence(handler_input: HandlerInput) -> Response:
    """The empty response: no speech, no card, no reprompt."""
    return handler_input.response_builder.response


def conversation_of(handler_input: HandlerInput) -> Conversation:
    conversation = handler_input.attributes_manager.request_attributes[CONVERSATION]
    assert isinstance(conversation, Conversation)  # put there by LoadConversationInterceptor
    return conversation


def loaded_conversation(handler_input: HandlerInput) -> Conversation | None:
    conversation = handler_input.attributes_manager.request_attributes.get(CONVERSATION)
    return conversation if isinstance(conversation, Conversation) else None


def has_screen(handler_input: HandlerInput) -> bool:
    """Whether the device shows APL documents (Echo Show); False for voice-only devices."""
    device = getattr(getattr(handler_input.request_envelope.context, "system", None), "device", None)
    interfaces = getattr(device, "supported_interfaces", None)
    return getattr(interfaces, "alexa_presentation_apl", None) is not None


def _render_directive(handler_input: HandlerInput, screen: Screen) -> Directive:
    # Imported here: only screen devices pay for the APL model classes and documents.
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

    from skill.core import screen as screens

    strings = strings_for(handler_input)  # the reply's own locale
    return RenderDocumentDirective(token=screens.TOKEN, document=screens.document_for(screen), datasources=screens.datasources(screen, strings))


def respond(handler_input: HandlerInput, reply: Reply) -> Response:
    if reply.ask_reminder_permission:
        # Alexa asks in its own voice and answers with a Connections.Response;
        # no speech of ours and no shouldEndSession: the session is Alexa's until it answers.
        return handler_input.response_builder.add_directive(reminders.permission_request()).response
    # The voice the person asked for ("slower", "louder"), around the whole speech and reprompt.
    conversation = loaded_conversation(handler_input)
    voice = conversation.voice if conversation is not None else speech.DEFAULT_VOICE
    builder = handler_input.response_builder.speak(speech.spoken_in(reply.speech, voice))
    if reply.card:
        builder.set_card(SimpleCard(title=reply.card.title, content=reply.card.text))
    elif reply.reminder_permission_card:
        builder.set_card(reminders.permission_card())
    if reply.screen is not None and has_screen(handler_input):
        builder.add_directive(_render_directive(handler_input, reply.screen))
    if reply.reprompt is None:  # asks nothing: say so explicitly
        builder.set_should_end_session(True)
    else:
        builder.ask(speech.spoken_in(reply.reprompt, voice))
    return builder.response


def strings_for(handler_input: HandlerInput) -> speech.Speech:
    """The request's locale's strings; the default locale's if it has none we support."""
    try:
        return speech.for_locale(slots.locale_of(handler_input))
    except speech.UnsupportedLocaleError:
        return speech.for_locale(speech.DEFAULT_LOCALE)


# ---- interceptors ----------------------------------------------------------


class LoadConversationInterceptor(AbstractRequestInterceptor):
    """Loads the locale's strings and the conversation kept in the session."""

    def process(self, handler_input: HandlerInput) -> None:
        strings = strings_for(handler_input)
        # Out-of-session requests (and one-shot ones Alexa sends without a
        # session) have no attributes: the SDK raises if asked for them.
        in_session = handler_input.request_envelope.session is not None
        attributes = handler_input.attributes_manager.session_attributes if in_session else None
        handler_input.attributes_manager.request_attributes[CONVERSATION] = Conversation(strings, attributes, screen=has_screen(handler_input))


class SaveConversationInterceptor(AbstractResponseInterceptor):
    """Keeps the conversation in the session attributes, and only there."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        conversation = loaded_conversation(handler_input)
        if conversation is not None and handler_input.request_envelope.session is not None:
            handler_input.attributes_manager.session_attributes = conversation.attributes()


class LogRequestInterceptor(AbstractRequestInterceptor):
    """Logs each request's type and Alexa's request id (random per request, for
    tracing) at INFO; the intent's name only at DEBUG, since with the fixed
    question order the intents of a session would give a person's answers
    away. Never a slot value, at any level."""

    def process(self, handler_input: HandlerInput) -> None:
        if not logger.isEnabledFor(logging.INFO):
            return  # nothing to write: skip the escaping on every warm turn
        request_type = get_request_type(handler_input)
        request_id = getattr(handler_input.request_envelope.request, "request_id", None)
        logger.info("request %s id %s", printable(request_type), printable(request_id))
        if request_type == "IntentRequest":
            logger.debug("intent %s", printable(get_intent_name(handler_input)))


# ---- request handlers ------------------------------------------------------

# A conversation move: what one intent does to the conversation.
Move = Callable[[Conversation, HandlerInput], Reply]


def report_or_denial(conversation: Conversation, handler_input: HandlerInput) -> Reply:
    # What Alexa heard, settled: "no, I can't feel my feet" is a report, "she's not weak anywhere" a denial.
    asked = frozenset(conversation.asking.signs) if conversation.asking is not None else frozenset()
    said = heard.settle(cast(str, get_intent_name(handler_input)), slots.heard(handler_input), slots.locale_of(handler_input), asked)
    if said.intent == contract.DENY_SYMPTOM:
        return conversation.deny(said.signs, said.unrecognized)
    return conversation.report(said.signs, said.unrecognized)


def _duration(conversation: Conversation, handler_input: HandlerInput) -> Reply:
    start = slots.slot_text(handler_input, contract.START_DATE_SLOT)
    if start is not None and slots.slot_text(handler_input, contract.DURATION_SLOT) is None:
        return conversation.started(start, slots.today(handler_input))
    return conversation.duration(slots.slot_text(handler_input, contract.DURATION_SLOT))


def _yes(conversation: Conversation, handler_input: HandlerInput) -> Reply:
    if conversation.offering_reminder:  # yes to the one-week reminder
        return conversation.accept_reminder(reminders.AlexaReminders(handler_input))
    return conversation.yes()


def _info(topic: Topic) -> Move:
    return lambda conversation, _: conversation.info(topic)


# Every intent the skill answers, and its move. `back-spasm validate` reads
# this table to check it against each locale's interaction model.
INTENT_MOVES: dict[str, Move] = {
    contract.START_CHECK: lambda conversation, _: conversation.start_check(),
    contract.REPORT_SYMPTOM: report_or_denial,
    contract.DENY_SYMPTOM: report_or_denial,
    contract.CALL_FOR_HELP: lambda conversation, _: conversation.call_for_help(),
    contract.SLOWER: lambda conversation, _: conversation.change_voice(conversation.voice.slower(), "voice.slower"),
    contract.FASTER: lambda conversation, _: conversation.change_voice(conversation.voice.normal_speed(), "voice.normal_speed"),
    contract.LOUDER: lambda conversation, _: conversation.change_voice(conversation.voice.louder(), "voice.louder"),
    contract.HOLD_ON: lambda conversation, _: conversation.hold_on(),
    contract.DURATION: _duration,
    contract.YES: _yes,
    contract.NO: lambda conversation, _: conversation.no(),
    contract.NOT_SURE: lambda conversation, _: conversation.not_sure(),
    **{name: _info(topic) for name, topic in contract.INFO_INTENTS.items()},
    contract.HELP: lambda conversation, _: conversation.help(),
    contract.REPEAT: lambda conversation, _: conversation.repeat(),
    contract.START_OVER: lambda conversation, _: conversation.start_over(),
    contract.PREVIOUS: lambda conversation, _: conversation.go_back(),
    # Stop, cancel and navigate home all leave the skill.
    contract.STOP: lambda conversation, _: conversation.stop(),
    contract.CANCEL: lambda conversation, _: conversation.stop(),
    contract.NAVIGATE_HOME: lambda conversation, _: conversation.stop(),
    contract.FALLBACK: lambda conversation, _: conversation.fallback(),
}


class LaunchRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond(handler_input, conversation_of(handler_input).launch())


class IntentMoveHandler(AbstractRequestHandler):
    """Every intent of INTENT_MOVES: the intent's move on the conversation.
    One handler reads the table (one lookup per request, where a handler per
    intent would be asked in turn)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input) and get_intent_name(handler_input) in INTENT_MOVES

    def handle(self, handler_input: HandlerInput) -> Response:
        move = INTENT_MOVES[cast(str, get_intent_name(handler_input))]
        return respond(handler_input, move(conversation_of(handler_input), handler_input))


def _touch(arguments: Any) -> tuple[str, ...] | None:
    """A UserEvent's arguments as a TOUCH_EVENTS key; None if they are not a list of strings."""
    if isinstance(arguments, list) and all(isinstance(argument, str) for argument in arguments):
        return tuple(arguments)
    return None


class TouchHandler(AbstractRequestHandler):
    """A touch on the screen: the move of the intent it stands for, the same
    as the spoken answer; anything else gets the fallback."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type(contract.APL_USER_EVENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        arguments = getattr(handler_input.request_envelope.request, "arguments", None)
        intent = contract.TOUCH_EVENTS.get(_touch(arguments) or ())
        conversation = conversation_of(handler_input)
        if intent is None:
            logger.warning("unknown touch event")  # not its arguments: they may be an answer
            return respond(handler_input, conversation.fallback())
        return respond(handler_input, INTENT_MOVES[intent](conversation, handler_input))


class PermissionAnswerHandler(AbstractRequestHandler):
    """The answer to Alexa's permission prompt for the reminder."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return reminders.is_permission_answer(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        answer = reminders.permission_answer(handler_input)
        reply = conversation_of(handler_input).permission_answer(answer, reminders.AlexaReminders(handler_input))
        return respond(handler_input, reply)


class SessionEndedRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        # The reason (user initiated, error, no reply) says nothing about the user's answers.
        reason = getattr(handler_input.request_envelope.request, "reason", None)
        logger.info("session ended: %s", printable(getattr(reason, "value", reason)))
        return silence(handler_input)


class SilentRequestHandler(AbstractRequestHandler):
    """Requests no person made (skill, list and reminder events, messages,
    audio and system notices, permission grants): an empty response."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return not is_spoken_to(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return silence(handler_input)


class UnexpectedRequestHandler(AbstractRequestHandler):
    """Any intent or request of a person's that nobody else claims: treated as
    a fallback, so the user hears the pending question again, not an error."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        logger.warning("unexpected request %s", printable(get_request_type(handler_input)))
        return respond(handler_input, conversation_of(handler_input).fallback())


REQUEST_HANDLERS = (
    IntentMoveHandler(),  # first: most requests are intents
    LaunchRequestHandler(),
    TouchHandler(),
    PermissionAnswerHandler(),
    SessionEndedRequestHandler(),
    SilentRequestHandler(),
    UnexpectedRequestHandler(),  # last: claims whatever is left
)

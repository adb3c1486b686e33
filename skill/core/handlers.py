"""ask-sdk-core handlers: one small class per intent or request type.

Each turns its request into one `Conversation` move and the move's `Reply`
into a response. Interceptors do the cross-cutting work: load the locale's
strings and the conversation from the session before, save it after.
"""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import (
    AbstractExceptionHandler,
    AbstractRequestHandler,
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_request_type, is_intent_name, is_request_type
from ask_sdk_core.utils.request_util import get_slot
from ask_sdk_model import Response
from ask_sdk_model.slu.entityresolution import StatusCode
from ask_sdk_model.ui import SimpleCard

from skill.core import speech
from skill.core.conversation import Conversation, Reply, Topic
from skill.core.rules import Symptom

logger = logging.getLogger(__name__)

# Keys in handler_input.attributes_manager.request_attributes.
CONVERSATION = "conversation"

SYMPTOM_SLOTS = ("symptom", "otherSymptom")

# Intents whose handler is the same move; the contract's names.
INFO_INTENTS = {
    "CausesIntent": Topic.CAUSES,
    "HowLongIntent": Topic.HOW_LONG,
    "SelfCareIntent": Topic.SELF_CARE,
    "ContactIntent": Topic.CONTACT,
}
EXIT_INTENTS = ("AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent")


def conversation_of(handler_input: HandlerInput) -> Conversation:
    return handler_input.attributes_manager.request_attributes[CONVERSATION]


def respond(handler_input: HandlerInput, reply: Reply) -> Response:
    builder = handler_input.response_builder.speak(reply.speech)
    if reply.card:
        builder.set_card(SimpleCard(title=reply.card.title, content=reply.card.text))
    if reply.ends_session:
        builder.set_should_end_session(True)
    else:
        builder.ask(reply.reprompt)
    return builder.response


def _resolved_symptom(handler_input: HandlerInput, slot_name: str) -> Symptom | str | None:
    """The symptom a slot resolved to; "unrecognized" when the user said
    something that matched no symptom; None when the slot is empty."""
    slot = get_slot(handler_input, slot_name)
    if slot is None or not slot.value:
        return None
    resolutions = getattr(slot.resolutions, "resolutions_per_authority", None) or []
    for authority in resolutions:
        status = getattr(authority.status, "code", None)
        if status == StatusCode.ER_SUCCESS_MATCH and authority.values:
            value_id = getattr(authority.values[0].value, "id", None)
            if value_id in Symptom.__members__:
                return Symptom(value_id)
    return "unrecognized"


# ---- interceptors ----------------------------------------------------------


class LoadConversationInterceptor(AbstractRequestInterceptor):
    """Loads the locale's strings and the conversation kept in the session."""

    def process(self, handler_input):
        locale = getattr(handler_input.request_envelope.request, "locale", None) or speech.DEFAULT_LOCALE
        try:
            strings = speech.for_locale(locale)
        except speech.UnsupportedLocale:
            strings = speech.for_locale(speech.DEFAULT_LOCALE)
        attributes = handler_input.attributes_manager.session_attributes
        handler_input.attributes_manager.request_attributes[CONVERSATION] = Conversation(strings, attributes)


class SaveConversationInterceptor(AbstractResponseInterceptor):
    """Keeps the conversation in the session attributes, and only there."""

    def process(self, handler_input, response):
        conversation = handler_input.attributes_manager.request_attributes.get(CONVERSATION)
        if conversation is not None and handler_input.request_envelope.session is not None:
            handler_input.attributes_manager.session_attributes = conversation.attributes()


class LogRequestInterceptor(AbstractRequestInterceptor):
    """Logs what kind of request came in, never what the user said."""

    def process(self, handler_input):
        request_type = get_request_type(handler_input)
        intent = get_intent_name(handler_input) if request_type == "IntentRequest" else "-"
        logger.info("request %s intent %s", request_type, intent)


# ---- request handlers ------------------------------------------------------


class LaunchRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input):
        return respond(handler_input, conversation_of(handler_input).launch())


class StartCheckIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("StartCheckIntent")(handler_input)

    def handle(self, handler_input):
        return respond(handler_input, conversation_of(handler_input).start_check())


class ReportSymptomIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("ReportSymptomIntent")(handler_input)

    def handle(self, handler_input):
        resolved = [_resolved_symptom(handler_input, name) for name in SYMPTOM_SLOTS]
        symptoms = [value for value in resolved if isinstance(value, Symptom)]
        unrecognized = sum(1 for value in resolved if value == "unrecognized")
        return respond(handler_input, conversation_of(handler_input).report(symptoms, unrecognized))


class DurationIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("DurationIntent")(handler_input)

    def handle(self, handler_input):
        slot = get_slot(handler_input, "duration")
        return respond(handler_input, conversation_of(handler_input).duration(slot.value if slot else None))


class YesIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.YesIntent")(handler_input)

    def handle(self, handler_input):
        return respond(handler_input, conversation_of(handler_input).yes())


class NoIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.NoIntent")(handler_input)

    def handle(self, handler_input):
        return respond(handler_input, conversation_of(handler_input).no())


class NotSureIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("NotSureIntent")(handler_input)

    def handle(self, handler_input):
        return respond(handler_input, conversation_of(handler_input).not_sure())


class InfoIntentHandler(AbstractRequestHandler):
    """Causes, how long, self-care, contact: the same move with another topic."""

    def __init__(self, intent_name: str, topic: Topic):
        self.intent_name = intent_name
        self.topic = topic

    def can_handle(self, handler_input):
        return is_intent_name(self.intent_name)(handler_input)

    def handle(self, handler_input):
        return respond(handler_input, conversation_of(handler_input).info(self.topic))


class HelpIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.HelpIntent")(handler_input)

    def handle(self, handler_input):
        return respond(handler_input, conversation_of(handler_input).help())


class RepeatIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.RepeatIntent")(handler_input)

    def handle(self, handler_input):
        return respond(handler_input, conversation_of(handler_input).repeat())


class StartOverIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.StartOverIntent")(handler_input)

    def handle(self, handler_input):
        return respond(handler_input, conversation_of(handler_input).start_over())


class PreviousIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.PreviousIntent")(handler_input)

    def handle(self, handler_input):
        return respond(handler_input, conversation_of(handler_input).go_back())


class ExitIntentHandler(AbstractRequestHandler):
    """Stop, cancel and navigate home all leave the skill."""

    def can_handle(self, handler_input):
        return any(is_intent_name(name)(handler_input) for name in EXIT_INTENTS)

    def handle(self, handler_input):
        return respond(handler_input, conversation_of(handler_input).stop())


class FallbackIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_intent_name("AMAZON.FallbackIntent")(handler_input)

    def handle(self, handler_input):
        return respond(handler_input, conversation_of(handler_input).fallback())


class SessionEndedRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input):
        request = handler_input.request_envelope.request
        logger.info("session ended: %s", getattr(request, "reason", None))
        return handler_input.response_builder.response


class UnexpectedRequestHandler(AbstractRequestHandler):
    """Any intent or request type nobody else claims: treated as a fallback,
    so the user hears the pending question again instead of an error."""

    def can_handle(self, handler_input):
        return True

    def handle(self, handler_input):
        logger.warning("unexpected request %s", get_request_type(handler_input))
        return respond(handler_input, conversation_of(handler_input).fallback())


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Logs the failure without the request's data and keeps the question."""

    def can_handle(self, handler_input, exception):
        return True

    def handle(self, handler_input, exception):
        tb = exception.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"
        logger.error("error handling %s: %s at %s", get_request_type(handler_input), type(exception).__name__, where)
        conversation = handler_input.attributes_manager.request_attributes.get(CONVERSATION)
        if conversation is None:  # failed before the conversation loaded
            conversation = Conversation(speech.for_locale(speech.DEFAULT_LOCALE))
        reply = conversation.error()
        # Response interceptors do not run after an exception: save here.
        if handler_input.request_envelope.session is not None:
            handler_input.attributes_manager.session_attributes = conversation.attributes()
        return respond(handler_input, reply)


REQUEST_HANDLERS = (
    LaunchRequestHandler(),
    StartCheckIntentHandler(),
    ReportSymptomIntentHandler(),
    DurationIntentHandler(),
    YesIntentHandler(),
    NoIntentHandler(),
    NotSureIntentHandler(),
    *(InfoIntentHandler(name, topic) for name, topic in INFO_INTENTS.items()),
    HelpIntentHandler(),
    RepeatIntentHandler(),
    StartOverIntentHandler(),
    PreviousIntentHandler(),
    ExitIntentHandler(),
    FallbackIntentHandler(),
    SessionEndedRequestHandler(),
    UnexpectedRequestHandler(),  # last: claims whatever is left
)

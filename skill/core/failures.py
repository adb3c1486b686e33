"""When answering a request fails: the exception handler, the one place an
error becomes speech. The failure is logged without the request's data; a
symptom report is made again on a fresh conversation, so a fault in reading
the stored state never swallows a reported emergency; any other request of a
person's gets the apology and the pending question; requests no person made
get the empty response; and if even that fails, `raw_event` answers from the
raw request.
"""

from __future__ import annotations

import logging
from typing import cast

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_request_type, is_intent_name
from ask_sdk_model import Response

from skill.core import contract, handlers
from skill.core.conversation import Conversation
from skill.core.logtext import printable
from skill.core.replies import Reply

logger = logging.getLogger(__name__)


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Logs the failure without the request's data and keeps the question.
    A symptom report that failed is tried once more on a fresh conversation, so
    a fault in reading the stored state never swallows a reported emergency;
    requests no person made get the empty response even after a failure."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        try:
            return self._handle(handler_input, exception)
        except Exception as failure:  # never raise from here: the raw reader answers instead
            logger.error("exception handler failed: %s", type(failure).__name__)
            return _raw_answer(handler_input)

    def _handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        tb = exception.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"
        # The exception's type and place only: its message may hold request data.
        request_type = printable(get_request_type(handler_input))
        logger.error("error handling %s: %s at %s", request_type, type(exception).__name__, printable(where, 300))
        if not handlers.is_spoken_to(handler_input):
            return handlers.silence(handler_input)
        conversation, reply = _report_afresh(handler_input) or _apology(handler_input)
        # Response interceptors do not run after an exception: save here.
        if handler_input.request_envelope.session is not None:
            handler_input.attributes_manager.session_attributes = conversation.attributes()
        return handlers.respond(handler_input, reply)


def _raw_answer(handler_input: HandlerInput) -> Response:
    """raw_event's answer to the request, as a Response."""
    from skill.core import lenient, raw_event

    envelope = handler_input.request_envelope
    try:
        event = lenient.DefaultSerializer().serialize(envelope)
    except Exception:
        event = None
    answer = raw_event.fallback_response(event)["response"]
    return cast(Response, lenient.read(answer, Response) or Response())


def _report_afresh(handler_input: HandlerInput) -> tuple[Conversation, Reply] | None:
    """A failed symptom report, made again on a conversation that trusts
    nothing stored (a report means the same whatever was stored); None if the
    request is no report or fails again."""
    if not is_intent_name(contract.REPORT_SYMPTOM)(handler_input):
        return None
    conversation = Conversation(handlers.strings_for(handler_input), screen=handlers.has_screen(handler_input))
    loaded = handlers.loaded_conversation(handler_input)
    if loaded is not None:  # its voice was checked when it loaded: keep it for the rest of the session
        conversation.voice = loaded.voice
    try:
        return conversation, handlers.report_or_denial(conversation, handler_input)
    except Exception as exception:  # the apology follows
        logger.error("report failed again: %s", type(exception).__name__)
        return None


def _apology(handler_input: HandlerInput) -> tuple[Conversation, Reply]:
    conversation = handlers.loaded_conversation(handler_input)
    if conversation is None:  # failed before the conversation loaded
        conversation = Conversation(handlers.strings_for(handler_input), screen=handlers.has_screen(handler_input))
    return conversation, conversation.error()

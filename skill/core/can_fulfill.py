"""`CanFulfillIntentRequest`: Alexa asking, before a name-free request is
routed, whether this skill can serve it ("Alexa, my back went into spasm,
should I see a doctor?").

The answer is only a verdict: no speech, no card, no directive, no change to
the conversation and no session attributes, with or without a session and
with or without a user id. What the skill truly serves is YES: the check, a
symptom report whose slots resolve to signs, and the article's information.
A report with a value that resolves to no sign (or none at all) is MAYBE.
Everything else (denials, durations, voice changes, "call 911 for me", the
built-ins, unknown intents) is NO: those belong inside a conversation, or to
Alexa itself.
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler, AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from skill.core import contract
from skill.core.rules import Symptom

REQUEST_TYPE = "CanFulfillIntentRequest"
YES, NO, MAYBE = "YES", "NO", "MAYBE"

# Intents served whatever their slots say.
ALWAYS_SERVED = frozenset({contract.START_CHECK, *contract.INFO_INTENTS})


def slot_verdicts(intent_name: str | None, slots: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """slot name -> (canUnderstand, canFulfill), for each slot that carries a
    value (an empty slot has nothing to understand)."""
    verdicts = {}
    for name, slot in slots.items():
        if not getattr(slot, "value", None):
            continue
        if intent_name == contract.REPORT_SYMPTOM and name in contract.SYMPTOM_SLOTS:
            verdicts[name] = (YES, YES) if _resolves_to_sign(slot) else (MAYBE, NO)
        else:
            verdicts[name] = (NO, NO)
    return verdicts


def intent_verdict(intent_name: str | None, verdicts: dict[str, tuple[str, str]]) -> str:
    if intent_name in ALWAYS_SERVED:
        return YES
    if intent_name == contract.REPORT_SYMPTOM:
        if verdicts and all(verdict == (YES, YES) for verdict in verdicts.values()):
            return YES
        return MAYBE  # a value that is no sign, or no value: the check still runs
    return NO


def _resolves_to_sign(slot: Any) -> bool:
    """Entity resolution matched a SymptomType value whose id is a sign."""
    resolutions = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
    for authority in resolutions:
        code = getattr(getattr(authority, "status", None), "code", None)
        matched = getattr(code, "value", code) == "ER_SUCCESS_MATCH" and authority.values
        if matched and getattr(authority.values[0].value, "id", None) in Symptom.__members__:
            return True
    return False


class CanFulfillIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type(REQUEST_TYPE)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        # Imported here: only these requests pay for the classes.
        from ask_sdk_model.canfulfill import (
            CanFulfillIntent,
            CanFulfillIntentValues,
            CanFulfillSlot,
            CanFulfillSlotValues,
            CanUnderstandSlotValues,
        )

        intent = getattr(handler_input.request_envelope.request, "intent", None)
        name = getattr(intent, "name", None)
        slots = getattr(intent, "slots", None) or {}
        verdicts = slot_verdicts(name, slots if isinstance(slots, dict) else {})
        answer = CanFulfillIntent(
            can_fulfill=CanFulfillIntentValues(intent_verdict(name, verdicts)),
            slots={
                slot: CanFulfillSlot(can_understand=CanUnderstandSlotValues(understand), can_fulfill=CanFulfillSlotValues(fulfill))
                for slot, (understand, fulfill) in verdicts.items()
            },
        )
        return handler_input.response_builder.set_can_fulfill_intent(answer).response


class NoSessionAttributesInterceptor(AbstractResponseInterceptor):
    """A verdict carries no session attributes: registered after the
    interceptor that saves the conversation, it takes them out again."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        if is_request_type(REQUEST_TYPE)(handler_input) and handler_input.request_envelope.session is not None:
            handler_input.attributes_manager.session_attributes = None  # type: ignore[assignment]

"""The last answer when the SDK cannot read or answer a request.

A small reader of the raw event (parsed JSON, no SDK models) finds what must
not be lost: the request type, the intent's name, the symptom ids its slots
resolved to. A symptom report with an emergency sign is answered with the
emergency advice ("Call 911 now" first); any other request of a person's gets
a short apology with the emergency line; requests no person made get the
empty response Alexa requires. Nothing here raises.
"""

from __future__ import annotations

import logging
from typing import Any

from skill.core import contract, speech
from skill.core.conversation import Conversation
from skill.core.rules import EMERGENCY_SIGNS, Symptom

logger = logging.getLogger(__name__)

EMPTY_RESPONSE: dict[str, Any] = {"version": "1.0", "response": {}}

SPOKEN_REQUEST_TYPES = contract.SPOKEN_REQUEST_TYPES


def _field(node: object, *path: str) -> object:
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def request_type(event: object) -> str | None:
    return _text(_field(event, "request", "type"))


def intent_name(event: object) -> str | None:
    return _text(_field(event, "request", "intent", "name"))


def application_id(event: object) -> str | None:
    return _text(_field(event, "context", "System", "application", "applicationId")) or _text(_field(event, "session", "application", "applicationId"))


def resolved_symptoms(event: object) -> list[Symptom]:
    """The symptom ids the symptom slots resolved to (ER_SUCCESS_MATCH), in slot order."""
    found: list[Symptom] = []
    for slot_name in contract.SYMPTOM_SLOTS:
        authorities = _field(event, "request", "intent", "slots", slot_name, "resolutions", "resolutionsPerAuthority")
        for authority in authorities if isinstance(authorities, list) else ():
            if _field(authority, "status", "code") != "ER_SUCCESS_MATCH":
                continue
            values = _field(authority, "values")
            value_id = _field(values[0], "value", "id") if isinstance(values, list) and values else None
            if isinstance(value_id, str) and value_id in Symptom.__members__:
                found.append(Symptom(value_id))
                break
    return found


def _strings(event: object) -> speech.Speech:
    locale = _text(_field(event, "request", "locale"))
    try:
        return speech.for_locale(locale if locale in speech.supported_locales() else speech.DEFAULT_LOCALE)
    except Exception:
        return speech.for_locale(speech.DEFAULT_LOCALE)


def _spoken(ssml: str, ends_session: bool = True) -> dict[str, Any]:
    response: dict[str, Any] = {"outputSpeech": {"type": "SSML", "ssml": f"<speak>{ssml}</speak>"}}
    response["shouldEndSession"] = ends_session
    return {"version": "1.0", "response": response}


def readable_emergency(event: object) -> list[Symptom]:
    """The emergency signs a symptom report in `event` names, as far as it can be read."""
    if request_type(event) != "IntentRequest" or intent_name(event) != contract.REPORT_SYMPTOM:
        return []
    return [symptom for symptom in resolved_symptoms(event) if symptom in EMERGENCY_SIGNS]


def fallback_response(event: object, skill_id: str | None = None) -> dict[str, Any]:
    """The answer to `event` read without the SDK; never raises."""
    try:
        return _fallback(event, skill_id)
    except Exception as exception:  # only the empty response is left
        logger.error("raw fallback failed: %s", type(exception).__name__)
        return dict(EMPTY_RESPONSE)


def _fallback(event: object, skill_id: str | None) -> dict[str, Any]:
    if skill_id and application_id(event) != skill_id:
        return dict(EMPTY_RESPONSE)  # not ours to answer
    if request_type(event) not in SPOKEN_REQUEST_TYPES:
        return dict(EMPTY_RESPONSE)  # Alexa forbids speech here (or it is no request at all)
    strings = _strings(event)
    emergency = readable_emergency(event)
    if emergency:
        reply = Conversation(strings).report(emergency)
        return _spoken(reply.speech)
    return _spoken(speech.join([strings.ssml("error"), strings.ssml("reprompt_safety")]))

"""What every response of the skill must be, checked on the response envelope
as Alexa receives it. Used by the tests, the random-walk benchmark and anything
else that drives the skill and wants to know the answer was well-formed."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from skill.core import speech
from skill.core.rules import Symptom
from skill.core.speech import plain_text
from skill.tools.alexa.envelopes import REMINDERS_SCOPE, AlexaSession, SlotFill

PHONE = "(518) 489-2663"
EMERGENCY_NUMBER = "911"
# Each locale's disclaimer, the last line of its card footer ("Not a diagnosis: ...").
DISCLAIMERS = frozenset(speech.for_locale(locale).text("card_footer").splitlines()[-1] for locale in speech.supported_locales())
# Each locale's emergency line, the end of every reprompt ("If this is an emergency, call 911.").
REPROMPT_SAFETY_LINES = frozenset(speech.for_locale(locale).text("reprompt_safety") for locale in speech.supported_locales())
TELEPHONE_EMERGENCY = f'<say-as interpret-as="telephone">{EMERGENCY_NUMBER}</say-as>'
# A text card, or the Alexa app's card asking for a permission.
CARD_TYPES = ("Simple", "AskForPermissionsConsent")


class ResponseCheckError(AssertionError):
    """A response broke one of the rules every response must keep."""


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ResponseCheckError(message)


# Alexa's SSML values for <prosody> (its SSML reference): named rates and
# volumes, a rate of at least 20%, a volume in dB of at most about +4.08dB.
PROSODY_RATES = frozenset({"x-slow", "slow", "medium", "fast", "x-fast"})
PROSODY_VOLUMES = frozenset({"silent", "x-soft", "soft", "medium", "loud", "x-loud"})
_PERCENT = re.compile(r"^(\d+)%$")
_DECIBELS = re.compile(r"^([+-])(\d+(?:\.\d+)?)dB$")


def _valid_rate(value: str) -> bool:
    percent = _PERCENT.match(value)
    return value in PROSODY_RATES or (percent is not None and int(percent.group(1)) >= 20)


def _valid_volume(value: str) -> bool:
    decibels = _DECIBELS.match(value)
    return value in PROSODY_VOLUMES or (decibels is not None and (decibels.group(1) == "-" or float(decibels.group(2)) <= 4.08))


def check_ssml(ssml: str) -> None:
    """Well-formed SSML with only <speak> and telephone <say-as> elements, and
    at most one <prosody> (a rate and a volume Alexa accepts) around all the
    rest; ET.ParseError when it does not parse."""
    root = ET.fromstring(ssml)
    _require(root.tag == "speak", f"root element is {root.tag}, not speak")
    for element in root.iter():
        _require(element.tag in {"speak", "say-as", "prosody"}, f"unexpected element {element.tag}")
        if element.tag == "say-as":
            _require(element.get("interpret-as") == "telephone", "say-as is not a telephone number")
        if element.tag == "prosody":
            _require(element is root.find("prosody"), "prosody inside something else")
            _require(not (root.text or "").strip() and not (element.tail or "").strip() and len(root) == 1, "speech outside the prosody")
            _require(bool(element.attrib) and set(element.attrib) <= {"rate", "volume"}, f"prosody with {sorted(element.attrib)}")
            _require(_valid_rate(element.get("rate", "medium")), f"prosody rate {element.get('rate')!r}")
            _require(_valid_volume(element.get("volume", "medium")), f"prosody volume {element.get('volume')!r}")


def check_response(envelope: dict[str, Any]) -> dict[str, Any]:
    """Every open response has a reprompt ending with the emergency line; a closing one says so explicitly;
    a card carries the clinic's number and the disclaimer. Returns the envelope."""
    _require(envelope.get("version") == "1.0", "version is not 1.0")
    response = envelope["response"]
    if not response:  # requests that must not be spoken to answer with nothing
        return envelope
    if "canFulfillIntent" in response:  # a name-free verdict: nothing said, nothing kept
        _require(set(response) == {"canFulfillIntent"}, "a CanFulfillIntent verdict with more than the verdict")
        _require("sessionAttributes" not in envelope, "a CanFulfillIntent verdict with session attributes")
        return envelope
    if AlexaSession.asks_for_permission(envelope):
        # Alexa's own permission prompt: nothing of ours said, the session left to Alexa.
        _require(set(response) == {"directives"} and len(response["directives"]) == 1, "AskFor with more than its directive")
        return envelope
    check_ssml(response["outputSpeech"]["ssml"])
    _require(response["outputSpeech"]["type"] == "SSML", "speech is not SSML")
    if response.get("shouldEndSession") is False:
        reprompt = response["reprompt"]["outputSpeech"]["ssml"]
        check_ssml(reprompt)
        _require(bool(plain_text(reprompt)), "empty reprompt")
        _require(any(plain_text(reprompt).endswith(line) for line in REPROMPT_SAFETY_LINES), "a reprompt without the emergency line")
        _require(TELEPHONE_EMERGENCY in reprompt, "the reprompt's emergency number is not a telephone say-as")
    else:
        _require(response.get("shouldEndSession") is True, "a closing response sets shouldEndSession explicitly")
        _require("reprompt" not in response, "a closing response has a reprompt")
    card = response.get("card")
    if card is not None:
        _require(card.get("type") in CARD_TYPES, f"unexpected card type {card.get('type')}")
    if card is not None and card["type"] == "AskForPermissionsConsent":
        _require(card.get("permissions") == [REMINDERS_SCOPE], "a permission card for another permission")
    if card is not None and card["type"] == "Simple":
        _require(PHONE in card["content"], "a card without the clinic's number")
        _require(any(disclaimer in card["content"] for disclaimer in DISCLAIMERS), "a card without the disclaimer")
    return envelope


def symptom_slot(symptom: Symptom, spoken: str | None = None) -> SlotFill:
    """A SymptomType slot as Alexa fills it when entity resolution matched."""
    name = symptom.value.lower().replace("_", " ")
    return SlotFill(spoken=spoken or name, value_id=symptom.value, resolved_name=name, slot_type="SymptomType")

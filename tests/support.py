"""Shared test helpers: the real Lambda entry point, driven with real Alexa
request envelopes, and a check applied to every response it gives."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape

from skill.core.rules import Symptom
from skill.tools.envelopes import AlexaSession, SlotFill
from skill.tools.lambda_entry import load_lambda_handler

PHONE = "(518) 489-2663"
EMERGENCY_NUMBER = "911"


LAMBDA_HANDLER = load_lambda_handler()


def plain(ssml: str) -> str:
    """What a listener hears, as text."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", ssml))).strip()


def check_ssml(ssml: str) -> None:
    root = ET.fromstring(ssml)  # raises on malformed SSML
    assert root.tag == "speak"
    for element in root.iter():
        assert element.tag in {"speak", "say-as"}, element.tag
        if element.tag == "say-as":
            assert element.get("interpret-as") == "telephone"


def check_response(envelope: dict) -> dict:
    """What every response must be (docs/design.md, conversation rules 7 and 8)."""
    assert envelope["version"] == "1.0"
    response = envelope["response"]
    if not response:  # only SessionEndedRequest may answer with nothing
        return envelope
    check_ssml(response["outputSpeech"]["ssml"])
    assert response["outputSpeech"]["type"] == "SSML"
    if response.get("shouldEndSession") is False:
        reprompt = response["reprompt"]["outputSpeech"]["ssml"]
        check_ssml(reprompt)
        assert plain(reprompt)
    else:
        assert response.get("shouldEndSession") is True, "a closing response sets shouldEndSession explicitly"
        assert "reprompt" not in response
    card = response.get("card")
    if card is not None:
        assert card["type"] == "Simple"
        assert PHONE in card["content"]
        assert "Not a diagnosis" in card["content"]
    return envelope


class Dialog(AlexaSession):
    """A session with the real Lambda handler, every response checked, plus
    shorthands for reading what was said."""

    def __init__(self, **kwargs):
        super().__init__(lambda event: check_response(LAMBDA_HANDLER(event, None)), **kwargs)
        self.last: dict = {}

    def send(self, *args, **kwargs) -> dict:
        self.last = super().send(*args, **kwargs)
        return self.last

    # What was said in the last response.
    @property
    def said(self) -> str:
        return plain(self.last["response"]["outputSpeech"]["ssml"])

    @property
    def reprompt(self) -> str:
        return plain(self.last["response"]["reprompt"]["outputSpeech"]["ssml"])

    @property
    def card(self) -> dict | None:
        return self.last["response"].get("card")

    @property
    def asking(self) -> str | None:
        return (self.last.get("sessionAttributes") or {}).get("asking")

    # Shorthand moves.
    def yes(self):
        return self.intent("AMAZON.YesIntent")

    def no(self):
        return self.intent("AMAZON.NoIntent")

    def not_sure(self):
        return self.intent("NotSureIntent")

    def report(self, *symptoms: Symptom):
        slots: dict[str, SlotFill | None] = dict(zip(("symptom", "otherSymptom"), map(symptom_slot, symptoms), strict=False))
        slots.setdefault("otherSymptom", None)
        return self.intent("ReportSymptomIntent", slots)


def symptom_slot(symptom: Symptom, spoken: str | None = None) -> SlotFill:
    name = symptom.value.lower().replace("_", " ")
    return SlotFill(spoken=spoken or name, value_id=symptom.value, resolved_name=name, slot_type="SymptomType")


def is_emergency_advice(dialog: Dialog) -> bool:
    return dialog.said.startswith(f"Call {EMERGENCY_NUMBER} now.") and dialog.ended


def is_see_doctor_advice(dialog: Dialog) -> bool:
    return dialog.ended and "see a doctor" in dialog.said and PHONE in dialog.said and not dialog.said.startswith("Call 911")


def is_self_care_advice(dialog: Dialog) -> bool:
    return dialog.ended and "none of the warning signs apply" in dialog.said and PHONE in dialog.said

"""Shared test helpers: the real Lambda entry point, driven with real Alexa
request envelopes, and a check applied to every response it gives."""

from __future__ import annotations

from skill.core.rules import Symptom
from skill.tools.envelopes import AlexaSession, SlotFill
from skill.tools.lambda_entry import load_lambda_handler
from skill.tools.response_checks import (  # noqa: F401 - re-exported for the tests
    EMERGENCY_NUMBER,
    PHONE,
    check_response,
    check_ssml,
    plain,
    symptom_slot,
)

LAMBDA_HANDLER = load_lambda_handler()


def check_screen(event: dict, envelope: dict) -> dict:
    """A device with a screen gets one RenderDocument with every answer; a
    voice-only device never gets a directive."""
    response = envelope["response"]
    if AlexaSession.asks_for_permission(envelope):
        return envelope  # Alexa's own permission prompt: its directive only (checked by check_response)
    if "Alexa.Presentation.APL" not in event["context"]["System"]["device"]["supportedInterfaces"]:
        assert "directives" not in response, response.get("directives")
    elif response:
        (directive,) = response["directives"]
        assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
        assert directive["document"]["type"] == "APL" and directive["datasources"]["screen"]["kind"]
    return envelope


class Dialog(AlexaSession):
    """A session with the real Lambda handler, every response checked (and
    its screen, see check_screen), plus shorthands for reading what was said."""

    def __init__(self, **kwargs):
        super().__init__(lambda event: check_screen(event, check_response(LAMBDA_HANDLER(event, None))), **kwargs)
        self.last: dict = {}

    def send(self, *args, **kwargs) -> dict:
        self.last = super().send(*args, **kwargs)
        return self.last

    # What was said in the last response.
    @property
    def said(self) -> str:
        """What was said ("" when the skill handed over to Alexa's permission prompt)."""
        speech = self.last["response"].get("outputSpeech")
        return plain(speech["ssml"]) if speech else ""

    @property
    def reprompt(self) -> str:
        return plain(self.last["response"]["reprompt"]["outputSpeech"]["ssml"])

    @property
    def card(self) -> dict | None:
        return self.last["response"].get("card")

    @property
    def asking(self) -> str | None:
        return (self.last.get("sessionAttributes") or {}).get("asking")

    @property
    def offering_reminder(self) -> bool:
        return not self.ended and (self.last.get("sessionAttributes") or {}).get("offering_reminder") is True

    @property
    def asked_for_permission(self) -> bool:
        return self.asks_for_permission(self.last)

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


def is_emergency_advice(dialog: Dialog) -> bool:
    return dialog.said.startswith(f"Call {EMERGENCY_NUMBER} now.") and dialog.ended


def is_see_doctor_advice(dialog: Dialog) -> bool:
    return dialog.ended and "see a doctor" in dialog.said and PHONE in dialog.said and not dialog.said.startswith("Call 911")


def is_self_care_advice(dialog: Dialog) -> bool:
    """The self-care advice, which ends with the offer of a reminder (the session stays open for the answer)."""
    return dialog.offering_reminder and "no warning signs" in dialog.said.lower() and f"Call {EMERGENCY_NUMBER} if you" in dialog.said

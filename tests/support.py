"""Shared test helpers: the real Lambda entry point, driven with real Alexa
request envelopes, and a check applied to every response it gives."""

from __future__ import annotations

import json
from functools import cache

from skill.core.rules import Symptom
from skill.core.speech import LOCALES_DIR, Speech, for_locale
from skill.core.speech import plain_text as plain
from skill.testing.response_checks import (  # noqa: F401 - re-exported for the tests
    EMERGENCY_NUMBER,
    PHONE,
    check_response,
    check_ssml,
    symptom_slot,
)
from skill.tools.alexa.envelopes import AlexaSession, SlotFill
from skill.tools.alexa.lambda_entry import load_lambda_handler

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


@cache
def locale_data(locale: str) -> dict[str, str]:
    """The locale file's `locale_data`: its emergency number, clinic name and phone."""
    return json.loads((LOCALES_DIR / f"{locale}.json").read_text(encoding="utf-8"))["locale_data"]


def around(words: Speech, key: str, field: str = "names") -> tuple[str, str]:
    """The plain text of `key` before and after its `field` placeholder."""
    before, after = words.text(key, **{field: "\0"}).split("\0")
    return before, after


class Dialog(AlexaSession):
    """A session with the real Lambda handler, every response checked (and
    its screen, see check_screen), plus shorthands for reading what was said.
    `locale` (en-US by default) is the locale of every request; `words` are
    its strings, to compare what was said with."""

    def __init__(self, **kwargs):
        super().__init__(lambda event: check_screen(event, check_response(LAMBDA_HANDLER(event, None))), **kwargs)
        self.last: dict = {}

    def send(self, *args, **kwargs) -> dict:
        self.last = super().send(*args, **kwargs)
        return self.last

    # What was said in the last response.
    @property
    def words(self) -> Speech:
        return for_locale(self.locale)

    def name(self, symptom: Symptom) -> str:
        """The symptom's name in this locale ("a fever", "fiebre")."""
        return self.words.text(f"symptoms.{symptom.value}.name")

    def symptom_slot(self, symptom: Symptom) -> SlotFill:
        """A SymptomType slot with the symptom's name in this locale as what was heard."""
        return symptom_slot(symptom, self.name(symptom))

    @property
    def said(self) -> str:
        """What was said ("" when the skill handed over to Alexa's permission prompt)."""
        speech = self.last["response"].get("outputSpeech")
        return plain(speech["ssml"]) if speech else ""

    @property
    def reprompt(self) -> str:
        return plain(self.last["response"]["reprompt"]["outputSpeech"]["ssml"])

    @property
    def safety_line(self) -> str:
        """This locale's emergency line, the end of every reprompt."""
        return self.words.text("reprompt_safety")

    @property
    def reprompted_question(self) -> str:
        """The reprompt before its emergency line (which must be there, last)."""
        question, line = self.reprompt[: -len(self.safety_line)].rstrip(), self.reprompt[-len(self.safety_line) :]
        assert line == self.safety_line, self.reprompt
        return question

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
        slots: dict[str, SlotFill | None] = dict(zip(("symptom", "otherSymptom"), map(self.symptom_slot, symptoms), strict=False))
        slots.setdefault("otherSymptom", None)
        return self.intent("ReportSymptomIntent", slots)


def is_emergency_advice(dialog: Dialog) -> bool:
    """The call-911 advice: the locale's "Call 911 now." first, and the session ends."""
    return dialog.said.startswith(dialog.words.text("advice.EMERGENCY.first")) and dialog.ended


def is_see_doctor_advice(dialog: Dialog) -> bool:
    """The see-a-doctor advice, with the clinic's number, and the session ends."""
    before, after = around(dialog.words, "advice.SEE_DOCTOR.speech")
    return (
        dialog.ended
        and before in dialog.said
        and after in dialog.said
        and locale_data(dialog.locale)["clinic_phone"] in dialog.said
        and not is_emergency_advice(dialog)
    )


def is_self_care_advice(dialog: Dialog) -> bool:
    """The self-care advice, with the call-911 warning, which ends with the
    offer of a reminder (the session stays open for the answer)."""
    warning, _ = around(dialog.words, "advice.SELF_CARE.warning")
    return (
        dialog.offering_reminder
        and dialog.words.text("advice.SELF_CARE.speech") in dialog.said
        and warning in dialog.said
        and dialog.said.endswith(dialog.words.text("reminder.offer"))
    )


def lexicon_mentions(line: str, locale: str = "en-US") -> set[tuple[object, object]]:
    """What the lexicon reads in a line: (sign, polarity) pairs."""
    from skill.core.lexicon import read

    return {(m.sign, m.polarity) for m in read(line, locale).mentions}

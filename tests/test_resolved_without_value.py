"""A symptom slot that entity resolution matched is trusted by its id, even
when Alexa sends no `value` with it (null or ""), in both symptom slots."""

from __future__ import annotations

import pytest

from skill.core import contract
from skill.core.rules import Symptom
from skill.core.speech import plain_text as plain
from skill.testing.response_checks import check_response, symptom_slot
from skill.tools.alexa import envelopes
from tests.support import LAMBDA_HANDLER, for_locale


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
@pytest.mark.parametrize("slot", contract.SYMPTOM_SLOTS)
@pytest.mark.parametrize("value", [None, ""])
def test_a_resolved_emergency_without_a_value_is_an_emergency(locale, slot, value):
    event = envelopes.intent_request(contract.REPORT_SYMPTOM, {slot: symptom_slot(Symptom.LIMB_NUMBNESS)}, locale=locale)
    event["request"]["intent"]["slots"][slot]["value"] = value
    response = check_response(LAMBDA_HANDLER(event, None))
    said = plain(response["response"]["outputSpeech"]["ssml"])
    assert said.startswith(for_locale(locale).text("advice.EMERGENCY.first")), said


def test_an_empty_slot_without_resolutions_is_still_empty():
    event = envelopes.intent_request(contract.DENY_SYMPTOM, {contract.SYMPTOM_SLOT: None})
    response = check_response(LAMBDA_HANDLER(event, None))
    said = plain(response["response"]["outputSpeech"]["ssml"])
    assert for_locale("en-US").text("unknown_symptom") not in said

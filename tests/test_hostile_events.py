"""The Lambda entry never raises, and never loses an emergency it can read:
hostile events (every field of real envelopes replaced by wrong types, unknown
enum values, deep nesting, or removed; events that are no object) through the
real `lambda_handler`. The long run is `bench/hostile_events.py`."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.core import contract
from skill.core.rules import Symptom
from skill.testing.hostile_events import answered_with_emergency_first, base_events, is_readable_emergency, mutate
from skill.testing.response_checks import symptom_slot
from skill.tools.alexa import envelopes
from tests.support import LAMBDA_HANDLER

BASES = base_events()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(BASES))), st.randoms(use_true_random=False))
def test_hostile_events_never_raise_and_keep_readable_emergencies(base, rng):
    event = mutate(BASES[base], random.Random(rng.random()))
    response = LAMBDA_HANDLER(event, None)  # raises: the test fails
    assert isinstance(response, dict) and isinstance(response.get("response"), dict)
    if is_readable_emergency(event):
        assert answered_with_emergency_first(event, response), response


def _emergency(locale: str = "en-US") -> dict:
    return envelopes.intent_request(contract.REPORT_SYMPTOM, {contract.SYMPTOM_SLOT: symptom_slot(Symptom.LIMB_NUMBNESS)}, locale=locale)


def _deep(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def _resolution(event: dict) -> dict:
    return event["request"]["intent"]["slots"][contract.SYMPTOM_SLOT]["resolutions"]["resolutionsPerAuthority"][0]


def _without_context(event: dict) -> dict:
    del event["context"]
    return event


def _with(path: tuple, value: object):
    def change(event: dict) -> dict:
        node = event
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return event

    return change


# Each a cause of an escaped exception with an emergency still readable in the event.
EMERGENCY_CASES = {
    "new status code": lambda event: (
        (_resolution(event)["status"].update(code="ER_SUCCESS_MATCH"), event)[1] and _with(("request", "dialogState"), "A_STATE_AMAZON_ADDS_TOMORROW")(event)
    ),
    "new confirmation status": _with(("request", "intent", "confirmationStatus"), "PARTLY_CONFIRMED"),
    "wrong-typed timestamp": _with(("request", "timestamp"), {"at": 5}),
    "deep nesting in a slot": _with(("request", "intent", "slots", contract.SYMPTOM_SLOT, "extra"), _deep(30000)),
    "deep nesting in the attributes": _with(("session", "attributes"), {"x": _deep(30000)}),
    "context missing": _without_context,
    "context empty": _with(("context",), {}),
    "device a string": _with(("context", "System", "device"), "echo"),
    "slot value a number": _with(("request", "intent", "slots", contract.SYMPTOM_SLOT, "value"), 7),
}


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
@pytest.mark.parametrize("case", sorted(EMERGENCY_CASES))
def test_an_emergency_survives_what_the_sdk_cannot_read(case, locale):
    event = EMERGENCY_CASES[case](_emergency(locale))
    response = LAMBDA_HANDLER(event, None)
    assert answered_with_emergency_first(event, response), response


@pytest.mark.parametrize(
    "event",
    [None, [], "event", 7, {"request": {"type": ["IntentRequest"]}}, {"request": {"type": 5}}, {"version": "1.0"}],
)
def test_no_object_or_no_readable_type_gets_the_empty_response(event):
    assert LAMBDA_HANDLER(event, None) == {"version": "1.0", "response": {}}


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_a_null_intent_gets_the_apology_with_the_emergency_line(locale):
    event = envelopes.intent_request(contract.YES, locale=locale)
    event["request"]["intent"] = None
    response = LAMBDA_HANDLER(event, None)
    from skill.core.speech import for_locale
    from skill.core.speech import plain_text as plain
    from skill.testing.response_checks import check_response

    check_response(response)
    said = plain(response["response"]["outputSpeech"]["ssml"])
    words = for_locale(locale)
    assert said.startswith(words.text("error")) and words.text("reprompt_safety") in said


def test_an_unknown_status_code_is_kept_as_unknown_not_fatal():
    event = envelopes.intent_request(contract.REPORT_SYMPTOM, {contract.SYMPTOM_SLOT: symptom_slot(Symptom.FEVER)})
    _resolution(event)["status"]["code"] = "ER_SUCCESS_SOMETHING_NEW"
    response = LAMBDA_HANDLER(event, None)
    assert response["response"]["outputSpeech"]["ssml"]  # answered: the value counts as not matched


@pytest.mark.parametrize("locale", ["9" * 300, "xx-XX", "../en-US"])
def test_a_report_in_a_locale_with_no_lexicon_keeps_its_emergency(locale):
    # The lexicon is chosen among its files, never built from the request's locale.
    event = _emergency()
    event["request"]["locale"] = locale
    response = LAMBDA_HANDLER(event, None)
    assert answered_with_emergency_first(event, response), response

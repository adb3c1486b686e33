"""The safety properties, over random dialogs through the real Lambda handler
(the walk and its oracle: skill/testing/walks.py):

- whenever an emergency sign is reported by any route (a report, a yes to its
  question, a second "not sure"), the very next response is the call-911
  advice and the session ends, never the catch-all apology, whatever was
  denied before;
- "call 911 for me" gets "call 911 now" first and ends the session;
- call-911 advice only with an emergency sign on record, and self-care advice
  never while any sign is on record;
- every response is well formed: SSML that parses, with only `speak` and
  telephone `say-as` elements; a reprompt whenever the session stays open;
- repeat says the last question again;
- the reminder is offered only with the self-care advice: never after an
  emergency, never while any sign is on record. The walks answer the offer and
  Alexa's permission prompt; the third test reaches a fake Reminders API
  (tests/fake_reminders_api.py) that sometimes refuses.

The second test tampers with the session attributes between turns (random JSON
in every field, wrong types, SSML, values that look like the skill's own), as a
client could: the properties must hold all the same.
"""

from __future__ import annotations

import os
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.core.rules import Symptom
from skill.core.speech import supported_locales
from skill.testing.tampering import KEEP, KNOWN_FIELDS, PLAUSIBLE
from skill.testing.walks import DURATIONS, INTENTS, PERMISSION_ANSWERS, Tally, walk

steps = st.one_of(
    st.sampled_from([("launch",), ("session_ended",), *(("intent", name) for name in INTENTS)]),
    st.tuples(st.just("report"), st.lists(st.sampled_from(list(Symptom)), min_size=1, max_size=2).map(tuple)),
    st.tuples(st.just("deny"), st.lists(st.sampled_from(list(Symptom)), min_size=1, max_size=2).map(tuple)),
    st.tuples(st.just("duration"), st.sampled_from(list(DURATIONS))),
    st.just(("no_to_every_question",)),
    st.tuples(st.just("permission"), st.sampled_from(PERMISSION_ANSWERS)),
)
json_keys = st.sampled_from(["answers", "unsure_once", "speech", "reprompt", "rate", "volume"]) | st.text(max_size=4)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(json_keys, children, max_size=3),
    max_leaves=8,
)
tampering = st.tuples(
    st.just("tamper"), st.lists(st.just(KEEP) | json_values | st.sampled_from(PLAUSIBLE), min_size=1, max_size=len(KNOWN_FIELDS) + 1).map(tuple)
)


# Each example is played in one of the locales (drawn, so both are walked
# without doubling the examples).
locales = st.sampled_from(supported_locales())


def assert_safe(plan: list, locale: str = "en-US", **reminders_api) -> Tally:
    tally = Tally()
    walk(plan, tally, locale=locale, **reminders_api)
    assert tally.failures == 0, tally.problems
    return tally


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(steps, min_size=1, max_size=25), locales)
def test_emergencies_always_end_with_911_and_self_care_never_hides_a_sign(plan, locale):
    assert_safe(plan, locale)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.one_of(steps, tampering), min_size=1, max_size=25), locales)
def test_the_properties_hold_whatever_the_client_sends_back_as_session_attributes(plan, locale):
    assert_safe(plan, locale)


TO_THE_REMINDER_OFFER = [("launch",), ("intent", "AMAZON.YesIntent"), ("no_to_every_question",)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(steps, min_size=1, max_size=12), st.booleans(), st.sampled_from([200, 200, 403, 503]), locales)
def test_the_same_from_the_reminder_offer_with_the_reminders_api(reminders_server, plan, granted, api_status, locale):
    reminders_server.reset()
    reminders_server.status = api_status
    with mock.patch.dict(os.environ, {"REQUESTS_CA_BUNDLE": str(reminders_server.ca_bundle)}):
        tally = assert_safe(TO_THE_REMINDER_OFFER + plan, locale, api_endpoint=reminders_server.url, reminders_granted=granted)
    assert tally.reminder_offers >= 1

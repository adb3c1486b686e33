"""CanFulfillIntentRequest through real envelopes: the Lambda handler and the
verified self-hosted endpoint, both locales, every intent of each model,
resolved, unresolved and empty slots, with and without a session or a user.
The answer is a verdict only: no speech, no session attributes."""

from __future__ import annotations

import json

import pytest

from skill.core import contract
from skill.core.rules import Symptom
from skill.hosting.app import create_app
from skill.testing.signing import make_pki
from skill.tools.alexa.envelopes import SlotFill, can_fulfill_request, intent_request, launch_request
from skill.tools.model import load
from skill.tools.paths import INTERACTION_MODEL_DIR, model_path
from tests.support import check_response, symptom_slot

SKILL_ID = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"
LOCALES = ("en-US", "es-US")
SERVED = {contract.START_CHECK, *contract.INFO_INTENTS}
# Ways Alexa may send the question: in a session, outside one, without a user id.
DELIVERIES = {
    "in session": {},
    "no session": {"in_session": False},
    "no user": {"with_user": False},
    "no session, no user": {"in_session": False, "with_user": False},
}


def model_intents(locale: str) -> list[str]:
    return list(load(model_path(locale, INTERACTION_MODEL_DIR)).intent_names)


def expected(intent: str) -> str:
    if intent in SERVED:
        return "YES"
    return "MAYBE" if intent == contract.REPORT_SYMPTOM else "NO"


def unresolved(spoken: str = "purple elbows") -> SlotFill:
    return SlotFill(spoken=spoken, slot_type=contract.SYMPTOM_TYPE)  # ER_SUCCESS_NO_MATCH


def verdict(response: dict) -> dict:
    """The verdict, after checking it is all the response holds."""
    check_response(response)
    assert set(response["response"]) == {"canFulfillIntent"}, response
    assert "outputSpeech" not in response["response"] and "sessionAttributes" not in response
    return response["response"]["canFulfillIntent"]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("delivery", DELIVERIES)
def test_every_intent_of_the_model_gets_its_verdict(lambda_handler, locale, delivery):
    intents = model_intents(locale)
    assert len(intents) == len(contract.INTENTS)
    for intent in intents:
        event = can_fulfill_request(intent, locale=locale, **DELIVERIES[delivery])
        assert verdict(lambda_handler(event, None)) == {"canFulfill": expected(intent), "slots": {}}, intent


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("symptom", list(Symptom))
def test_a_report_whose_slot_resolves_is_yes(lambda_handler, locale, symptom):
    event = can_fulfill_request(
        contract.REPORT_SYMPTOM, {"symptom": symptom_slot(symptom), "otherSymptom": None}, locale=locale, in_session=False, with_user=False
    )
    assert verdict(lambda_handler(event, None)) == {
        "canFulfill": "YES",
        "slots": {"symptom": {"canUnderstand": "YES", "canFulfill": "YES"}},
    }


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("slots", "intent_verdict", "slot_verdicts"),
    [
        (
            {"symptom": symptom_slot(Symptom.FEVER), "otherSymptom": symptom_slot(Symptom.LIMB_NUMBNESS)},
            "YES",
            {"symptom": ("YES", "YES"), "otherSymptom": ("YES", "YES")},
        ),
        ({"symptom": unresolved(), "otherSymptom": None}, "MAYBE", {"symptom": ("MAYBE", "NO")}),
        ({"symptom": symptom_slot(Symptom.FEVER), "otherSymptom": unresolved()}, "MAYBE", {"symptom": ("YES", "YES"), "otherSymptom": ("MAYBE", "NO")}),
        # Resolved to an id that is no sign of the rules: not understood either.
        ({"symptom": SlotFill("sore toe", "SORE_TOE", "sore toe", contract.SYMPTOM_TYPE)}, "MAYBE", {"symptom": ("MAYBE", "NO")}),
        ({"symptom": None, "otherSymptom": None}, "MAYBE", {}),  # empty slots: nothing to understand
        ({"symptom": "a fever"}, "MAYBE", {"symptom": ("MAYBE", "NO")}),  # no entity resolution at all
    ],
    ids=["both resolve", "unresolved", "one of two unresolved", "unknown id", "empty", "no resolutions"],
)
def test_report_slots(lambda_handler, locale, slots, intent_verdict, slot_verdicts):
    event = can_fulfill_request(contract.REPORT_SYMPTOM, slots, locale=locale)
    assert verdict(lambda_handler(event, None)) == {
        "canFulfill": intent_verdict,
        "slots": {name: {"canUnderstand": u, "canFulfill": f} for name, (u, f) in slot_verdicts.items()},
    }


@pytest.mark.parametrize(
    ("intent", "slots"),
    [
        (contract.DENY_SYMPTOM, {"symptom": symptom_slot(Symptom.FEVER), "otherSymptom": None}),
        (contract.DURATION, {"duration": SlotFill("two weeks"), "startDate": None}),
        ("PizzaIntent", {"topping": SlotFill("cheese")}),
    ],
)
def test_what_the_skill_does_not_serve_name_free_is_no_with_its_slots(lambda_handler, intent, slots):
    slot = next(name for name, fill in slots.items() if fill is not None)
    response = lambda_handler(can_fulfill_request(intent, slots), None)
    assert verdict(response) == {"canFulfill": "NO", "slots": {slot: {"canUnderstand": "NO", "canFulfill": "NO"}}}


def test_the_question_changes_nothing_in_the_conversation(lambda_handler):
    """Asked mid-check, the verdict carries no attributes back, and the same
    turn afterwards is answered exactly as without the question."""
    launched = lambda_handler(launch_request(), None)
    mid_check = lambda_handler(intent_request(contract.YES, attributes=launched["sessionAttributes"], new=False), None)["sessionAttributes"]
    assert mid_check  # the first question is pending
    before = lambda_handler(intent_request(contract.NO, attributes=mid_check, new=False), None)
    asked = lambda_handler(can_fulfill_request(contract.REPORT_SYMPTOM, {"symptom": symptom_slot(Symptom.FEVER)}, attributes=mid_check, new=False), None)
    verdict(asked)
    after = lambda_handler(intent_request(contract.NO, attributes=mid_check, new=False), None)
    assert after["response"] == before["response"] and after["sessionAttributes"] == before["sessionAttributes"]


# ---- the verified self-hosted endpoint ------------------------------------------


@pytest.fixture(scope="module")
def pki():
    return make_pki()


@pytest.fixture(scope="module")
def client(pki):
    return create_app(skill_id=SKILL_ID, trust_roots=pki.trust_roots, fetch_certificate=pki.fetch).test_client()


def signed_post(client, pki, event: dict, *, tamper: bool = False):
    body = json.dumps(event)
    headers = {"Content-Type": "application/json", **pki.headers(body)}
    if tamper:
        body = body.replace('"locale"', '"locale" ', 1)  # same JSON, other bytes: the signature no longer matches
    return client.post("/alexa", data=body, headers=headers)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("delivery", DELIVERIES)
def test_the_endpoint_answers_a_signed_question(client, pki, locale, delivery):
    for intent, slots, want in [
        (contract.START_CHECK, None, "YES"),
        (contract.CAUSES, None, "YES"),
        (contract.REPORT_SYMPTOM, {"symptom": symptom_slot(Symptom.WEIGHT_LOSS), "otherSymptom": None}, "YES"),
        (contract.REPORT_SYMPTOM, {"symptom": unresolved(), "otherSymptom": None}, "MAYBE"),
        (contract.REPORT_SYMPTOM, {"symptom": None, "otherSymptom": None}, "MAYBE"),
        (contract.CALL_FOR_HELP, None, "NO"),
        (contract.STOP, None, "NO"),
    ]:
        event = can_fulfill_request(intent, slots, locale=locale, skill_id=SKILL_ID, **DELIVERIES[delivery])
        response = signed_post(client, pki, event)
        assert response.status_code == 200, response.get_data(as_text=True)
        assert verdict(response.get_json())["canFulfill"] == want, intent


def test_a_tampered_question_is_refused(client, pki):
    event = can_fulfill_request(contract.START_CHECK, skill_id=SKILL_ID, in_session=False, with_user=False)
    response = signed_post(client, pki, event, tamper=True)
    assert response.status_code == 400
    assert response.is_json and response.get_json() == {"error": "request verification failed"}


def test_the_question_logs_no_intent_or_slot_value(lambda_handler, caplog):
    """Which sign a person named is health information: at INFO only the request type."""
    event = can_fulfill_request(contract.REPORT_SYMPTOM, {"symptom": symptom_slot(Symptom.FEVER, "burning up")}, in_session=False, with_user=False)
    with caplog.at_level("INFO"):
        verdict(lambda_handler(event, None))
    logged = " ".join(record.getMessage() for record in caplog.records if record.levelname != "DEBUG")
    assert "CanFulfillIntentRequest" in logged
    assert not {"burning", "FEVER", contract.REPORT_SYMPTOM} & set(logged.replace(".", " ").split())

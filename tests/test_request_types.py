"""Every request type Alexa can send, with and without a session, through the
real Lambda handler: a person's requests get a spoken answer; everything else
(session ends, skill and list events, messages, audio and system notices) an
empty response, as Alexa requires."""

from __future__ import annotations

import pytest

from skill.core.rules import Symptom
from skill.core.speech import for_locale
from skill.tools.alexa.envelopes import (
    event_request,
    intent_request,
    launch_request,
    out_of_session,
    session_ended_request,
)
from tests.support import EMERGENCY_NUMBER, check_response, plain, symptom_slot

TIME = "2026-01-01T00:00:00Z"

# Requests Alexa sends outside any session, with the fields of each request.
OUT_OF_SESSION_EVENTS: dict[str, dict] = {
    "AlexaSkillEvent.SkillEnabled": {"eventCreationTime": TIME, "eventPublishingTime": TIME},
    "AlexaSkillEvent.SkillDisabled": {"eventCreationTime": TIME, "body": {"userInformationPersistenceStatus": "NOT_PERSISTED"}},
    "AlexaSkillEvent.SkillPermissionAccepted": {"body": {"acceptedPermissions": [{"scope": "alexa::alerts:reminders:skill:readwrite"}]}},
    "AlexaSkillEvent.SkillPermissionChanged": {"body": {"acceptedPermissions": []}},
    "AlexaSkillEvent.SkillAccountLinked": {"body": {"accessToken": "token"}},
    "AlexaSkillEvent.ProactiveSubscriptionChanged": {"body": {"subscriptions": []}},
    "AlexaHouseholdListEvent.ItemsCreated": {"body": {"listId": "l1", "listItemIds": ["i1"]}},
    "AlexaHouseholdListEvent.ListDeleted": {"body": {"listId": "l1"}},
    "Messaging.MessageReceived": {"message": {"text": "hello"}},
    "Reminders.ReminderCreated": {"body": {"alertToken": "a1"}},
    "Reminders.ReminderStarted": {"body": {"alertToken": "a1"}},
    "Alexa.Authorization.Grant": {"body": {"grant": {"type": "OAuth2.AuthorizationCode", "code": "c"}}},
}  # fmt: skip
# CanFulfillIntentRequest is answered with a verdict and nothing else: tests/test_can_fulfill.py.

# Notices Alexa sends within a session that may not be answered with speech.
SILENT_IN_SESSION: dict[str, dict] = {
    "System.ExceptionEncountered": {"error": {"type": "INVALID_RESPONSE", "message": "bad"},
                                    "cause": {"requestId": "amzn1.echo-api.request.1"}},
    "AudioPlayer.PlaybackStarted": {"token": "t", "offsetInMilliseconds": 0},
    "AudioPlayer.PlaybackFailed": {"token": "t", "error": {"type": "MEDIA_ERROR_UNKNOWN", "message": "x"}},
    "PlaybackController.PlayCommandIssued": {},
    "Alexa.Presentation.APL.RuntimeError": {"token": "t", "errors": []},
}  # fmt: skip

GARBAGE_ATTRIBUTES: list[dict] = [
    {}, {"asking": []}, {"asking": {}}, {"triage": "x", "asking": 3, "last": [1]},
    {"last": {"speech": "</speak><audio src='https://evil.example/a.mp3'/><speak>", "reprompt": "a & b"}},
]  # fmt: skip


def emergency_report(**session) -> dict:
    slots = {"symptom": symptom_slot(Symptom.MUSCLE_WEAKNESS, "my legs are giving way"), "otherSymptom": None}
    return intent_request("ReportSymptomIntent", slots, **session)


def answered_silently(response: dict) -> None:
    check_response(response)
    assert response["response"] == {}, response


@pytest.mark.parametrize("request_type", OUT_OF_SESSION_EVENTS)
def test_out_of_session_events_get_an_empty_response(lambda_handler, request_type):
    event = out_of_session(event_request(request_type, **OUT_OF_SESSION_EVENTS[request_type]))
    response = lambda_handler(event, None)
    answered_silently(response)
    assert "sessionAttributes" not in response


@pytest.mark.parametrize("request_type", OUT_OF_SESSION_EVENTS)
def test_an_out_of_session_event_without_a_locale_is_answered_too(lambda_handler, request_type):
    event = out_of_session(event_request(request_type, **OUT_OF_SESSION_EVENTS[request_type]))
    del event["request"]["locale"]
    answered_silently(lambda_handler(event, None))


@pytest.mark.parametrize("request_type", SILENT_IN_SESSION)
@pytest.mark.parametrize("attributes", GARBAGE_ATTRIBUTES, ids=repr)
def test_system_and_audio_notices_are_never_answered_with_speech(lambda_handler, request_type, attributes):
    event = event_request(request_type, **SILENT_IN_SESSION[request_type], attributes=attributes, new=False)
    answered_silently(lambda_handler(event, None))


@pytest.mark.parametrize("attributes", GARBAGE_ATTRIBUTES, ids=repr)
@pytest.mark.parametrize("reason", ["USER_INITIATED", "ERROR", "EXCEEDED_MAX_REPROMPTS"])
def test_session_ended_never_speaks_whatever_is_stored(lambda_handler, attributes, reason):
    event = session_ended_request(reason, attributes=attributes, new=False)
    answered_silently(lambda_handler(event, None))


def test_a_launch_without_a_session_welcomes(lambda_handler):
    response = check_response(lambda_handler(out_of_session(launch_request()), None))
    said = plain(response["response"]["outputSpeech"]["ssml"])
    assert said.startswith(for_locale("en-US").text("welcome"))


@pytest.mark.parametrize("without", ["session", "attributes"])
def test_a_one_shot_emergency_without_a_session_or_attributes_gets_911(lambda_handler, without):
    event = emergency_report()
    if without == "session":
        event = out_of_session(event)
    else:
        del event["session"]["attributes"]
    response = check_response(lambda_handler(event, None))
    assert plain(response["response"]["outputSpeech"]["ssml"]).startswith(f"Call {EMERGENCY_NUMBER} now.")
    assert response["response"]["shouldEndSession"] is True


@pytest.mark.parametrize("attributes", GARBAGE_ATTRIBUTES, ids=repr)
def test_an_emergency_is_answered_whatever_is_stored(lambda_handler, attributes):
    response = check_response(lambda_handler(emergency_report(attributes=attributes, new=False), None))
    assert plain(response["response"]["outputSpeech"]["ssml"]).startswith(f"Call {EMERGENCY_NUMBER} now.")


@pytest.mark.parametrize("attributes", ["x", [1], 5, True])
def test_session_attributes_that_are_not_an_object_are_dropped(lambda_handler, attributes):
    event = emergency_report()
    event["session"]["attributes"] = attributes
    response = check_response(lambda_handler(event, None))
    assert plain(response["response"]["outputSpeech"]["ssml"]).startswith(f"Call {EMERGENCY_NUMBER} now.")


def test_a_request_type_the_sdk_does_not_know_gets_an_empty_response(lambda_handler):
    answered_silently(lambda_handler(event_request("Alexa.Something.New", body={"x": 1}), None))


def test_an_unknown_intent_still_gets_a_spoken_answer(lambda_handler):
    response = check_response(lambda_handler(intent_request("AMAZON.PauseIntent"), None))
    assert plain(response["response"]["outputSpeech"]["ssml"]).startswith("Sorry, I didn't get that.")

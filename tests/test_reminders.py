"""The one-week check-in reminder, end to end: real request envelopes through
the real Lambda handler, and the skill's own HTTP client calling a fake
Reminders API over HTTPS on 127.0.0.1 (test CA trusted via REQUESTS_CA_BUNDLE),
reached through the envelope's apiEndpoint and apiAccessToken.

The dialog (the offer, every intent at it, consent and permission, what is
said when the reminder cannot be set) runs in each supported locale (the
`locale` fixture), compared with that locale's strings; the tests of the
HTTP client itself (timeouts, refused connections, certificates) in en-US."""

from __future__ import annotations

import logging

import pytest

from skill.core import reminders
from skill.core.rules import EMERGENCY_SIGNS, QUESTIONS, Level, Symptom
from skill.tools.alexa.envelopes import SlotFill
from tests import fake_reminders_api
from tests.support import PHONE, Dialog, is_emergency_advice, is_see_doctor_advice, is_self_care_advice

SCOPE = "alexa::alerts:reminders:skill:readwrite"
SEE_DOCTOR_SIGNS = [s for s in Symptom if s.level is Level.SEE_DOCTOR]


def at_offer(**session) -> Dialog:
    """A dialog that has just heard the self-care advice and the reminder offer
    (in `locale`, en-US unless given)."""
    dialog = Dialog(**session)
    dialog.launch()
    dialog.yes()
    no_until_the_advice(dialog)
    assert is_self_care_advice(dialog), dialog.said
    return dialog


def no_until_the_advice(dialog: Dialog) -> None:
    while not dialog.ended and dialog.asking:
        dialog.no()


def offer(dialog: Dialog) -> str:
    """The reminder offer, in the dialog's locale ("Want a reminder in a week?")."""
    return dialog.words.text("reminder.offer")


def offers_a_reminder(dialog: Dialog) -> bool:
    """The offer pending, or any of the reminder's sentences said (its offer, help, outcome)."""
    keys = ("offer", "offer_reprompt", "help", "set", "refused", "no_permission", "failed")
    return dialog.offering_reminder or any(dialog.words.text(f"reminder.{key}") in dialog.said for key in keys)


def expected_body(dialog: Dialog) -> dict:
    """The exact JSON the Reminders API must receive for the request just sent."""
    timestamp = dialog.last_request["request"]["timestamp"]  # "...Z"
    return {
        "requestTime": timestamp.removesuffix("Z"),
        "trigger": {"type": "SCHEDULED_RELATIVE", "offsetInSeconds": 604800},
        "alertInfo": {"spokenInfo": {"content": [{"locale": dialog.locale, "text": dialog.words.text("reminder.text")}]}},
        "pushNotification": {"status": "ENABLED"},
    }


def assert_one_reminder_request(api, dialog: Dialog) -> None:
    assert len(api.received) == 1
    received = api.received[0]
    assert (received.method, received.path) == ("POST", "/v1/alerts/reminders")
    assert received.headers["Authorization"] == "Bearer test-access-token"
    assert received.headers["Content-type"] == "application/json"
    assert received.json() == expected_body(dialog)


# ---- the offer ---------------------------------------------------------------


def test_self_care_advice_ends_with_one_short_question_and_stays_open(locale):
    dialog = at_offer(locale=locale)
    assert dialog.said.endswith(offer(dialog))
    assert len(offer(dialog).split()) <= 20
    assert not dialog.ended and dialog.reprompted_question == dialog.words.text("reminder.offer_reprompt")
    assert dialog.card is not None and dialog.card["title"] == dialog.words.text("advice.SELF_CARE.card_title")


def test_see_doctor_advice_offers_nothing_and_ends(locale):
    for symptom in SEE_DOCTOR_SIGNS:
        dialog = Dialog(locale=locale)
        dialog.report(symptom)
        no_until_the_advice(dialog)
        assert is_see_doctor_advice(dialog), symptom
        assert not offers_a_reminder(dialog)


def test_emergency_advice_offers_nothing_and_ends(locale):
    for symptom in EMERGENCY_SIGNS:
        dialog = Dialog(locale=locale)
        dialog.report(symptom)
        assert is_emergency_advice(dialog), symptom
        assert not offers_a_reminder(dialog)


# ---- every intent at the offer -----------------------------------------------


def test_an_emergency_sign_reported_at_the_offer_gets_call_911_now(locale):
    for symptom in EMERGENCY_SIGNS:
        dialog = at_offer(locale=locale)
        dialog.report(symptom)
        assert is_emergency_advice(dialog), (symptom, dialog.said)
        assert not offers_a_reminder(dialog)


def test_a_see_doctor_sign_reported_at_the_offer_gets_see_doctor_advice(locale):
    for symptom in SEE_DOCTOR_SIGNS:
        dialog = at_offer(locale=locale)
        dialog.report(symptom)
        assert is_see_doctor_advice(dialog), (symptom, dialog.said)
        assert not offers_a_reminder(dialog)


def test_a_week_or_more_of_spasms_said_at_the_offer_means_see_a_doctor(locale):
    dialog = at_offer(locale=locale)
    dialog.intent("DurationIntent", {"duration": "P10D"})
    assert is_see_doctor_advice(dialog), dialog.said


def test_help_at_the_offer_explains_the_reminder_and_asks_again(locale):
    dialog = at_offer(locale=locale)
    dialog.intent("AMAZON.HelpIntent")
    assert dialog.said.startswith(dialog.words.text("reminder.help"))  # a one-time reminder, no symptoms mentioned
    assert dialog.said.endswith(offer(dialog)) and dialog.offering_reminder


@pytest.mark.parametrize("intent", ["AMAZON.FallbackIntent", "NotSureIntent", "AMAZON.PauseIntent"])
def test_fallback_at_the_offer_asks_again(intent, locale):
    dialog = at_offer(locale=locale)
    dialog.intent(intent)
    assert dialog.said.startswith(dialog.words.text("fallback"))
    assert dialog.said.endswith(dialog.words.text("reminder.offer_reprompt"))  # remind you in a week? say yes or no
    assert dialog.offering_reminder


def test_repeat_at_the_offer_says_the_advice_and_the_question_again(locale):
    dialog = at_offer(locale=locale)
    advice = dialog.said
    dialog.intent("AMAZON.RepeatIntent")
    assert dialog.said == advice and dialog.offering_reminder


def test_an_information_question_at_the_offer_is_answered_then_the_offer_repeated(locale):
    dialog = at_offer(locale=locale)
    dialog.intent("HowLongIntent")
    assert dialog.said.startswith(dialog.words.text("info.HOW_LONG"))
    assert dialog.said.endswith(f"{dialog.words.text('back_to_question')} {offer(dialog)}") and dialog.offering_reminder


def test_an_unrecognized_symptom_at_the_offer_keeps_the_offer(locale):
    dialog = at_offer(locale=locale)
    dialog.intent("ReportSymptomIntent", {"symptom": SlotFill("itchy toes", slot_type="SymptomType"), "otherSymptom": None})
    assert dialog.said.startswith(dialog.words.text("unknown_symptom"))
    assert dialog.said.endswith(offer(dialog)) and dialog.offering_reminder


@pytest.mark.parametrize("intent", ["AMAZON.NoIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"])
def test_no_or_stop_at_the_offer_says_goodbye(intent, reminders_api, locale):
    dialog = at_offer(locale=locale, api_endpoint=reminders_api.url, reminders_granted=True)
    dialog.intent(intent)
    assert dialog.ended and dialog.said == dialog.words.text("goodbye")  # "Okay, take care. ..."
    assert reminders_api.received == []


def test_start_over_and_go_back_at_the_offer_leave_it(locale):
    dialog = at_offer(locale=locale)
    dialog.intent("AMAZON.StartOverIntent")
    assert dialog.asking == QUESTIONS[0].id and not dialog.offering_reminder
    dialog = at_offer(locale=locale)
    dialog.intent("AMAZON.PreviousIntent")
    assert dialog.asking == QUESTIONS[-1].id and not dialog.offering_reminder


# ---- consent and permission --------------------------------------------------


def test_yes_with_permission_creates_the_reminder_with_the_exact_request(reminders_api, locale):
    dialog = at_offer(locale=locale, api_endpoint=reminders_api.url, reminders_granted=True)
    dialog.yes()
    assert_one_reminder_request(reminders_api, dialog)
    assert dialog.said == dialog.words.text("reminder.set")  # "Done. I'll remind you in a week ..."
    assert dialog.ended and dialog.card is None


def test_yes_without_permission_hands_over_to_alexas_permission_prompt(reminders_api, locale):
    dialog = at_offer(locale=locale, api_endpoint=reminders_api.url)
    dialog.yes()
    assert dialog.last["response"] == {
        "directives": [
            {
                "type": "Connections.SendRequest",
                "name": "AskFor",
                "payload": {
                    "@type": "AskForPermissionsConsentRequest",
                    "@version": "2",
                    "permissionScopes": [{"permissionScope": SCOPE, "consentLevel": "ACCOUNT"}],
                },
                "token": "check-in-reminder",
            }
        ]
    }
    assert reminders_api.received == []


def test_permission_accepted_creates_the_reminder(reminders_api, locale):
    dialog = at_offer(locale=locale, api_endpoint=reminders_api.url)
    dialog.yes()
    assert dialog.asked_for_permission
    dialog.permission_answer("ACCEPTED")
    assert_one_reminder_request(reminders_api, dialog)
    assert dialog.said == dialog.words.text("reminder.set") and dialog.ended


@pytest.mark.parametrize("status", ["DENIED", "NOT_ANSWERED"])
def test_permission_refused_says_how_to_allow_it_and_sends_the_permission_card(status, reminders_api, locale):
    dialog = at_offer(locale=locale, api_endpoint=reminders_api.url)
    dialog.yes()
    dialog.permission_answer(status)
    assert dialog.ended
    assert dialog.said == dialog.words.text("reminder.refused")  # how to allow reminders in the Alexa app; take care
    assert dialog.card == {"type": "AskForPermissionsConsent", "permissions": [SCOPE]}
    assert reminders_api.received == []


def test_a_failed_permission_prompt_falls_back_with_the_number(reminders_api, locale):
    dialog = at_offer(locale=locale, api_endpoint=reminders_api.url)
    dialog.yes()
    dialog.permission_answer("ACCEPTED", code="500")
    assert dialog.ended and dialog.said.startswith(dialog.words.text("reminder.failed"))
    assert_fell_back_with_the_number(dialog)
    assert reminders_api.received == []


def test_consent_is_asked_every_time(reminders_api, locale):
    dialog = at_offer(locale=locale, api_endpoint=reminders_api.url)
    dialog.yes()
    dialog.permission_answer("ACCEPTED")
    assert dialog.ended and len(reminders_api.received) == 1
    # A new session: the check again, the offer again, nothing remembered.
    dialog.launch()
    dialog.yes()
    no_until_the_advice(dialog)
    assert is_self_care_advice(dialog) and dialog.said.endswith(offer(dialog))
    dialog.no()
    assert len(reminders_api.received) == 1


def test_the_reminder_names_no_symptom_whatever_was_said(reminders_api, locale):
    bodies = []
    for detour in ([], [("DurationIntent", {"duration": "P2D"})], [("AMAZON.HelpIntent", None), ("CausesIntent", None)]):
        dialog = at_offer(locale=locale, api_endpoint=reminders_api.url, reminders_granted=True)
        for name, slots in detour:
            dialog.intent(name, slots)
        assert dialog.offering_reminder
        dialog.yes()
        bodies.append(reminders_api.received[-1].json())
    reminder_text = dialog.words.text("reminder.text")
    texts = {body["alertInfo"]["spokenInfo"]["content"][0]["text"] for body in bodies}
    assert texts == {reminder_text}
    assert not any(dialog.name(symptom).lower() in reminder_text.lower() for symptom in Symptom)


def test_a_touch_yes_without_the_reminders_api_asks_for_permission(locale):
    from skill.core.conversation import Conversation
    from skill.core.speech import for_locale

    all_no = {"answers": [[symptom.value, "no"] for symptom in Symptom]}
    conversation = Conversation(for_locale(locale), {"offering_reminder": True, "triage": all_no})
    reply = conversation.yes()
    assert reply.ask_reminder_permission and not conversation.offering_reminder


# ---- errors never lose the conversation --------------------------------------


@pytest.mark.parametrize("status", [401, 403])
def test_no_permission_from_the_api_says_how_to_allow_it_with_the_number(status, reminders_api, caplog, locale):
    dialog = at_offer(locale=locale, api_endpoint=reminders_api.url, reminders_granted=True)
    with caplog.at_level(logging.DEBUG):
        reminders_api.status = status
        dialog.yes()
    assert_one_reminder_request(reminders_api, dialog)
    assert dialog.said.startswith(dialog.words.text("reminder.no_permission"))  # reminders aren't allowed ...
    assert_fell_back_with_the_number(dialog)
    assert f"HTTP {status}" in caplog.text


@pytest.mark.parametrize("status", [400, 429, 500, 503])
def test_an_api_error_falls_back_with_the_number(status, reminders_api, caplog):
    dialog = at_offer(api_endpoint=reminders_api.url, reminders_granted=True)
    with caplog.at_level(logging.DEBUG):
        reminders_api.status = status
        dialog.yes()
    assert_one_reminder_request(reminders_api, dialog)
    assert dialog.said.startswith(dialog.words.text("reminder.failed"))
    assert_fell_back_with_the_number(dialog)
    assert f"HTTP {status}" in caplog.text


def test_a_hung_api_times_out_and_falls_back(reminders_api, monkeypatch):
    monkeypatch.setattr(reminders.HttpsApiClient, "budget", 0.3)
    reminders_api.hang = True
    dialog = at_offer(api_endpoint=reminders_api.url, reminders_granted=True)
    dialog.yes()
    assert len(reminders_api.received) == 1
    assert reminders_api.hanging == 1  # the skill gave up; the API never answered
    assert dialog.said.startswith(dialog.words.text("reminder.failed"))
    assert_fell_back_with_the_number(dialog)


def test_a_refused_connection_falls_back(reminders_api):
    dialog = at_offer(api_endpoint=f"https://{fake_reminders_api.HOST}:{fake_reminders_api.free_port()}", reminders_granted=True)
    dialog.yes()
    assert dialog.said.startswith(dialog.words.text("reminder.failed"))
    assert_fell_back_with_the_number(dialog)


def test_an_untrusted_certificate_is_refused(reminders_api, monkeypatch):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE")
    dialog = at_offer(api_endpoint=reminders_api.url, reminders_granted=True)
    dialog.yes()
    assert reminders_api.received == []
    assert dialog.said.startswith(dialog.words.text("reminder.failed"))


def test_a_plain_http_endpoint_is_never_called(reminders_api):
    dialog = at_offer(api_endpoint=reminders_api.url.replace("https://", "http://"), reminders_granted=True)
    dialog.yes()
    assert reminders_api.received == []
    assert dialog.said.startswith(dialog.words.text("reminder.failed"))
    assert_fell_back_with_the_number(dialog)


def assert_fell_back_with_the_number(dialog: Dialog) -> None:
    assert dialog.words.text("error") not in dialog.said  # not the catch-all apology
    assert dialog.ended
    assert dialog.said.endswith(dialog.words.text("reminder.instead"))  # ... call OrthoNY at (518) 489-2663 ...
    assert PHONE in dialog.said
    assert dialog.card is not None and dialog.card["title"] == dialog.words.text("reminder.card_title")
    assert PHONE in dialog.card["content"]


def test_requests_is_imported_only_when_a_reminder_is_set():
    """The HTTP library costs a Lambda cold start; only a reminder needs it."""
    import subprocess
    import sys

    from skill.tools.paths import LAMBDA_DIR

    script = (
        "import sys, json; sys.path.insert(0, sys.argv[1]); import lambda_function;"
        "from skill.tools.alexa.envelopes import launch_request;"
        "lambda_function.lambda_handler(launch_request(), None);"
        "print('requests' in sys.modules, 'urllib3' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script, str(LAMBDA_DIR)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


def test_a_denied_scope_is_not_a_grant_even_with_a_consent_token(reminders_api):
    from skill.tools.alexa.envelopes import REMINDERS_SCOPE, intent_request

    dialog = at_offer(api_endpoint=reminders_api.url, reminders_granted=True)

    def denied_scope(*args, **kwargs):
        event = intent_request(*args, **kwargs)
        event["context"]["System"]["user"]["permissions"]["scopes"][REMINDERS_SCOPE]["status"] = "DENIED"
        return event

    dialog.send(denied_scope, "AMAZON.YesIntent")
    assert dialog.asked_for_permission and reminders_api.received == []

"""Slower, louder, and time to answer, through real request envelopes in each
locale: the voice asked for is kept for the rest of the session (SSML
<prosody> around every speech and reprompt), what was just said is said again
in it, "hold on" re-asks the pending question with a reprompt that says how to
come back, a tampered voice is dropped, and an emergency sign reported after
any of it still gets "Call 911 now" first. Every response passes the response
checks (tests/support.py `Dialog`)."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest

from skill.core.rules import Symptom
from skill.testing.response_checks import ResponseCheckError
from skill.tools import model, try_page
from skill.tools.nlu import load as load_matcher
from skill.tools.paths import model_path
from tests.support import LAMBDA_HANDLER, Dialog, check_ssml, is_emergency_advice, is_self_care_advice
from tests.test_chat import back_spasm

SLOWER, FASTER, LOUDER, HOLD_ON = "SlowerIntent", "FasterIntent", "LouderIntent", "HoldOnIntent"


def voice_of(dialog: Dialog, part: str = "speech") -> dict[str, str] | None:
    """The <prosody> attributes around the last response's speech (or reprompt); None without one."""
    response = dialog.last["response"]
    ssml = (response["outputSpeech"] if part == "speech" else response["reprompt"]["outputSpeech"])["ssml"]
    prosody = ET.fromstring(ssml).find("prosody")
    return dict(prosody.attrib) if prosody is not None else None


def spoken_in(dialog: Dialog, **voice: str) -> bool:
    """The speech, and the reprompt when the session stays open, are in `voice`."""
    expected = voice or None
    return voice_of(dialog) == expected and (dialog.ended or voice_of(dialog, "reprompt") == expected)


def ack(dialog: Dialog, key: str) -> str:
    return dialog.words.text(f"voice.{key}")


def to_self_care_advice(dialog: Dialog) -> None:
    dialog.launch()
    dialog.yes()
    while dialog.asking:
        dialog.no()
    assert is_self_care_advice(dialog), dialog.said


# ---- slower ---------------------------------------------------------------------


def test_default_speech_has_no_prosody_and_stores_no_voice(dialog):
    dialog.launch()
    dialog.yes()
    dialog.no()
    assert spoken_in(dialog)
    assert "voice" not in dialog.attributes


def test_slower_at_launch_says_the_welcome_again_slower_and_keeps_the_rate(dialog):
    dialog.launch()
    welcome = dialog.said
    dialog.intent(SLOWER)
    assert dialog.said == f"{ack(dialog, 'slower')} {welcome}"
    assert spoken_in(dialog, rate="slow")
    assert dialog.attributes["voice"] == {"rate": "slow"}
    dialog.yes()
    assert dialog.asking and spoken_in(dialog, rate="slow")
    dialog.intent("AMAZON.HelpIntent")
    assert spoken_in(dialog, rate="slow")


def test_slower_mid_check_repeats_the_question_which_still_takes_its_answer(dialog):
    dialog.launch()
    dialog.yes()
    dialog.no()
    question, asking = dialog.said, dialog.asking
    dialog.intent(SLOWER)
    assert dialog.said == f"{ack(dialog, 'slower')} {question}"
    assert dialog.asking == asking and spoken_in(dialog, rate="slow")
    dialog.no()
    assert dialog.asking != asking and spoken_in(dialog, rate="slow")


def test_slower_after_the_advice_says_the_advice_again_slower(dialog):
    to_self_care_advice(dialog)
    advice = dialog.said
    dialog.intent(SLOWER)
    assert dialog.said == f"{ack(dialog, 'slower')} {advice}"
    assert dialog.offering_reminder and spoken_in(dialog, rate="slow")
    dialog.no()  # no reminder: goodbye, still slower
    assert dialog.ended and dialog.said == dialog.words.text("goodbye") and spoken_in(dialog, rate="slow")


def test_repeat_after_slower_says_the_question_without_the_acknowledgement(dialog):
    dialog.launch()
    dialog.yes()
    question = dialog.said
    dialog.intent(SLOWER)
    dialog.intent("AMAZON.RepeatIntent")
    assert dialog.said == question and spoken_in(dialog, rate="slow")


def test_slower_twice_is_slower_still_and_no_slower_after_that(dialog):
    dialog.launch()
    dialog.intent(SLOWER)
    dialog.intent(SLOWER)
    assert spoken_in(dialog, rate="x-slow")
    dialog.intent(SLOWER)
    assert spoken_in(dialog, rate="x-slow")


@pytest.mark.parametrize("first", [[SLOWER], [SLOWER, SLOWER]], ids=["slow", "x-slow"])
def test_faster_or_normal_speed_undoes_slower(dialog, first):
    dialog.launch()
    dialog.yes()
    question = dialog.said
    for intent in first:
        dialog.intent(intent)
    dialog.intent(FASTER)
    assert dialog.said == f"{ack(dialog, 'normal_speed')} {question}"
    assert spoken_in(dialog) and "voice" not in dialog.attributes
    dialog.no()
    assert spoken_in(dialog)


def test_faster_at_the_normal_speed_stays_at_it(dialog):
    dialog.launch()
    dialog.intent(FASTER)
    assert dialog.said.startswith(ack(dialog, "normal_speed")) and spoken_in(dialog)


# The words a person says, as the chat matcher hears them with each locale's model.
SAY_IT_AGAIN_SLOWER = {"en-US": "say that again slower", "es-US": "dilo otra vez más despacio"}
PHRASES = {
    "en-US": {SLOWER: ["slower", "speak slowly", "too fast"], FASTER: ["faster", "normal speed"],
              LOUDER: ["louder", "speak up", "I can't hear you"], HOLD_ON: ["hold on", "wait a second", "give me a minute"]},
    "es-US": {SLOWER: ["más despacio", "hable más lento"], FASTER: ["más rápido", "velocidad normal"],
              LOUDER: ["más fuerte", "no le oigo"], HOLD_ON: ["espere", "deme un minuto"]},
}  # fmt: skip


@pytest.mark.parametrize("locale", sorted(PHRASES))
def test_the_words_are_understood_with_the_model(locale):
    matcher = load_matcher(model_path(locale))
    for intent, lines in PHRASES[locale].items():
        for line in [*lines, *([SAY_IT_AGAIN_SLOWER[locale]] if intent == SLOWER else [])]:
            assert matcher.match(line).intent == intent, (locale, line)


def test_say_that_again_slower_repeats_what_was_said_slower(dialog):
    matcher = load_matcher(model_path(dialog.locale))
    dialog.launch()
    dialog.yes()
    dialog.no()
    question = dialog.said
    dialog.intent(matcher.match(SAY_IT_AGAIN_SLOWER[dialog.locale]).intent)
    assert dialog.said == f"{ack(dialog, 'slower')} {question}" and spoken_in(dialog, rate="slow")


# ---- louder ---------------------------------------------------------------------


def test_louder_keeps_the_volume_and_goes_with_slower(dialog):
    dialog.launch()
    dialog.yes()
    question = dialog.said
    dialog.intent(LOUDER)
    assert dialog.said == f"{ack(dialog, 'louder')} {question}"
    assert spoken_in(dialog, volume="loud")
    dialog.intent(LOUDER)
    assert spoken_in(dialog, volume="x-loud")
    dialog.intent(SLOWER)
    assert spoken_in(dialog, rate="slow", volume="x-loud")
    dialog.intent(FASTER)  # the speed only
    assert spoken_in(dialog, volume="x-loud")
    dialog.no()
    assert spoken_in(dialog, volume="x-loud")
    assert dialog.attributes["voice"] == {"volume": "x-loud"}


# ---- hold on --------------------------------------------------------------------


def come_back(dialog: Dialog) -> str:
    return dialog.words.text("hold_on.reprompt")


@pytest.mark.parametrize("where", ["launch", "mid-check", "after advice"])
def test_hold_on_waits_asks_again_and_says_how_to_come_back(dialog, where):
    if where == "after advice":
        to_self_care_advice(dialog)
    else:
        dialog.launch()
    if where == "mid-check":
        dialog.yes()
        dialog.no()
    reprompt, asking = dialog.reprompted_question, dialog.asking
    pending = dialog.words.text("reminder.offer" if where == "after advice" else "offer") if not asking else dialog.said
    dialog.intent(HOLD_ON)
    assert dialog.said == f"{dialog.words.text('hold_on.speech')} {pending}"
    # The way back, then the emergency line that ends every reprompt.
    assert dialog.reprompt == f"{reprompt} {come_back(dialog)} {dialog.safety_line}"
    assert dialog.asking == asking and not dialog.ended
    # The question still takes its answer.
    dialog.no()
    if asking:
        assert dialog.asking != asking
    else:
        assert dialog.ended  # no to the offer: goodbye


def test_the_way_back_names_the_models_invocation_name(locale):
    dialog = Dialog(locale=locale)
    invocation = model.load(model_path(locale)).invocation_name
    assert invocation in come_back(dialog)
    dialog.launch()
    dialog.intent(HOLD_ON)
    assert dialog.reprompt.endswith(f"{come_back(dialog)} {dialog.safety_line}")


def test_hold_on_keeps_the_voice(dialog):
    dialog.launch()
    dialog.intent(SLOWER)
    dialog.intent(HOLD_ON)
    assert spoken_in(dialog, rate="slow")


# ---- emergencies stay first -------------------------------------------------------

BEFORE = {
    "slower": [SLOWER],
    "say that again slower twice": [SLOWER, SLOWER],
    "louder": [LOUDER],
    "normal speed": [SLOWER, FASTER],
    "hold on": [HOLD_ON],
    "all of them": [SLOWER, LOUDER, HOLD_ON, HOLD_ON],
}


@pytest.mark.parametrize("before", BEFORE.values(), ids=BEFORE.keys())
@pytest.mark.parametrize("where", ["launch", "mid-check"])
def test_an_emergency_sign_after_any_of_these_gets_911_first(dialog, before, where):
    dialog.launch()
    if where == "mid-check":
        dialog.yes()
    for intent in before:
        dialog.intent(intent)
    voice = dialog.attributes.get("voice") or {}
    dialog.report(Symptom.LIMB_NUMBNESS)
    assert is_emergency_advice(dialog), dialog.said
    assert spoken_in(dialog, **voice)


@pytest.mark.parametrize("before", BEFORE.values(), ids=BEFORE.keys())
def test_yes_to_an_emergency_question_after_any_of_these_gets_911_first(dialog, before):
    dialog.launch()
    dialog.yes()
    for intent in before:
        dialog.intent(intent)
    dialog.yes()
    assert is_emergency_advice(dialog), dialog.said


# ---- the voice comes back from the client -------------------------------------------

TAMPERED = [
    None, 0, "slow", ["slow"], {"rate": 1}, {"rate": "fast"}, {"rate": "20%"}, {"rate": "medium"},
    {"volume": "+20dB"}, {"volume": "silent"}, {"rate": "</prosody><audio src='https://evil.example/a.mp3'/>"},
    {"rate": "slow\" volume=\"x-loud"}, {"rate": ["slow"], "volume": {"loud": True}},
]  # fmt: skip


@pytest.mark.parametrize("value", TAMPERED, ids=repr)
def test_a_tampered_voice_is_dropped(dialog, value):
    dialog.launch()
    dialog.yes()
    dialog.attributes = {**dialog.attributes, "voice": value}
    dialog.no()
    assert spoken_in(dialog) and "voice" not in dialog.attributes
    dialog.attributes = {**dialog.attributes, "voice": value}
    dialog.report(Symptom.MUSCLE_WEAKNESS)
    assert is_emergency_advice(dialog) and spoken_in(dialog)


def test_each_voice_value_is_checked_on_its_own(dialog):
    dialog.launch()
    dialog.attributes = {**dialog.attributes, "voice": {"rate": "x-slow", "volume": "deafening", "extra": "x"}}
    dialog.yes()
    assert spoken_in(dialog, rate="x-slow")
    assert dialog.attributes["voice"] == {"rate": "x-slow"}


def test_a_stored_voice_is_kept_over_garbage_elsewhere(dialog):
    dialog.launch()
    dialog.intent(LOUDER)
    dialog.attributes = {**dialog.attributes, "last": "<speak>x</speak>", "triage": 5, "asking": []}
    dialog.intent("AMAZON.RepeatIntent")
    assert spoken_in(dialog, volume="loud") and dialog.said


# ---- the Echo Show shows nothing different ----------------------------------------------


def screen_of(dialog: Dialog) -> dict:
    (directive,) = dialog.last["response"]["directives"]
    return directive["datasources"]["screen"]


def test_a_slower_louder_session_shows_the_same_screens(locale):
    plain, slow = Dialog(locale=locale, screen=True), Dialog(locale=locale, screen=True)
    plain.launch()
    slow.launch()
    slow.intent(SLOWER)
    slow.intent(LOUDER)
    assert slow.said.startswith(ack(slow, "louder"))  # the choice is said, not only shown
    for move in (Dialog.yes, Dialog.no, Dialog.no):
        move(plain)
        move(slow)
        assert screen_of(slow) == screen_of(plain)
        assert spoken_in(slow, rate="slow", volume="loud")


def test_what_is_said_again_shows_the_pending_question(locale):
    dialog = Dialog(locale=locale, screen=True)
    dialog.launch()
    dialog.yes()
    for intent in (SLOWER, HOLD_ON):
        dialog.intent(intent)
        screen = screen_of(dialog)
        assert screen["kind"] == "question" and dialog.words.text(f"questions.{dialog.asking}.ask") in screen["question"]


# ---- the response check -----------------------------------------------------------------


@pytest.mark.parametrize(
    "ssml",
    [
        '<speak><prosody rate="slow">a</prosody></speak>',
        '<speak><prosody rate="x-slow" volume="x-loud">a <say-as interpret-as="telephone">911</say-as></prosody></speak>',
        '<speak><prosody rate="80%" volume="+4dB">a</prosody></speak>',
    ],
)
def test_the_response_check_takes_prosody_alexa_accepts(ssml):
    check_ssml(ssml)


@pytest.mark.parametrize(
    "ssml",
    [
        '<speak><prosody rate="sluggish">a</prosody></speak>',
        '<speak><prosody rate="10%">a</prosody></speak>',
        '<speak><prosody volume="+10dB">a</prosody></speak>',
        '<speak><prosody pitch="high">a</prosody></speak>',
        "<speak><prosody>a</prosody></speak>",
        '<speak>a <prosody rate="slow">b</prosody></speak>',
        '<speak><prosody rate="slow">a</prosody> b</speak>',
        '<speak><prosody rate="slow">a</prosody><prosody rate="slow">b</prosody></speak>',
        '<speak><prosody rate="slow"><prosody volume="loud">a</prosody></prosody></speak>',
    ],
)
def test_the_response_check_refuses_other_prosody(ssml):
    with pytest.raises(ResponseCheckError):
        check_ssml(ssml)


# ---- chat and the try page --------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "lines"),
    [("en-US", ["slower", "louder", "hold on", "I can't feel my legs"]), ("es-US", ["más despacio", "más fuerte", "espere", "no siento las piernas"])],
)
def test_chat_names_the_voice_and_an_emergency_still_comes_first(locale, lines):
    result = subprocess.run(
        [back_spasm(), "chat", "--locale", locale], input="".join(f"{line}\n" for line in lines), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    said = [line for line in result.stdout.splitlines() if line.startswith("Alexa")]
    words = Dialog(locale=locale).words
    assert said[0].startswith("Alexa: ")
    assert said[1].startswith(f"Alexa (rate slow): {words.text('voice.slower')}")
    assert said[2].startswith(f"Alexa (rate slow, volume loud): {words.text('voice.louder')}")
    assert said[3].startswith(f"Alexa (rate slow, volume loud): {words.text('hold_on.speech')}")
    assert said[4].startswith(f"Alexa (rate slow, volume loud): {words.text('advice.EMERGENCY.first')}")


def test_the_try_page_hands_the_browser_the_voice():
    page = try_page.TryPage(LAMBDA_HANDLER)
    app = try_page.create_app(page, 18802).test_client()

    def post(path: str, body: dict) -> dict:
        response = app.post(path, json=body, base_url="http://127.0.0.1:18802")
        assert response.status_code == 200, response.json
        return response.json

    session = post("/api/session", {"locale": "en-US", "device": "voice"})
    assert session["voice"] == {}
    turn = post("/api/say", {"session": session["session"], "text": "speak slowly"})
    assert turn["heard"]["intent"] == SLOWER and turn["voice"] == {"rate": "slow"}
    assert "<" not in turn["speech"] and "<" not in turn["reprompt"]
    turn = post("/api/say", {"session": session["session"], "text": "give me a minute"})
    assert turn["heard"]["intent"] == HOLD_ON and turn["voice"] == {"rate": "slow"}
    words = Dialog().words
    assert turn["reprompt"].endswith(f"{words.text('hold_on.reprompt')} {words.text('reprompt_safety')}")


def test_a_report_made_again_after_a_failure_keeps_the_voice(monkeypatch, dialog):
    """The catch-all makes a failed report again on a fresh conversation: it
    still speaks, and goes on, in the voice asked for."""
    from skill.core.conversation import Conversation

    report = Conversation.report
    calls = []

    def fails_once(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("a bug in this turn")
        return report(self, *args, **kwargs)

    dialog.launch()
    dialog.intent(SLOWER)
    monkeypatch.setattr(Conversation, "report", fails_once)
    dialog.report(Symptom.FEVER)
    assert len(calls) == 2 and dialog.asking and spoken_in(dialog, rate="slow")
    dialog.no()
    assert spoken_in(dialog, rate="slow")

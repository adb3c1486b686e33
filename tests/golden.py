"""The golden transcript: scripted conversations and endpoint requests, kept as
request/response JSON in `tests/fixtures/golden_transcript.jsonl`.

It pins the skill's behaviour byte for byte across refactors: the test replays
every stored request and compares the answer with the stored one. A change of
behaviour that is meant re-records the file, and the diff shows what changed:

    python -m tests.golden --update
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from skill.core.rules import QUESTIONS, Level, Symptom
from skill.tools.alexa.envelopes import (
    SlotFill,
    event_request,
    intent_request,
    launch_request,
    out_of_session,
    session_ended_request,
)

GOLDEN_FILE = Path(__file__).resolve().parent / "fixtures" / "golden_transcript.jsonl"
SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
TIMESTAMP = "2026-01-01T00:00:00Z"

Turn = tuple[str, dict[str, Any]]  # (builder name, keyword arguments)


def symptom_fill(symptom: Symptom) -> dict:
    name = symptom.value.lower().replace("_", " ")
    return {"spoken": name, "value_id": symptom.value, "resolved_name": name, "slot_type": "SymptomType"}


def intent(name: str, **slots: Any) -> Turn:
    return ("intent", {"name": name, "slots": slots})


LAUNCH: Turn = ("launch", {})
YES, NO, UNSURE = intent("AMAZON.YesIntent"), intent("AMAZON.NoIntent"), intent("NotSureIntent")


def report(*symptoms: Symptom) -> Turn:
    fills = [symptom_fill(s) for s in symptoms] + [None, None]
    return intent("ReportSymptomIntent", symptom=fills[0], otherSymptom=fills[1])


NAVIGATION = [
    intent("AMAZON.StopIntent"),
    intent("AMAZON.CancelIntent"),
    intent("AMAZON.NavigateHomeIntent"),
    intent("AMAZON.HelpIntent"),
    intent("AMAZON.FallbackIntent"),
    intent("AMAZON.RepeatIntent"),
    intent("AMAZON.StartOverIntent"),
    intent("AMAZON.PreviousIntent"),
    intent("CausesIntent"),
    intent("HowLongIntent"),
    intent("SelfCareIntent"),
    intent("ContactIntent"),
    intent("AMAZON.PauseIntent"),
    intent("DurationIntent", duration={"spoken": "ten days"}),
    YES,
    NO,
    UNSURE,
    ("session_ended", {}),
]

STATES: dict[str, list[Turn]] = {
    "new_session": [],
    "offer": [LAUNCH],
    "first_question": [LAUNCH, YES],
    "mid_check": [LAUNCH, YES, NO, NO, NO],
    "after_see_doctor_sign": [report(Symptom.FEVER)],
    "after_one_not_sure": [LAUNCH, YES, NO, UNSURE],
}


def scripts() -> Iterator[tuple[str, list[Turn]]]:
    """Every conversation the transcript holds, by name."""
    n = len(QUESTIONS)
    emergency_questions = sum(1 for question in QUESTIONS if question.level is Level.EMERGENCY)
    for i in range(n):
        yield f"guided_yes_at_{i}", [LAUNCH, YES, *[NO] * i, YES]
        yield f"guided_unsure_twice_at_{i}", [LAUNCH, YES, *[NO] * i, UNSURE, UNSURE]
        yield f"guided_unsure_then_no_at_{i}", [LAUNCH, YES, *[NO] * i, UNSURE, NO]
    yield "guided_all_no", [LAUNCH, YES, *[NO] * n]
    for symptom in Symptom:
        yield f"one_shot_{symptom.value}", [report(symptom)]
    yield "two_symptoms", [report(Symptom.FEVER, Symptom.LIMB_NUMBNESS)]
    yield "two_see_doctor_symptoms", [report(Symptom.FEVER, Symptom.WEIGHT_LOSS), *[NO] * emergency_questions]
    yield "unknown_symptom", [intent("ReportSymptomIntent", symptom={"spoken": "purple toes", "slot_type": "SymptomType"})]
    yield "duration_short", [LAUNCH, YES, *[NO] * (n - 1), intent("DurationIntent", duration={"spoken": "P3D"})]
    yield "duration_long", [LAUNCH, YES, *[NO] * (n - 1), intent("DurationIntent", duration={"spoken": "P2W"})]
    yield "duration_garbage", [LAUNCH, intent("DurationIntent", duration={"spoken": "?"})]
    for state, setup in STATES.items():
        for move in NAVIGATION:
            name = move[1].get("name", move[0])
            yield f"{state}__{name}", [*setup, move]
    yield "tampered_attributes", [("tampered", {})]
    # Session attributes are the client's: a sign reported over garbage, stored SSML, no session at all.
    yield "tampered_asking_then_emergency", [("tampered", {"attributes": {"asking": [], "triage": 3}, "turn": report(Symptom.MUSCLE_WEAKNESS)})]
    yield (
        "tampered_last_with_ssml",
        [("tampered", {"attributes": {"last": {"speech": "</speak><audio src='https://evil.example/a.mp3'/><speak>", "reprompt": "a & b"}}})],
    )
    yield "one_shot_without_session", [("out_of_session", {"turn": report(Symptom.LIMB_NUMBNESS)})]
    yield "skill_enabled_event", [("out_of_session", {"turn": ("event", {"type": "AlexaSkillEvent.SkillEnabled"})})]
    yield "session_ended_with_garbage", [("tampered", {"attributes": {"asking": {}}, "turn": ("session_ended", {})})]
    # Asking for the check in every state: mid-check it carries on where it is, the answers kept.
    # (Last, so adding these left every earlier entry's ids as they were.)
    for state, setup in STATES.items():
        yield f"{state}__StartCheckIntent", [*setup, intent("StartCheckIntent")]


def build_request(turn: Turn, session: dict) -> dict:
    kind, kwargs = turn
    fields = {"attributes": session["attributes"], "new": session["new"], "session_id": session["id"], "skill_id": SKILL_ID}
    if kind == "launch":
        event = launch_request(**fields)
    elif kind == "session_ended":
        event = session_ended_request(**fields)
    elif kind == "event":
        event = event_request(kwargs["type"], **fields)
    elif kind == "out_of_session":
        event = out_of_session(build_request(kwargs["turn"], session))
    elif kind == "tampered":
        default = {"triage": {"answers": [["FEVER", "maybe"], "x"]}, "asking": 7, "last": "x"}
        tampered_session = {**session, "attributes": kwargs.get("attributes", default)}
        event = build_request(kwargs.get("turn", intent("AMAZON.RepeatIntent")), tampered_session)
    else:
        slots = {name: (SlotFill(**fill) if fill else None) for name, fill in kwargs["slots"].items()}
        event = intent_request(kwargs["name"], slots, **fields)
    return event


def normalise(event: dict, script: int, turn: int) -> dict:
    """Fixed ids and time, so a re-recording differs only where behaviour does."""
    event["request"]["requestId"] = f"amzn1.echo-api.request.golden-{script}-{turn}"
    event["request"]["timestamp"] = TIMESTAMP
    return event


def record_dialogs(invoke: Callable[[dict], dict]) -> Iterator[dict]:
    for number, (name, turns) in enumerate(scripts()):
        session = {"attributes": {}, "new": True, "id": f"amzn1.echo-api.session.golden-{number}"}
        for index, turn in enumerate(turns):
            request = normalise(build_request(turn, session), number, index)
            response = invoke(request)
            yield {"kind": "lambda", "name": f"{name}#{index}", "request": request, "response": response}
            session = {"attributes": response.get("sessionAttributes") or {}, "new": False, "id": session["id"]}
            if response.get("response", {}).get("shouldEndSession"):
                break


def endpoint_requests() -> Iterator[tuple[str, dict]]:
    """HTTP requests to the endpoint, as (name, request) with method, path,
    headers and body text."""
    good = json.dumps(normalise(launch_request(skill_id=SKILL_ID, session_id="amzn1.echo-api.session.golden-http"), 0, 0))
    json_header = {"Content-Type": "application/json"}
    yield "signed_path_unsigned_launch", {"verify": True, "method": "POST", "path": "/alexa", "headers": json_header, "body": good}
    yield "unverified_launch", {"verify": False, "method": "POST", "path": "/alexa", "headers": json_header, "body": good}
    for name, body in {
        "malformed_json": "{not json",
        "not_an_object": "[1, 2]",
        "no_request": json.dumps({"version": "1.0", "context": {}}),
        "not_utf8": "\udcff",
        "too_deep": "[" * 5000 + "]" * 5000,
        "too_large": " " * (200 * 1024),
    }.items():
        yield name, {"verify": False, "method": "POST", "path": "/alexa", "headers": json_header, "body": body}
    yield "wrong_method", {"verify": False, "method": "GET", "path": "/alexa", "headers": {}, "body": ""}
    yield "unknown_path", {"verify": False, "method": "GET", "path": "/nope", "headers": {}, "body": ""}
    yield "healthz", {"verify": False, "method": "GET", "path": "/healthz", "headers": {}, "body": ""}


def answer_http(request: dict, clients: dict[bool, Any]) -> dict:
    client = clients[request["verify"]]
    data = request["body"].encode("utf-8", "surrogateescape")
    response = client.open(request["path"], method=request["method"], data=data, headers=request["headers"])
    return {"status": response.status_code, "body": response.get_data(as_text=True)}


def http_clients(create_app: Callable[..., Any]) -> dict[bool, Any]:
    return {verify: create_app(skill_id=SKILL_ID, verify=verify).test_client() for verify in (True, False)}


def record_endpoint(create_app: Callable[..., Any]) -> Iterator[dict]:
    clients = http_clients(create_app)
    for name, request in endpoint_requests():
        yield {"kind": "http", "name": name, "request": request, "response": answer_http(request, clients)}


def dump(entry: dict) -> str:
    return json.dumps(entry, sort_keys=True, ensure_ascii=True)


def record() -> list[dict]:
    from skill.hosting.app import create_app
    from tests.support import LAMBDA_HANDLER

    return [*record_dialogs(lambda event: LAMBDA_HANDLER(event, None)), *record_endpoint(create_app)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="re-record the golden transcript")
    parser.add_argument("--update", action="store_true", help="write tests/fixtures/golden_transcript.jsonl")
    args = parser.parse_args(argv)
    entries = record()
    if args.update:
        GOLDEN_FILE.write_text("".join(dump(e) + "\n" for e in entries), encoding="utf-8")
    print(f"{len(entries)} entries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every request of the golden transcript gets, byte for byte, the answer it
got when the transcript was recorded (see tests/golden.py to re-record)."""

from __future__ import annotations

import json

import pytest

from skill.hosting.app import create_app
from tests import golden
from tests.support import LAMBDA_HANDLER

ENTRIES = [json.loads(line) for line in golden.GOLDEN_FILE.read_text(encoding="utf-8").splitlines()]


def test_the_transcript_is_big_enough():
    turns = [e for e in ENTRIES if e["kind"] == "lambda"]
    assert len(turns) >= 300
    assert {e["name"] for e in ENTRIES if e["kind"] == "http"} >= {"malformed_json", "too_large", "wrong_method"}


def test_the_recorder_still_asks_the_same_requests():
    """The scripts in tests/golden.py still produce the stored requests, so the
    transcript is what the recorder would record."""
    stored = [e["request"] for e in ENTRIES if e["kind"] == "lambda"]
    replayed = [e["request"] for e in golden.record_dialogs(lambda event: _answer(stored, event))]
    assert replayed == stored


def _answer(stored: list[dict], event: dict) -> dict:
    # Replay the recorded answer of the request with this id, so the scripts
    # are followed the way they were when the transcript was made.
    by_id = {r["request"]["requestId"]: e for r, e in zip(stored, _responses(), strict=False)}
    return by_id[event["request"]["requestId"]]


def _responses() -> list[dict]:
    return [e["response"] for e in ENTRIES if e["kind"] == "lambda"]


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e["kind"] == "lambda"], ids=lambda e: e["name"])
def test_skill_turn(entry):
    response = LAMBDA_HANDLER(json.loads(json.dumps(entry["request"])), None)
    assert golden.dump(response) == golden.dump(entry["response"])


@pytest.fixture(scope="module")
def clients():
    return golden.http_clients(create_app)


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e["kind"] == "http"], ids=lambda e: e["name"])
def test_endpoint_answer(entry, clients):
    assert golden.answer_http(entry["request"], clients) == entry["response"]

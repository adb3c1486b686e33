"""What the skill logs: at INFO and above, nothing from which a person's
answers could be rebuilt (no intent names, no slot values); request ids for
tracing; control characters escaped; never a slot value, even at DEBUG."""

from __future__ import annotations

import logging
import re

import pytest

from skill.core import contract
from skill.core.logtext import printable
from skill.core.rules import Symptom
from skill.tools.alexa.envelopes import intent_request, session_ended_request
from tests.support import Dialog, symptom_slot

REQUEST_ID = re.compile(r"amzn1\.echo-api\.request\.[0-9a-f-]+")


def info_log(caplog: pytest.LogCaptureFixture, answers: list[str]) -> list[str]:
    """The INFO log lines of one guided check answered with `answers`, request ids masked."""
    caplog.clear()
    with caplog.at_level(logging.INFO):
        dialog = Dialog()
        dialog.launch()
        dialog.yes()
        for answer in answers:
            dialog.intent(answer)
    return [REQUEST_ID.sub("<id>", record.getMessage()) for record in caplog.records]


def test_the_info_log_is_the_same_whatever_the_answers(caplog):
    yes, no, unsure = "AMAZON.YesIntent", "AMAZON.NoIntent", "NotSureIntent"
    logs = [info_log(caplog, answers) for answers in ([no, no, no], [no, unsure, no], [unsure, unsure, yes])]
    assert logs[0] and all(log == logs[0] for log in logs), logs
    assert all("<id>" in line for line in logs[0])  # each request can be traced


def test_no_intent_name_or_slot_value_at_info(caplog):
    with caplog.at_level(logging.INFO):
        dialog = Dialog()
        dialog.intent("ReportSymptomIntent", {"symptom": symptom_slot(Symptom.FEVER, "burning up"), "otherSymptom": None})
        dialog.intent("DurationIntent", {"duration": "P10D"})
        dialog.intent("AMAZON.PauseIntent")  # unexpected intents too
        dialog.intent("AMAZON.StopIntent")
    text = caplog.text
    assert "IntentRequest" in text
    for name in (*contract.INTENTS, "AMAZON.PauseIntent", "burning up", "P10D", "FEVER", "fever"):
        assert name not in text, name


def test_slot_values_are_not_logged_even_at_debug(caplog):
    with caplog.at_level(logging.DEBUG, logger="skill"):
        Dialog().intent("ReportSymptomIntent", {"symptom": symptom_slot(Symptom.FEVER, "burning up")})
    assert "burning up" not in caplog.text
    assert "FEVER" not in caplog.text


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO])
def test_control_characters_in_logged_request_fields_are_escaped(caplog, lambda_handler, level):
    forged = "amzn1.echo-api.request.x\nERROR forged line\r\x1b[31m\u2028"
    event = intent_request("AMAZON.HelpIntent")
    event["request"]["requestId"] = forged
    ended = session_ended_request()
    ended["request"]["requestId"] = forged
    with caplog.at_level(level, logger="skill"):
        lambda_handler(event, None)
        lambda_handler(ended, None)
    assert caplog.records
    for record in caplog.records:
        message = record.getMessage()
        assert message.isprintable(), repr(message)
    assert "\\n" in caplog.text


@pytest.mark.parametrize(
    ("raw", "logged"),
    [
        ("IntentRequest", "IntentRequest"),
        ("a\nb\r\tc", "a\\nb\\r\\tc"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("line\u2028sep\u202egnp", "line\\u2028sep\\u202egnp"),
        ("x" * 500, "x" * 120 + "..."),
    ],
)
def test_printable_keeps_a_log_line_one_honest_line(raw, logged):
    assert printable(raw) == logged

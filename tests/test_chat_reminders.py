"""`back-spasm chat` plays the reminder: the offer after self-care advice,
Alexa's permission prompt answered by typing allow or deny, and the stand-in
Reminders API (its status chosen on the command line)."""

from __future__ import annotations

import pytest

from skill.core.rules import QUESTIONS
from tests.support import PHONE
from tests.test_chat import chat, ok, said

TO_THE_OFFER = ("yes", *["no"] * len(QUESTIONS))
REMINDER = '[Reminder set: in 7 days, "Check on your back. If the spasms haven\'t improved after a week of rest, call OrthoNY at (518) 489-2663."]'
PROMPT = '[Alexa asks in its own voice whether to allow reminders: type "allow" or "deny"]'


def test_the_offer_follows_the_self_care_advice_and_no_ends():
    result = ok(chat(*TO_THE_OFFER, "no"))
    lines = result.stdout.splitlines()
    offer = next(line for line in lines if line.endswith("Want a reminder in a week?"))
    assert "No warning signs" in offer
    assert said(result).startswith("Okay, take care.")
    assert REMINDER not in result.stdout


@pytest.mark.parametrize("answer", ["allow", "yes please"])
def test_allowing_at_alexas_prompt_sets_the_reminder(answer):
    result = ok(chat(*TO_THE_OFFER, "yes", answer))
    lines = result.stdout.splitlines()
    assert PROMPT in lines
    assert said(result).startswith("Done. I'll remind you in a week")
    assert lines[-1] == REMINDER


def test_denying_at_alexas_prompt_sends_the_permission_card():
    result = ok(chat(*TO_THE_OFFER, "yes", "deny"))
    assert "allow reminders from the card in your Alexa app" in said(result)
    assert result.stdout.splitlines()[-1] == "[Card: allow this skill alexa::alerts:reminders:skill:readwrite]"
    assert REMINDER not in result.stdout


def test_with_the_permission_already_granted_yes_sets_it_at_once():
    result = ok(chat(*TO_THE_OFFER, "yes", args=("--reminders-granted",)))
    assert PROMPT not in result.stdout
    assert result.stdout.splitlines()[-1] == REMINDER


@pytest.mark.parametrize("status, words", [("403", "reminders aren't allowed"), ("503", "couldn't set the reminder just now")])
def test_a_failing_reminders_api_falls_back_with_the_number(status, words):
    result = ok(chat(*TO_THE_OFFER, "yes", args=("--reminders-granted", "--reminders-api-status", status)))
    assert words in said(result) and PHONE in said(result)
    assert "[Card: Reminder not set]" in result.stdout and REMINDER not in result.stdout


def test_a_bad_status_is_a_one_line_error():
    result = chat(args=("--reminders-api-status", "999"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "invalid choice: 999" in result.stderr

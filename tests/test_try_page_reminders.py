"""The try page plays the reminder: Alexa's permission prompt is shown, the
next line answers it, and a stand-in Reminders API takes the reminder."""

from __future__ import annotations

import pytest

from skill.core.builder import lambda_handler_for
from skill.core.rules import QUESTIONS
from skill.tools import try_page
from skill.tools.alexa import reminders_standin
from tests.test_try_page import PORT, say, start


@pytest.fixture
def page():
    return try_page.TryPage(lambda_handler_for(api_client=reminders_standin.StandInRemindersApi()))


@pytest.mark.parametrize("answer, said", [("allow", "Done. I'll remind you in a week"), ("deny", "Okay, no reminder.")])
def test_the_permission_prompt_is_answered_by_the_next_line(page, answer, said):
    client = try_page.create_app(page, PORT).test_client()
    session = start(client)
    say(client, session, "yes")
    for _ in QUESTIONS:
        turn = say(client, session, "no").json
    assert turn["speech"].endswith("Want a reminder in a week?") and not turn["ended"]
    turn = say(client, session, "yes").json
    assert turn["speech"] == try_page.PERMISSION_PROMPT and not turn["ended"]
    turn = say(client, session, answer).json
    assert turn["heard"]["intent"] == "Connections.Response"
    assert turn["speech"].startswith(said) and turn["ended"]

"""How to leave `back-spasm chat`: said at start-up, in the skill's help and
when asked ("how do I quit", "cómo salgo"); and a line, never silence, when
the skill ends the session."""

from __future__ import annotations

import pytest

from skill.tools.alexa.device import describe, load_matcher
from skill.tools.chat import NOTES
from tests.support import Dialog
from tests.test_chat import chat, ok

HOW_DO_I_QUIT = {"en-US": ["how do I quit", "how do I get out of this"], "es-US": ["cómo salgo", "cómo termino"]}
STOP = {"en-US": "stop", "es-US": "salir"}


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_start_up_says_how_to_leave(locale):
    result = ok(chat(args=("--locale", locale)))
    assert result.stderr.splitlines()[0] == NOTES[locale]["how_to_leave"]
    assert STOP[locale] in NOTES[locale]["how_to_leave"] and "Ctrl-D" in NOTES[locale]["how_to_leave"]


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_the_word_it_says_leaves(locale):
    assert load_matcher(locale).match(STOP[locale]).intent == "AMAZON.StopIntent"


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_how_do_i_quit_gets_the_help_that_says_how(locale):
    matcher = load_matcher(locale)
    for line in HOW_DO_I_QUIT[locale]:
        match = matcher.match(line)
        assert match.intent == "AMAZON.HelpIntent", (line, describe(match))
    dialog = Dialog(locale=locale)
    dialog.launch()
    dialog.intent(matcher.match(HOW_DO_I_QUIT[locale][0]).intent)
    assert not dialog.ended
    assert dialog.said.startswith(dialog.words.text("help").split("{")[0])
    assert {"en-US": "Say stop to leave.", "es-US": "Para salir, diga salir."}[locale] in dialog.said


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_a_session_the_skill_ended_is_said_in_one_line(locale):
    result = ok(chat(STOP[locale], "yes", args=("--locale", locale)))
    assert result.stderr.splitlines()[-1] == NOTES[locale]["ended"]
    assert "back-spasm chat" in NOTES[locale]["ended"]
    assert "You: yes" not in result.stdout


def test_leaving_by_end_of_input_is_not_called_the_skill_ending():
    result = ok(chat("yes"))
    assert NOTES["en-US"]["ended"] not in result.stderr

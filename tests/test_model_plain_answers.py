"""Plain answers a device must hear as said, through a recogniser trained
only on the interaction model (the stand-in): everyday no's of more than one
word ("nope never", "todo normal por ese lado") are no samples, where they
had fallen back and stalled the check; a loss of control said with "got no
control" is a report sample, beside its denial ("i've got control of my
bladder"), which the stand-in had fitted "i've got no control down there, i
keep leaking" to."""

from __future__ import annotations

import pytest

from skill.tools import alexa_standin, evaluation
from skill.tools.paths import model_path


def heard(locale, line):
    found = evaluation.as_the_skill_reads(alexa_standin.load(model_path(locale)).match(line), locale)
    return found.intent, set(evaluation.symptom_ids(found))


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        ("en-US", "nope never"),
        ("en-US", "no problems there"),
        ("en-US", "all good"),
        ("es-US", "todo normal por ese lado"),
        ("es-US", "por ese lado todo bien"),
        ("es-US", "todo bien"),
    ],
)
def test_everyday_noes_of_more_words_are_heard_as_no(locale, line):
    assert heard(locale, line) == ("AMAZON.NoIntent", set())


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("i've got no control down there i keep leaking", "ReportSymptomIntent"),
        ("he's got no control of his bowels", "ReportSymptomIntent"),
        ("i've got control of my bladder no problem", "DenySymptomIntent"),
    ],
)
def test_got_no_control_is_a_report_and_got_control_a_denial(line, intent):
    assert heard("en-US", line) == (intent, {"BLADDER_BOWEL_CONTROL"})

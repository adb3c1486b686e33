"""The request envelopes the tests and `back-spasm chat` build have the shape
Alexa's own requests have (a request in Alexa's documented format is the
reference), and that reference request works through the real handler."""

from __future__ import annotations

import json
from pathlib import Path

from skill.tools.alexa.envelopes import SlotFill, intent_request
from tests.support import check_response, plain

REFERENCE = json.loads((Path(__file__).parent / "fixtures" / "report_symptom_request.json").read_text())


def shape(node, optional=("Viewport", "dialogState")):
    """The nested key structure, ignoring values and optional device blocks."""
    if isinstance(node, dict):
        return {key: shape(value) for key, value in node.items() if key not in optional}
    if isinstance(node, list):
        return [shape(node[0])] if node else []
    return type(node).__name__


def test_built_envelope_has_alexas_shape():
    built = intent_request(
        "ReportSymptomIntent",
        {
            "symptom": SlotFill("i wet myself", "BLADDER_BOWEL_CONTROL", "loss of bladder control", "SymptomType"),
            "otherSymptom": None,
        },
    )
    assert shape(built) == shape(REFERENCE)


def test_reference_request_through_the_lambda_handler(lambda_handler):
    response = check_response(lambda_handler(REFERENCE, None))
    assert plain(response["response"]["outputSpeech"]["ssml"]).startswith("Call 911 now.")
    assert response["response"]["shouldEndSession"] is True

"""What a device with a screen (Echo Show) shows: the APL document for a
`Screen` and the datasource that fills it.

The documents (`skill/core/apl/*.json`) hold layout only; every word on a
screen comes from the locale strings, through the datasource built here.
SDK-free: the handlers wrap the result in a RenderDocument directive. Imported
only when a device has a screen, so a voice-only cold start never pays for it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from skill.core import contract
from skill.core.replies import Screen, ScreenKind
from skill.core.speech import Speech, plain_text

DOCUMENTS_DIR = Path(__file__).resolve().parent / "apl"

# Names the RenderDocument directive and the UserEvent requests carry.
TOKEN = contract.SCREEN_TOKEN
DATASOURCE = "screen"

# Each kind of screen and the document that lays it out.
DOCUMENT_OF: dict[ScreenKind, str] = {
    ScreenKind.OFFER: "offer",
    ScreenKind.QUESTION: "question",
    ScreenKind.EMERGENCY: "emergency",
    ScreenKind.SEE_DOCTOR: "advice",
    ScreenKind.SELF_CARE: "advice",
    ScreenKind.GOODBYE: "message",
}

# The fields of the datasource the documents may bind (`${payload.screen.NAME}`);
# "labels" holds every string under "screen.labels" in the locale file.
FIELDS: tuple[str, ...] = ("kind", "title", "lines", "question", "progress", "heard", "callClinic", "clinicPhone", "labels")
LABELS: tuple[str, ...] = ("yes", "no", "not_sure", "start_check", "CAUSES", "HOW_LONG", "SELF_CARE", "CONTACT")
# Every string under "screen" in the locale files that the screens take.
LOCALE_KEYS: tuple[str, ...] = (
    "screen.progress",
    "screen.heard",
    *(f"screen.heard_answers.{answer}" for answer in ("yes", "no", "not_sure")),
    "screen.heard_symptoms",
    "screen.call_clinic",
    "screen.clinic_phone",
    *(f"screen.labels.{name}" for name in LABELS),
)


@cache
def document(name: str) -> dict[str, Any]:
    """The APL document `name` (a file stem in DOCUMENTS_DIR), read once."""
    loaded = json.loads((DOCUMENTS_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def document_for(screen: Screen) -> dict[str, Any]:
    return document(DOCUMENT_OF[screen.kind])


def datasources(screen: Screen, speech: Speech) -> dict[str, Any]:
    """The RenderDocument datasources for `screen`, in `speech`'s locale."""
    progress = ""
    if screen.progress is not None:
        number, total = screen.progress
        progress = speech.text("screen.progress", number=str(number), total=str(total))
    heard = speech.text("screen.heard", answer=plain_text(screen.heard)) if screen.heard else ""
    data = {
        "kind": screen.kind.value,
        "title": plain_text(screen.title),
        "lines": [plain_text(line) for line in screen.lines],
        "question": plain_text(screen.question),
        "progress": progress,
        "heard": heard,
        "callClinic": speech.text("screen.call_clinic"),
        "clinicPhone": speech.text("screen.clinic_phone"),
        "labels": {name: speech.text(f"screen.labels.{name}") for name in LABELS},
    }
    assert tuple(data) == FIELDS
    return {DATASOURCE: data}

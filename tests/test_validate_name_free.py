"""`back-spasm validate` on name-free routing: the CanFulfillIntentRequest
interface declared exactly when the skill answers it, and the name-free
toolkit's launch phrases."""

from __future__ import annotations

import json

import pytest

from skill.core import can_fulfill
from skill.tools.paths import model_path
from skill.tools.validate import validate
from tests.test_validate import broken_copy, codes

INTERFACE = {"type": "CAN_FULFILL_INTENT_REQUEST"}


def interfaces(manifest: dict) -> list:
    return manifest["manifest"]["apis"]["custom"]["interfaces"]


def ingress_points(model: dict) -> list:
    return model["interactionModel"]["_nameFreeInteraction"]["ingressPoints"]


def point(model: dict, kind: str, name: str | None = None) -> dict:
    return next(p for p in ingress_points(model) if p["type"] == kind and p.get("name") == name)


def test_the_shipped_package_declares_the_interface_and_launch_phrases(tmp_path):
    root = broken_copy(tmp_path)
    manifest = json.loads((root / "skill.json").read_text())
    assert INTERFACE in interfaces(manifest)
    assert ingress_points(json.loads(model_path("en-US", root).read_text()))
    assert "_nameFreeInteraction" not in json.loads(model_path("es-US", root).read_text())["interactionModel"]
    assert validate(root) == []


def test_handled_but_not_declared_fails(tmp_path):
    root = broken_copy(tmp_path, manifest=lambda m: interfaces(m).remove(INTERFACE))
    problems = [p for p in validate(root) if p.code.startswith("can-fulfill")]
    assert [(p.code, p.place) for p in problems] == [("can-fulfill.undeclared", "manifest.apis.custom.interfaces")]


def test_declared_but_not_handled_fails(tmp_path, monkeypatch):
    """A skill whose handler no longer claims the request: the silent handler
    answers it with nothing, and validate says the interface is a lie."""
    monkeypatch.setattr(can_fulfill.CanFulfillIntentHandler, "can_handle", lambda self, handler_input: False)
    assert "can-fulfill.unhandled" in codes(broken_copy(tmp_path))


def test_neither_declared_nor_handled_is_clean(tmp_path, monkeypatch):
    monkeypatch.setattr(can_fulfill.CanFulfillIntentHandler, "can_handle", lambda self, handler_input: False)
    root = broken_copy(tmp_path, manifest=lambda m: interfaces(m).remove(INTERFACE))
    assert not {c for c in codes(root) if c.startswith("can-fulfill")}


def _add_phrases(kind: str, name: str | None, *phrases: str):
    def edit(model: dict) -> None:
        entry = {"type": kind, **({"name": name} if name else {}), "sampleUtterances": [{"format": "RAW_TEXT", "value": p} for p in phrases]}
        ingress_points(model).append(entry)

    return edit


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (
            lambda m: point(m, "LAUNCH")["sampleUtterances"].extend({"format": "RAW_TEXT", "value": f"back spasm help number {w}"} for w in ("one", "two")),
            "name-free.count",
        ),
        (lambda m: point(m, "LAUNCH")["sampleUtterances"].clear(), "name-free.count"),
        (_add_phrases("INTENT", "CausesIntent", "what causes {symptom}"), "name-free.slot"),
        (_add_phrases("INTENT", "DenySymptomIntent", "I don't have a fever"), "name-free.not-served"),
        (_add_phrases("INTENT", "PizzaIntent", "order a pizza"), "name-free.intent"),
        (_add_phrases("INTENT", "CausesIntent", "what is the weather like"), "name-free.not-understood"),
        (_add_phrases("INTENT", "HowLongIntent", "how long do back spasms last"), "name-free.duplicate"),
        (_add_phrases("LAUNCH", None, "back spasm help 2"), "sample.characters"),
        (lambda m: point(m, "LAUNCH").update(name="StartCheckIntent"), "name-free.shape"),
        (lambda m: point(m, "LAUNCH")["sampleUtterances"][0].update(format="SSML"), "name-free.shape"),
        (lambda m: ingress_points(m).append({"type": "DEEP_LINK"}), "name-free.shape"),
    ],
    ids=[
        "six phrases",
        "no phrases",
        "slot",
        "intent answered no",
        "unknown intent",
        "not understood",
        "duplicate",
        "digits",
        "launch with a name",
        "not raw text",
        "unknown kind",
    ],
)
def test_launch_phrase_rules(tmp_path, edit, code):
    problems = validate(broken_copy(tmp_path, model=edit))
    assert code in {p.code for p in problems}, problems
    assert all(p.place.startswith("interactionModel._nameFreeInteraction") for p in problems if p.code == code)


def test_launch_phrases_in_a_locale_the_toolkit_does_not_serve_fail(tmp_path):
    root = broken_copy(tmp_path)
    english = json.loads(model_path("en-US", root).read_text())["interactionModel"]["_nameFreeInteraction"]
    spanish_path = model_path("es-US", root)
    spanish = json.loads(spanish_path.read_text())
    spanish["interactionModel"]["_nameFreeInteraction"] = english
    spanish_path.write_text(json.dumps(spanish, indent=2, ensure_ascii=False))
    problems = validate(root)
    assert [(p.code, p.file.endswith("es-US.json")) for p in problems] == [("name-free.locale", True)]

"""`back-spasm validate` on the Echo Show screens: the shipped documents are
clean, and a copy broken in each way the check knows is reported."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from skill.core import screen, speech
from skill.tools.cli import main
from skill.tools.paths import INTERACTION_MODEL_DIR
from skill.tools.validate import apl, validate


def problems(tmp_path: Path, monkeypatch, name: str = "question", edit: Callable[[dict], object] | None = None) -> list:
    """The APL problems after `edit` is applied to a copy of document `name`."""
    documents = tmp_path / "apl"
    shutil.copytree(screen.DOCUMENTS_DIR, documents)
    if edit is not None:
        path = documents / f"{name}.json"
        data = json.loads(path.read_text())
        edit(data)
        path.write_text(json.dumps(data))
    monkeypatch.setattr(apl, "DOCUMENTS_DIR", documents)
    return [problem for problem in validate(INTERACTION_MODEL_DIR) if problem.code.startswith("apl.")]


def root(document: dict) -> dict:
    """The question screen's column of components."""
    return document["mainTemplate"]["items"][0]["item"]


BUTTONS = "mainTemplate.items[0].item.items[3]"


def buttons(document: dict) -> list:
    return root(document)["items"][-1]["items"]


def test_shipped_documents_are_clean(tmp_path, monkeypatch):
    assert problems(tmp_path, monkeypatch) == []
    assert main(["validate"]) == 0


def test_every_kind_of_screen_has_a_document_with_its_buttons():
    for name in set(screen.DOCUMENT_OF.values()):
        assert screen.document(name)["type"] == "APL"
    arguments = [button["onPress"]["arguments"] for button in buttons(screen.document("question"))]
    assert arguments == [["answer", "yes"], ["answer", "no"], ["answer", "not_sure"]]


@pytest.mark.parametrize(
    ("edit", "code", "place"),
    [
        (lambda d: d.update(version="2024.3"), "apl.version", "version"),
        (lambda d: d.update({"import": [{"name": "alexa-layouts", "version": "1.7.0"}]}), "apl.import", "import"),
        (lambda d: d.update(type="Widget"), "apl.shape", "(top)"),
        (lambda d: d["mainTemplate"].update(items=[]), "apl.shape", "mainTemplate"),
        (lambda d: d["mainTemplate"].update(parameters=["data"]), "apl.parameters", "mainTemplate.parameters"),
        (lambda d: buttons(d)[0].update(type="AlexaButton"), "apl.component", f"{BUTTONS}.items[0]"),
        (lambda d: root(d)["items"].append({"type": "Sequence", "items": []}), "apl.component", "mainTemplate.items[0].item.items[4]"),
        (lambda d: root(d)["items"][2].update(text="Are you numb?"), "apl.words", "mainTemplate.items[0].item.items[2].text"),
        (lambda d: buttons(d)[0].update(accessibilityLabel="Yes"), "apl.words", f"{BUTTONS}.items[0].accessibilityLabel"),
        (lambda d: buttons(d)[0]["onPress"].update(arguments=["answer", "maybe"]), "apl.event", f"{BUTTONS}.items[0].onPress.arguments"),
        (lambda d: buttons(d)[1]["onPress"].update(arguments=["answer", 2]), "apl.event", f"{BUTTONS}.items[1].onPress.arguments"),
        (lambda d: root(d)["items"][2].update(text="${payload.screen.questoin}"), "apl.binding", "mainTemplate.items[0].item.items[2].text"),
        (lambda d: root(d)["items"][2].update(text="${payload.screen.labels.maybe}"), "apl.binding", "mainTemplate.items[0].item.items[2].text"),
        (lambda d: root(d)["items"][2].update(text="${payload.other.title}"), "apl.binding", "mainTemplate.items[0].item.items[2].text"),
    ],
    ids=[
        "version",
        "import",
        "type",
        "no-items",
        "parameters",
        "unknown-component",
        "sequence",
        "literal-text",
        "literal-label",
        "unanswered-touch",
        "non-string-argument",
        "unknown-field",
        "unknown-label",
        "unknown-datasource",
    ],
)
def test_a_broken_document_is_reported_with_its_place(tmp_path, monkeypatch, edit, code, place):
    (problem,) = problems(tmp_path, monkeypatch, edit=edit)
    assert (problem.code, problem.place) == (code, place)
    assert problem.file.endswith("question.json")


def test_invalid_json_and_a_missing_document(tmp_path, monkeypatch):
    documents = tmp_path / "apl"
    shutil.copytree(screen.DOCUMENTS_DIR, documents)
    (documents / "advice.json").write_text('{"type": "APL",')
    (documents / "message.json").unlink()
    monkeypatch.setattr(apl, "DOCUMENTS_DIR", documents)
    found = {(Path(problem.file).name, problem.code) for problem in validate(INTERACTION_MODEL_DIR)}
    assert ("advice.json", "json.syntax") in found
    assert ("apl", "apl.missing") in found


def test_every_locale_has_every_screen_string(tmp_path, monkeypatch):
    locales = tmp_path / "locales"
    shutil.copytree(speech.LOCALES_DIR, locales)
    path = locales / "en-US.json"
    strings = json.loads(path.read_text())
    del strings["screen"]["labels"]["not_sure"]
    path.write_text(json.dumps(strings))
    monkeypatch.setattr(apl, "LOCALES_DIR", locales)
    (problem,) = [p for p in validate(INTERACTION_MODEL_DIR) if p.code.startswith("apl.")]
    assert (problem.code, problem.place) == ("apl.locale", "screen.labels.not_sure")


def test_the_manifest_must_declare_the_apl_interface(tmp_path):
    model_dir = tmp_path / "interaction_model"
    shutil.copytree(INTERACTION_MODEL_DIR, model_dir)
    manifest = json.loads((model_dir / "skill.json").read_text())
    manifest["manifest"]["apis"]["custom"] = {}
    (model_dir / "skill.json").write_text(json.dumps(manifest))
    # Removing every interface also undeclares CanFulfillIntentRequest: that check reports it on its own.
    (problem,) = [p for p in validate(model_dir) if not p.code.startswith("can-fulfill.")]
    assert (problem.code, problem.place) == ("apl.interface", "manifest.apis.custom.interfaces")

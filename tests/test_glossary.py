"""The English-Spanish glossary in docs/medical-content.md is what the two
locale files say, sign by sign and piece of advice by piece of advice."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from skill.core import contract, speech
from skill.tools import glossary


def test_the_documents_glossary_is_generated_from_the_locale_files():
    document = glossary.DOC.read_text(encoding="utf-8")
    assert glossary.section(document) == glossary.render(), "run: python -m skill.tools.glossary --update"


def test_every_sign_question_and_advice_is_in_both_languages():
    text = glossary.render()
    for symptom_id in contract.SYMPTOM_IDS:
        assert f"| {symptom_id} (" in text
    spanish = json.loads((speech.LOCALES_DIR / "es-US.json").read_text(encoding="utf-8"))
    english = json.loads((speech.LOCALES_DIR / "en-US.json").read_text(encoding="utf-8"))
    for level in english["advice"]:
        assert spanish["advice"][level]["card_title"] in text and english["advice"][level]["card_title"] in text
    assert "¿Ha perdido el control de la vejiga o del intestino?" in text


def test_a_changed_translation_is_out_of_sync(tmp_path, monkeypatch):
    copy = tmp_path / "locales"
    shutil.copytree(speech.LOCALES_DIR, copy)
    strings = json.loads((copy / "es-US.json").read_text(encoding="utf-8"))
    strings["symptoms"]["FEVER"]["name"] = "calentura alta"
    (copy / "es-US.json").write_text(json.dumps(strings, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(speech, "LOCALES_DIR", copy)
    rendered = glossary.render()
    assert "| calentura alta |" in rendered
    assert glossary.section(glossary.DOC.read_text(encoding="utf-8")) != rendered


def test_update_rewrites_only_the_section(tmp_path):
    doc = tmp_path / "medical-content.md"
    doc.write_text("# Medical content\n\n## Glossary, English and Spanish\n\nstale words\n\n## After\n\nkept\n", encoding="utf-8")
    assert glossary.update(doc) is True
    text = doc.read_text(encoding="utf-8")
    assert "stale words" not in text and text.endswith("## After\n\nkept\n") and "| FEVER (see doctor): name | a fever | fiebre |" in text
    assert glossary.update(doc) is False


def test_the_script_prints_the_section():
    result = subprocess.run([sys.executable, "-m", "skill.tools.glossary"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == glossary.render()

"""The glossary in docs/medical-content.md: every sign, question and piece of
advice in English and Spanish side by side, generated from the two locale
files so a bilingual clinician reviews exactly what the skill says.

    python -m skill.tools.glossary            # print the section
    python -m skill.tools.glossary --update   # rewrite it in docs/medical-content.md
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from skill.core import speech
from skill.core.rules import LEVELS, QUESTIONS, Symptom
from skill.tools.paths import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "medical-content.md"
HEADING = "## Glossary, English and Spanish"
LOCALES = ("en-US", "es-US")


class GlossaryError(ValueError):
    """The document has no glossary section to update."""


def _strings(locale: str) -> dict[str, Any]:
    return json.loads((speech.LOCALES_DIR / f"{locale}.json").read_text(encoding="utf-8"))


def _lookup(strings: dict[str, Any], key: str) -> str:
    node: Any = strings
    for part in key.split("."):
        node = node[part]
    return str(node)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " / ")


def rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """(table title, [(what, locale key)]) in the order a clinician reads them."""
    signs = [
        (f"{symptom.value} ({LEVELS[symptom].name.lower().replace('_', ' ')}): {part}", f"symptoms.{symptom.value}.{part}")
        for symptom in Symptom
        for part in ("name", "plain", "denied")
        if part in _strings("en-US")["symptoms"][symptom.value]
    ]
    questions = [(f"{question.id}: {part}", f"questions.{question.id}.{part}") for question in QUESTIONS for part in ("ask", "explain")]
    advice = [(f"{level}: {part}", f"advice.{level}.{part}") for level, parts in _strings("en-US")["advice"].items() for part in parts]
    info = [(f"information: {topic}", f"info.{topic}") for topic in _strings("en-US")["info"]]
    other = [(key, key) for key in ("welcome", "help", "unsure_counted", "call_for_help", "goodbye", "card_footer")]
    return [("Signs", signs), ("Questions", questions), ("Advice", advice), ("Information and other safety words", info + other)]


def render() -> str:
    """The glossary section, from its heading to the end of its last table."""
    strings = {locale: _strings(locale) for locale in LOCALES}
    lines = [
        HEADING,
        "",
        "Generated from `skill/core/locales/en-US.json` and `es-US.json` by `python -m skill.tools.glossary --update`",
        "(a test fails when this section and the locale files differ). Placeholders in braces are filled by the",
        "skill: `{names}` with the signs' names, `{emergency_number}` 911, `{clinic_phone}` (518) 489-2663.",
    ]
    for title, entries in rows():
        lines += ["", f"### {title}", "", "| | English | Español |", "|---|---|---|"]
        for what, key in entries:
            english, spanish = (_cell(_lookup(strings[locale], key)) for locale in LOCALES)
            lines.append(f"| {_cell(what)} | {english} | {spanish} |")
    return "\n".join(lines) + "\n"


def section(document: str) -> str:
    """The glossary section of the document as it stands (to the next `## ` heading or the end)."""
    start = document.find(HEADING + "\n")
    if start < 0:
        raise GlossaryError(f"no {HEADING!r} section")
    end = document.find("\n\n## ", start)
    return document[start : end + 1] if end >= 0 else document[start:]


def update(path: Path = DOC) -> bool:
    """Rewrite the section in `path` (appended when missing); whether it changed."""
    document = path.read_text(encoding="utf-8")
    try:
        current = section(document)
        updated = document.replace(current, render())
    except GlossaryError:
        updated = document.rstrip("\n") + "\n\n" + render()
    path.write_text(updated, encoding="utf-8")
    return updated != document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skill.tools.glossary", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help=f"rewrite the section in {DOC.name}")
    args = parser.parse_args(argv)
    if args.update:
        print("updated" if update() else "unchanged")
    else:
        sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    sys.exit(main())

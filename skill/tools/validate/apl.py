"""The Echo Show screens (`skill/core/apl/*.json`), checked offline:

- each document is valid JSON of an APL document's shape, at an APL version
  every current Echo Show renders, importing no package (a package is fetched
  from the network when the screen is drawn);
- it uses only the components Amazon's web renderer draws offline, and holds
  no words: every text is a binding to the datasource;
- every binding names a field the skill fills (`skill.core.screen.FIELDS`),
  every label one the skill sends (`LABELS`), and every locale has every string
  the screens take (`LOCALE_KEYS`);
- every button's SendEvent arguments are a touch the skill answers
  (`skill.core.contract.TOUCH_EVENTS`);
- every kind of screen has its document, and the manifest declares the APL
  interface (without it Alexa sends no screen device the documents).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from skill.core import contract, screen, speech
from skill.tools.paths import display
from skill.tools.validate.files import SkillPackage, load_json
from skill.tools.validate.report import Problem, Report, join

# Read at check time, so a test can point them at a broken copy.
DOCUMENTS_DIR: Path = screen.DOCUMENTS_DIR
LOCALES_DIR: Path = speech.LOCALES_DIR

# APL versions every Echo Show in use renders (the newest is far past these).
VERSIONS = frozenset({"1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6"})
# What apl-viewhost-web draws with no network.
COMPONENTS = frozenset({"Container", "Frame", "Text", "TouchWrapper", "Image"})
# Properties whose value is shown or read to the user: bindings only.
WORDS = ("text", "accessibilityLabel")
APL_INTERFACE = "ALEXA_PRESENTATION_APL"

_BINDING = re.compile(r"\$\{([^}]*)\}")
_PAYLOAD_PATH = re.compile(r"\bpayload((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")


def check(package: SkillPackage) -> list[Problem]:
    problems: list[Problem] = []
    documents_dir = Path(DOCUMENTS_DIR)
    names = sorted(path.stem for path in documents_dir.glob("*.json"))
    for name in names:
        report = Report(display(documents_dir / f"{name}.json"))
        document = load_json(documents_dir / f"{name}.json", report)
        if document is not None:
            check_document(document, report)
        problems += report.problems
    report = Report(display(documents_dir))
    for kind, name in screen.DOCUMENT_OF.items():
        if name not in names:
            report.add("", "apl.missing", f"no document {name}.json for the {kind.value} screen")
    problems += report.problems
    problems += check_locales(Path(LOCALES_DIR))
    problems += check_manifest(package)
    return problems


def check_document(document: Any, report: Report) -> None:
    if not isinstance(document, dict) or document.get("type") != "APL":
        report.add("", "apl.shape", 'not an APL document (an object with "type": "APL")')
        return
    if document.get("version") not in VERSIONS:
        report.add("version", "apl.version", f"APL version {document.get('version')!r} is not one every Echo Show renders ({min(VERSIONS)}-{max(VERSIONS)})")
    if document.get("import"):
        report.add("import", "apl.import", "imports a package: fetched from the network when the screen is drawn")
    template = document.get("mainTemplate")
    if not isinstance(template, dict) or not isinstance(template.get("items"), list) or not template["items"]:
        report.add("mainTemplate", "apl.shape", "mainTemplate must be an object with a non-empty items list")
        return
    if template.get("parameters") != ["payload"]:
        report.add(join("mainTemplate", "parameters"), "apl.parameters", 'mainTemplate.parameters must be ["payload"] (the datasources)')
    _walk(document, "", report)


def _walk(node: Any, place: str, report: Report) -> None:
    """Every component, command and binding under `node`."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            _walk(item, join(place, index), report)
        return
    if isinstance(node, str):
        _check_bindings(node, place, report)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if kind == "SendEvent":
        _check_send_event(node, place, report)
    elif _is_component(place) and kind not in COMPONENTS:
        report.add(place, "apl.component", f"component {kind!r} is not one the offline renderer draws ({', '.join(sorted(COMPONENTS))})")
    for key in WORDS:
        if key in node and not (isinstance(node[key], str) and _BINDING.search(node[key])):
            report.add(join(place, key), "apl.words", f"{key} must come from the datasource (a ${{payload...}} binding), not the document")
    for key, value in node.items():
        if key != "resources":  # resources hold sizes and colours, not words
            _walk(value, join(place, key), report)


def _is_component(place: str) -> bool:
    """Whether `place` holds a component: an item of mainTemplate, a container or a wrapper."""
    return bool(re.search(r"(\.items\[\d+\]|\.item|\.items)$", place))


def _check_send_event(command: dict, place: str, report: Report) -> None:
    arguments = command.get("arguments")
    if not isinstance(arguments, list) or not all(isinstance(argument, str) for argument in arguments):
        report.add(join(place, "arguments"), "apl.event", "SendEvent arguments must be a list of strings")
    elif tuple(arguments) not in contract.TOUCH_EVENTS:
        report.add(join(place, "arguments"), "apl.event", f"the skill does not answer the touch {arguments} (skill.core.contract.TOUCH_EVENTS)")


def _check_bindings(text: str, place: str, report: Report) -> None:
    for expression in _BINDING.findall(text):
        for path in _PAYLOAD_PATH.findall(expression):
            parts = path.strip(".").split(".")
            if parts[0] != screen.DATASOURCE:
                report.add(place, "apl.binding", f"payload.{parts[0]} is no datasource the skill sends (payload.{screen.DATASOURCE})")
            elif len(parts) < 2 or parts[1] not in screen.FIELDS:
                report.add(place, "apl.binding", f"payload.{'.'.join(parts)} is no field the skill fills ({', '.join(screen.FIELDS)})")
            elif parts[1] == "labels" and (len(parts) < 3 or parts[2] not in screen.LABELS):
                report.add(place, "apl.binding", f"payload.{'.'.join(parts)} is no label the skill sends ({', '.join(screen.LABELS)})")


def check_locales(locales_dir: Path) -> list[Problem]:
    """Every string the screens take, in every locale."""
    problems: list[Problem] = []
    for path in sorted(locales_dir.glob("*.json")):
        report = Report(display(path))
        strings = load_json(path, report)
        for key in screen.LOCALE_KEYS if isinstance(strings, dict) else ():
            node: Any = strings
            for part in key.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            if not isinstance(node, str):
                report.add(key, "apl.locale", f"the screens need the string {key!r} in every locale")
        problems += report.problems
    return problems


def check_manifest(package: SkillPackage) -> list[Problem]:
    report = Report(package.manifest_name)
    custom = _get(package.manifest, "manifest", "apis", "custom")
    interfaces = custom.get("interfaces") if isinstance(custom, dict) else None
    types = {item.get("type") for item in interfaces if isinstance(item, dict)} if isinstance(interfaces, list) else set()
    if isinstance(custom, dict) and APL_INTERFACE not in types:
        report.add("manifest.apis.custom.interfaces", "apl.interface", f"{APL_INTERFACE} is not declared: no device would get the screens")
    return report.problems


def _get(node: Any, *keys: str) -> Any:
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return node

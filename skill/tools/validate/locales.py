"""Locale parity: a second locale is another file, and nothing may be missing
from it. Across every locale's strings (`skill/core/locales/<locale>.json`)
and interaction model:

- every string key of any locale is in every locale, and a string takes the
  same {placeholders} in each (a missing "{names}" would drop the signs from
  the advice);
- every locale names every symptom of the rules (its name and denial) and has
  every string the Echo Show screens take;
- every strings file has a model, and every locale a privacy entry in the
  manifest (every model's intents, symptom ids, strings and publishing entry
  are checked per model by `project_rules` and `manifest`).

Each problem names the file and the key, intent or id.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from skill.core import contract, screen, speech
from skill.tools.paths import display
from skill.tools.validate.files import SkillPackage, load_json
from skill.tools.validate.report import Problem, Report

# Read at check time, so a test can point it at a broken copy.
LOCALES_DIR: Path = speech.LOCALES_DIR
# What each symptom needs in every locale (the emergency signs also "plain").
SYMPTOM_KEYS = ("name", "denied")


def check(package: SkillPackage) -> list[Problem]:
    strings = _load_strings(Path(LOCALES_DIR))
    problems = check_strings(strings)
    problems += check_coverage(package, strings)
    return problems


def _load_strings(locales_dir: Path) -> dict[Path, dict[str, Any]]:
    loaded: dict[Path, dict[str, Any]] = {}
    for path in sorted(locales_dir.glob("*.json")):
        data = load_json(path, Report(display(path)))  # an unreadable file is reported by the APL check
        if isinstance(data, dict):
            loaded[path] = data
    return loaded


def leaves(node: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted key, value) for every string (or non-dict) of a locale file."""
    for key, value in node.items():
        place = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            yield from leaves(value, place)
        else:
            yield place, value


def placeholders(template: str) -> set[str]:
    """The {fields} a template takes; a malformed template has none."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(template) if field}
    except ValueError:
        return {"(malformed)"}


def check_strings(locales: dict[Path, dict[str, Any]]) -> list[Problem]:
    """Same keys, same placeholders, every symptom and screen string, in every locale."""
    flat = {path: dict(leaves(data)) for path, data in locales.items()}
    every_key = sorted({key for strings in flat.values() for key in strings})
    required = [f"symptoms.{symptom_id}.{part}" for symptom_id in contract.SYMPTOM_IDS for part in SYMPTOM_KEYS]
    required += list(screen.LOCALE_KEYS)
    # Placeholders are compared with the default locale's (the one written first).
    reference_path = next((path for path in flat if path.stem == speech.DEFAULT_LOCALE), None)
    problems: list[Problem] = []
    for path, strings in flat.items():
        report = Report(display(path))
        for key in every_key:
            if key not in strings:
                having = ", ".join(p.stem for p, other in flat.items() if key in other)
                report.add(key, "locale.key", f"missing: {having} has {key!r}")
                continue
            value = strings[key]
            if not isinstance(value, str):
                continue
            reference = flat[reference_path].get(key) if reference_path is not None and reference_path != path else None
            if isinstance(reference, str) and placeholders(value) != placeholders(reference):
                report.add(
                    key,
                    "locale.placeholder",
                    f"takes {_fields(placeholders(value))} where {speech.DEFAULT_LOCALE} takes {_fields(placeholders(reference))}",
                )
        for key in required:
            if key not in strings and key not in every_key:
                report.add(key, "locale.key", f"missing: every locale needs {key!r}")
        problems += report.problems
    return problems


def _fields(fields: set[str]) -> str:
    return "{" + "}, {".join(sorted(fields)) + "}" if fields else "no placeholders"


def check_coverage(package: SkillPackage, locales: dict[Path, dict[str, Any]]) -> list[Problem]:
    """A model for every strings file, and a manifest entry for every model."""
    report = Report(package.manifest_name)
    model_locales = {file.locale for file in package.models}
    string_locales = {path.stem for path in locales}
    problems: list[Problem] = []
    for path in locales:
        if path.stem not in model_locales:
            problems.append(Problem(display(path), "(top)", f"no interaction model for {path.stem}", "locale.model"))
    manifest = package.manifest.get("manifest") if isinstance(package.manifest, dict) else None
    if isinstance(manifest, dict):
        privacy = manifest.get("privacyAndCompliance", {}).get("locales", {})
        for locale in sorted(model_locales | string_locales):
            if not isinstance(privacy, dict) or locale not in privacy:
                report.add("manifest.privacyAndCompliance.locales", "locale.privacy", f"no privacy entry for {locale}")
    return problems + report.problems

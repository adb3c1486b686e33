"""The manifest's permissions against what the skill asks for: every scope
the skill requests at run time is declared (Alexa refuses an undeclared one),
and nothing is declared that the skill never uses (certification rejects
permissions a skill does not need)."""

from __future__ import annotations

from typing import Any

from skill.core.reminders import REMINDERS_SCOPE
from skill.tools.validate.files import SkillPackage
from skill.tools.validate.report import Problem, Report

# Every permission scope the skill requests (the reminder's AskFor).
USED_SCOPES = frozenset({REMINDERS_SCOPE})
PLACE = "manifest.permissions"


def check(package: SkillPackage) -> list[Problem]:
    report = Report(package.manifest_name)
    manifest = package.manifest.get("manifest") if isinstance(package.manifest, dict) else None
    if not isinstance(manifest, dict):
        return []  # the shape check has reported it
    declared = _declared(manifest.get("permissions"), report)
    for scope in sorted(USED_SCOPES - declared):
        report.add(PLACE, "permission.missing", f"{scope} is not declared: Alexa would refuse the skill's request for it")
    for scope in sorted(declared - USED_SCOPES):
        report.add(PLACE, "permission.unused", f"{scope} is declared but the skill never asks for it")
    return report.problems


def _declared(permissions: Any, report: Report) -> set[str]:
    if permissions is None:
        return set()
    if not isinstance(permissions, list):
        report.add(PLACE, "permission.shape", 'permissions must be a list of {"name": scope}')
        return set()
    names = set()
    for index, item in enumerate(permissions):
        name = item.get("name") if isinstance(item, dict) else None
        if isinstance(name, str):
            names.add(name)
        else:
            report.add(f"{PLACE}[{index}]", "permission.shape", 'each permission is an object with a "name"')
    return names

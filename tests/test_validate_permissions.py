"""`back-spasm validate`: the manifest declares exactly the permissions the skill asks for."""

from __future__ import annotations

import json

import pytest

from skill.core.reminders import REMINDERS_SCOPE
from skill.tools.paths import INTERACTION_MODEL_DIR
from tests.test_validate import broken_copy, codes


def test_the_shipped_manifest_declares_the_reminders_permission():
    manifest = json.loads((INTERACTION_MODEL_DIR / "skill.json").read_text())
    assert manifest["manifest"]["permissions"] == [{"name": REMINDERS_SCOPE}]


@pytest.mark.parametrize("permissions", [[], None])
def test_a_missing_reminders_permission_is_reported(tmp_path, permissions):
    def edit(data):
        if permissions is None:
            del data["manifest"]["permissions"]
        else:
            data["manifest"]["permissions"] = permissions

    assert "permission.missing" in codes(broken_copy(tmp_path, manifest=edit))


def test_a_permission_the_skill_never_asks_for_is_reported(tmp_path):
    def edit(data):
        data["manifest"]["permissions"].append({"name": "alexa::profile:email:read"})

    found = codes(broken_copy(tmp_path, manifest=edit))
    assert "permission.unused" in found and "permission.missing" not in found


def test_the_permission_check_is_a_project_rule(tmp_path):
    root = broken_copy(tmp_path, manifest=lambda data: data["manifest"].update(permissions=[]))
    assert "permission.missing" not in codes(root, project_rules=False)

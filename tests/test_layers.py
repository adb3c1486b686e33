"""The layer rule: skill.core (what Lambda ships) imports nothing from
skill.hosting or skill.tools, nor their third-party dependencies; skill.hosting
imports nothing from skill.tools. Checked in the source (every import statement,
including ones inside functions) and at run time."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from skill.tools.paths import PROJECT_ROOT

SKILL = PROJECT_ROOT / "skill"
# Third-party packages only the upper layers may use.
NOT_IN_CORE = ("flask", "werkzeug", "flask_ask_sdk", "ask_sdk_webservice_support", "gunicorn", "gevent",
               "cryptography", "rapidfuzz", "ask_smapi_model", "selenium")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def forbidden_imports(layer: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    found = {}
    for path in sorted((SKILL / layer).rglob("*.py")):
        bad = sorted(n for n in imported_modules(path) if n.split(".")[0] in forbidden or n.startswith(forbidden))
        if bad:
            found[str(path.relative_to(PROJECT_ROOT))] = bad
    return found


def test_core_imports_neither_hosting_nor_tools():
    assert forbidden_imports("core", ("skill.hosting", "skill.tools", *NOT_IN_CORE)) == {}


def test_hosting_imports_nothing_from_tools():
    assert forbidden_imports("hosting", ("skill.tools",)) == {}


def test_the_checker_sees_a_forbidden_import(tmp_path):
    """The check above can fail: an import inside a function is found too."""
    module = tmp_path / "sneaky.py"
    module.write_text("def f():\n    from skill.tools import nlu\n    import flask\n")
    assert {"skill.tools", "skill.tools.nlu", "flask"} <= imported_modules(module)


@pytest.mark.parametrize("entry", ["lambda_function", "skill.core.builder"])
def test_the_lambda_path_loads_no_upper_layer(entry):
    code = (
        f"import sys; sys.path.insert(0, {str(PROJECT_ROOT / 'lambda')!r}); import {entry}; "
        "import json; print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, check=True)
    loaded = json.loads(result.stdout)
    assert not [m for m in loaded if m.startswith(("skill.hosting", "skill.tools"))]
    assert not [m for m in loaded if m.split(".")[0] in NOT_IN_CORE]

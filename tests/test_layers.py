"""The layer rule: skill.core (what Lambda ships) < skill.hosting < skill.tools
< skill.testing, each importing only from the layers below; skill.core uses none
of the upper layers' third-party packages; commands never import each other.
The rule is the import contracts in pyproject.toml ([tool.importlinter]),
checked here by running `lint-imports` (every import statement, including ones
inside functions), and at run time on the Lambda path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from skill.tools.paths import PROJECT_ROOT

SKILL = PROJECT_ROOT / "skill"
# Third-party packages only the upper layers may use.
NOT_IN_CORE = (
    "flask",
    "werkzeug",
    "flask_ask_sdk",
    "ask_sdk_webservice_support",
    "gunicorn",
    "gevent",
    "cryptography",
    "rapidfuzz",
    "ask_smapi_model",
    "selenium",
)


def lint_imports(config: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()", "--config", str(config)]
    return subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_ROOT)


def test_the_import_contracts_are_kept():
    result = lint_imports(PROJECT_ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_checker_sees_a_broken_contract(tmp_path):
    """The check above can fail: a contract the code breaks (core is imported
    by every upper layer) is reported broken."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["skill"]\n\n[[tool.importlinter.contracts]]\n'
        'name = "upside down"\ntype = "layers"\nlayers = ["skill.core", "skill.tools"]\n',
        encoding="utf-8",
    )
    result = lint_imports(config)
    assert result.returncode != 0 and "BROKEN" in result.stdout


@pytest.mark.parametrize("entry", ["lambda_function", "skill.core.builder"])
def test_the_lambda_path_loads_no_upper_layer(entry):
    code = f"import sys; sys.path.insert(0, {str(PROJECT_ROOT / 'lambda')!r}); import {entry}; import json; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, check=True)
    loaded = json.loads(result.stdout)
    assert not [m for m in loaded if m.startswith(("skill.hosting", "skill.tools"))]
    assert not [m for m in loaded if m.split(".")[0] in NOT_IN_CORE]

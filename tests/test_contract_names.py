"""Contract names have one home: an intent name, a symptom id, the screen token
or the reminders scope written out as a string anywhere in `skill/` outside
`skill/core/contract.py` fails here. The symptom ids are defined by the rules'
`Symptom` enum, which the contract's SYMPTOM_IDS reads. A module in
`skill/testing/` may keep its own copy as a test oracle (so a wrong name in the
contract is caught rather than copied) when it says so with a line starting
`# Oracle copy:`."""

from __future__ import annotations

import ast
from pathlib import Path

from skill.core import contract
from skill.tools.paths import PROJECT_ROOT

SKILL = PROJECT_ROOT / "skill"
HOME = SKILL / "core" / "contract.py"
SYMPTOMS_HOME = SKILL / "core" / "rules.py"
ORACLE_MARK = "# Oracle copy:"
NAMES = {*contract.INTENTS, *contract.SYMPTOM_IDS, contract.SCREEN_TOKEN, contract.REMINDERS_SCOPE}


def written_out(path: Path, names: set[str]) -> list[tuple[int, str]]:
    """Each string literal in the module that is one of `names`, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sorted((node.lineno, node.value) for node in ast.walk(tree) if isinstance(node, ast.Constant) and node.value in names)


def is_marked_oracle(path: Path) -> bool:
    in_testing = SKILL / "testing" in path.parents
    return in_testing and any(line.strip().startswith(ORACLE_MARK) for line in path.read_text(encoding="utf-8").splitlines())


def test_contract_names_are_written_out_only_in_the_contract():
    found = {}
    for path in sorted(SKILL.rglob("*.py")):
        if path == HOME or is_marked_oracle(path):
            continue
        names = NAMES - set(contract.SYMPTOM_IDS) if path == SYMPTOMS_HOME else NAMES
        hits = written_out(path, names)
        if hits:
            found[str(path.relative_to(PROJECT_ROOT))] = hits
    assert found == {}


def test_the_check_sees_a_copy(tmp_path):
    module = tmp_path / "copy.py"
    module.write_text(f'SCREEN = "{contract.SCREEN_TOKEN}"\nINTENT = "{contract.STOP}"\nWORDS = "not a name"\n', encoding="utf-8")
    assert written_out(module, NAMES) == [(1, contract.SCREEN_TOKEN), (2, contract.STOP)]


def test_an_oracle_mark_counts_only_in_the_testing_layer(tmp_path):
    outside = tmp_path / "skill" / "tools" / "copy.py"
    outside.parent.mkdir(parents=True)
    outside.write_text(f'{ORACLE_MARK} typed out on purpose\nNAME = "{contract.STOP}"\n', encoding="utf-8")
    assert not is_marked_oracle(outside)
    assert is_marked_oracle(SKILL / "testing" / "walks.py")

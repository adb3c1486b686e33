"""No module in `skill/` is over about 400 lines: past that a module holds
more than one responsibility and is split by them (docs/design.md, "Layers").
The limit checked is 425, head room for a docstring or a comment more."""

from __future__ import annotations

from pathlib import Path

from skill.tools.paths import PROJECT_ROOT

SKILL = PROJECT_ROOT / "skill"
MAX_LINES = 425


def too_long(root: Path, limit: int = MAX_LINES, allowed: frozenset[str] | set[str] = frozenset()) -> dict[str, int]:
    """Each module under `root` longer than `limit` lines (path relative to root's parent: its line count)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root.parent).as_posix()
        if "__pycache__" in path.parts or name in allowed:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found[name] = lines
    return found


def test_no_module_in_skill_is_over_the_limit():
    assert too_long(SKILL) == {}


def test_the_size_check_can_fail(tmp_path):
    package = tmp_path / "skill"
    package.mkdir()
    (package / "short.py").write_text("x = 1\n" * MAX_LINES, encoding="utf-8")
    (package / "long.py").write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    assert too_long(package) == {"skill/long.py": MAX_LINES + 1}
    assert too_long(package, allowed={"skill/long.py"}) == {}

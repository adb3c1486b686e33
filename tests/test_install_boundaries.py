"""Install boundaries: a plain install (`pip install .`, no extras) ships
modules that import with what it installs. Only `skill.hosting`, the [web]
extra's room, may need the extra's packages when it is imported; the commands
that reach it (`serve`, `try`) check for the extra first and say so in one line
(tests/test_newcomer.py runs them, and imports every module, in a fresh plain
install). `skill.testing` is not shipped at all (pyproject.toml excludes it).

Checked here from the source, fast: the packages only the [web] extra brings
(its requirements and theirs, less everything the plain install brings),
against every import a shipped module makes when it is loaded: at module level
(imports inside functions run only when called, and those under TYPE_CHECKING
never), and through the `skill` modules it loads in turn."""

from __future__ import annotations

import ast
import fnmatch
import importlib.metadata as metadata
import re
import tomllib
from functools import cache
from pathlib import Path

from packaging.requirements import Requirement

from skill.tools.paths import PROJECT_ROOT

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# The room a plain install ships that needs the [web] extra to import.
WEB_ROOM = "skill.hosting"


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", Requirement(requirement).name).lower()


@cache
def closure(names: frozenset[str]) -> frozenset[str]:
    """The distributions `names` install, with everything they require (extras' requirements left out)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for requirement in metadata.requires(name) or ():
            parsed = Requirement(requirement)
            if parsed.marker is None or parsed.marker.evaluate({"extra": ""}):
                todo.append(_name(requirement))
    return frozenset(seen)


def web_only_packages() -> set[str]:
    """The import names of the distributions only the [web] extra installs."""
    plain = closure(frozenset(_name(r) for r in PYPROJECT["project"]["dependencies"]))
    web = closure(frozenset(_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["web"])) - plain
    return {package for package, dists in metadata.packages_distributions().items() if any(_name(d) in web for d in dists)}


def shipped_modules(root: Path = PROJECT_ROOT) -> dict[str, Path]:
    """Every module of the `skill` package a built wheel holds (the packages pyproject.toml excludes left out)."""
    excluded = PYPROJECT["tool"]["setuptools"]["packages"]["find"]["exclude"]
    modules = {}
    for path in sorted((root / "skill").rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        if not any(fnmatch.fnmatchcase(package, pattern) for pattern in excluded):
            modules[name] = path
    return modules


def _loaded_imports(tree: ast.Module, module: str, is_package: bool) -> set[str]:
    """The modules importing `tree` loads: module-level statements only, not functions, not TYPE_CHECKING."""
    names: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], *filter(None, [base])])
                names.add(base)
                names.update(f"{base}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                visit(node.orelse)
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for block in ("body", "orelse", "finalbody"):
                    visit(getattr(node, block, []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)

    visit(tree.body)
    return names


def needs_web(modules: dict[str, Path], web: set[str]) -> dict[str, str]:
    """Each module that needs a [web]-only package to import, and the import that does it (directly or through others)."""
    direct: dict[str, set[str]] = {}
    for name, path in modules.items():
        direct[name] = _loaded_imports(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py")
    found: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for name, imported in direct.items():
            if name in found:
                continue
            for other in sorted(imported):
                top = other.split(".")[0]
                through = next((found[m] for m in (other, other.rpartition(".")[0]) if m in found), None)
                if top in web or through:
                    found[name] = (through and f"{other} ({through})") or other
                    changed = True
                    break
    return found


def test_the_web_only_packages_are_found():
    """The check below can see something: Flask and gunicorn are the extra's, rapidfuzz and ask-sdk-core are not."""
    web = web_only_packages()
    assert {"flask", "gunicorn", "flask_ask_sdk"} <= web
    assert not {"rapidfuzz", "ask_sdk_core", "isodate", "skill"} & web


def test_only_the_hosting_room_needs_the_web_extra_to_import():
    beyond = {name: why for name, why in needs_web(shipped_modules(), web_only_packages()).items() if not name.startswith(WEB_ROOM)}
    assert beyond == {}


def test_the_harness_is_not_shipped():
    modules = shipped_modules()
    assert "skill.core.builder" in modules and "skill.tools.cli" in modules
    assert not [name for name in modules if name.startswith("skill.testing")]


def test_the_check_sees_a_module_that_needs_the_extra(tmp_path):
    tools = tmp_path / "skill" / "tools"
    tools.mkdir(parents=True)
    for package in (tmp_path / "skill", tools):
        (package / "__init__.py").write_text("", encoding="utf-8")
    (tools / "leaf.py").write_text("def f():\n    import flask\n", encoding="utf-8")  # only when called: fine
    (tools / "page.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import flask\nimport gunicorn\n", encoding="utf-8")
    (tools / "uses.py").write_text("from . import page\n", encoding="utf-8")
    found = needs_web(shipped_modules(tmp_path), {"flask", "gunicorn"})
    assert set(found) == {"skill.tools.page", "skill.tools.uses"}

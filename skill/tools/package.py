"""`back-spasm package`: build the AWS Lambda deployment zip.

The zip holds `lambda_function.py` at its root, the `skill.core` layer (copied
whole with its locale files; `skill.hosting` and `skill.tools` stay out), and the
runtime dependencies pinned with hashes in `lambda/requirements.txt`
(ask-sdk-core, isodate and what they pull in; no Flask, no test tools).

- Dependencies are pure-Python wheels (`skill.tools.lambda_wheels`), so one zip runs on x86_64 and arm64.
  They are installed with `pip install --target`, from a local wheel cache when
  it already holds every pinned wheel, otherwise downloaded from the index once.
- Every module is precompiled with the target Python (3.12, the Lambda runtime)
  to `__pycache__/*.cpython-312.pyc` with `UNCHECKED_HASH` invalidation: Python
  loads them without comparing source mtimes (which zips do not keep) and never
  rewrites them, so a cold start compiles nothing.
- The zip is reproducible: entries sorted, fixed timestamps and permissions,
  `PYTHONHASHSEED=0` while compiling. Same sources, lock and Python give the
  same bytes.

Only the standard library and pip are used here, so `hooks/build.sh` (the ASK
CLI's documented custom build flow) can run it with any Python 3.11+.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from skill.tools.lambda_wheels import LOCK_FILE, PackageError, default_wheel_cache, install_dependencies, read_lock, update_lock
from skill.tools.paths import LAMBDA_DIR, PROJECT_ROOT, display

DEFAULT_OUTPUT = Path("dist") / "lambda.zip"
SKILL_DIR = PROJECT_ROOT / "skill"
# The one layer of the `skill` package that ships (see skill/__init__.py).
SHIPPED_LAYER = "core"

# Lambda runtime the template and ask-resources.json declare.
TARGET_PYTHON = "3.12"
# AWS Lambda's limit for a zip uploaded directly is 50 MB; this project's budget is 6 MB.
MAX_ZIP_BYTES = 6 * 1024 * 1024
# Where Lambda unpacks the code; used as the compile-time path in tracebacks.
LAMBDA_TASK_ROOT = "/var/task"
# The earliest timestamp a zip entry can hold; used for every entry.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644
DIR_MODE = 0o755


@dataclass(frozen=True)
class BuildResult:
    path: Path
    size: int
    sha256: str
    entries: int
    python: str


# --------------------------------------------------------------------------- CLI


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="zip to write (default: %(default)s)")
    parser.add_argument("--python-version", default=TARGET_PYTHON, help="Lambda runtime's Python version (default: %(default)s)")
    parser.add_argument(
        "--python",
        help="interpreter of that version used to precompile (default: found on PATH or under pyenv)",
    )
    parser.add_argument(
        "--wheel-cache", type=Path, default=None, help="where downloaded wheels are kept (default: $BACK_SPASM_WHEEL_CACHE or ~/.cache/back-spasm/wheels)"
    )
    parser.add_argument(
        "--update-lock",
        action="store_true",
        help="re-resolve the newest allowed runtime dependencies into lambda/requirements.txt and exit",
    )


def run(args: argparse.Namespace) -> int:
    from skill.tools.cli import CliError

    try:
        if args.update_lock:
            pins = update_lock(python_version=args.python_version)
            print(f"{display(LOCK_FILE)}: {len(pins)} pinned distributions")
            return 0
        result = build(
            args.output,
            python_version=args.python_version,
            python=args.python,
            wheel_cache=args.wheel_cache,
        )
    except PackageError as error:
        raise CliError(str(error)) from None
    print(f"{display(result.path)}: {result.size / 1e6:.2f} MB, {result.entries} entries, precompiled for Python {args.python_version}, sha256 {result.sha256}")
    if args.python_version == TARGET_PYTHON:
        # Said even when this machine runs another Python: the zip is for Lambda's, not ours.
        print(
            f"Python {TARGET_PYTHON} is the Lambda runtime's version (python{TARGET_PYTHON} in ask-resources.json and "
            "infrastructure/template.yaml); for another, pass --python-version X.Y and change the runtime there too."
        )
    else:
        print(f"Python {args.python_version}: set the Lambda runtime to python{args.python_version} in ask-resources.json "
              "and infrastructure/template.yaml to match.")  # fmt: skip
    return 0


# ------------------------------------------------------------------------- build


def build(
    output: Path | str,
    *,
    lambda_dir: Path | str = LAMBDA_DIR,
    include_skill: bool = True,
    lock_file: Path | str = LOCK_FILE,
    python_version: str = TARGET_PYTHON,
    python: str | None = None,
    wheel_cache: Path | str | None = None,
    max_bytes: int | None = MAX_ZIP_BYTES,
) -> BuildResult:
    """Build the deployment zip at `output` and return what was written.

    `lambda_dir` supplies the top-level modules (`lambda_function.py`);
    `include_skill=False` builds a zip of those plus the dependencies only
    (the benchmark's hello-world baseline is packaged that way).
    """
    output = Path(output)
    lambda_dir = Path(lambda_dir)
    entry_modules = sorted(p for p in lambda_dir.glob("*.py") if p.is_file())
    if not any(p.name == "lambda_function.py" for p in entry_modules):
        raise PackageError(f"{display(lambda_dir / 'lambda_function.py')} not found")
    pins = read_lock(lock_file)
    interpreter = find_python(python_version, python)
    cache = Path(wheel_cache) if wheel_cache else default_wheel_cache()

    with tempfile.TemporaryDirectory(prefix="back-spasm-package-") as tmp:
        root = Path(tmp) / "task"
        root.mkdir()
        install_dependencies(pins, Path(lock_file), root, cache, python_version)
        for module in entry_modules:
            shutil.copyfile(module, root / module.name)
        if include_skill:
            copy_skill_package(SKILL_DIR, root / "skill")
        precompile(root, interpreter)
        output.parent.mkdir(parents=True, exist_ok=True)
        entries = write_zip(root, output)

    size = output.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise PackageError(f"{display(output)} is {size / 1e6:.2f} MB, over the {max_bytes / 1e6:.2f} MB budget")
    digest = hashlib.sha256(output.read_bytes()).hexdigest()
    return BuildResult(path=output, size=size, sha256=digest, entries=entries, python=interpreter)


def copy_skill_package(source: Path, target: Path) -> list[str]:
    """Copy the layer the Lambda runs: `skill/__init__.py` and the whole
    `skill/core` package with its data files (locales), nothing of hosting or
    tools. Returns the relative paths copied."""
    copied: list[str] = []
    files = [source / "__init__.py", *sorted((source / SHIPPED_LAYER).rglob("*"))]
    for path in files:
        relative = path.relative_to(source)
        if path.is_dir() or "__pycache__" in relative.parts or any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix in {".pyc", ".pyo"}:
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        copied.append(relative.as_posix())
    return copied


# -------------------------------------------------------------------- precompile


def find_python(version: str = TARGET_PYTHON, explicit: str | None = None) -> str:
    """Path of a real interpreter (not a pyenv shim) of the given X.Y version."""
    candidates: list[str] = []
    if explicit:
        candidates.append(explicit)
    else:
        if f"{sys.version_info[0]}.{sys.version_info[1]}" == version:
            candidates.append(sys.executable)
        env = os.environ.get("BACK_SPASM_LAMBDA_PYTHON")
        if env:
            candidates.append(env)
        on_path = shutil.which(f"python{version}")
        if on_path:
            candidates.append(on_path)
        pyenv_root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
        candidates.extend(str(p) for p in sorted(pyenv_root.glob(f"versions/{version}.*/bin/python{version}"), reverse=True))
        candidates.extend(f"{prefix}/bin/python{version}" for prefix in ("/usr/local", "/usr"))
    for candidate in candidates:
        try:
            completed = subprocess.run(
                [candidate, "-I", "-c", "import sys; print(sys.executable); print('%d.%d' % sys.version_info[:2])"],
                capture_output=True, text=True, timeout=30,
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired):
            continue
        lines = completed.stdout.split()
        if completed.returncode == 0 and len(lines) == 2 and lines[1] == version:
            return lines[0]
    hint = f" ({explicit} is not Python {version})" if explicit else ""
    raise PackageError(f"no Python {version} interpreter found to precompile for the Lambda runtime{hint}; install python{version} or pass --python PATH")


_COMPILE_SCRIPT = """
import compileall, py_compile, sys
ok = compileall.compile_dir(
    sys.argv[1], ddir=sys.argv[2], quiet=1, workers=0,
    invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
)
sys.exit(0 if ok else 1)
"""


def precompile(root: Path, interpreter: str) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONHASHSEED"] = "0"  # set and frozenset constants are marshalled in hash order
    # SyntaxWarnings (invalid escapes in ask-sdk-model docstrings) are printed at
    # compile time only; compiling here keeps them out of the Lambda's logs too.
    command = [interpreter, "-s", "-W", "ignore::SyntaxWarning", "-c", _COMPILE_SCRIPT, str(root), LAMBDA_TASK_ROOT]
    completed = subprocess.run(command, capture_output=True, text=True, env=env)
    if completed.returncode != 0:
        raise PackageError(f"precompiling failed: {(completed.stdout + completed.stderr).strip()[-500:]}")


# ---------------------------------------------------------------------------- zip


def write_zip(root: Path, output: Path) -> int:
    """Write `root`'s tree to `output` deterministically; return the entry count."""
    paths = []
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        base = Path(directory)
        for name in dirnames:
            paths.append((base / name).relative_to(root).as_posix() + "/")
        for name in filenames:
            paths.append((base / name).relative_to(root).as_posix())
    paths.sort()
    partial = output.with_name(output.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in paths:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.create_system = 3  # Unix, so the permission bits below are honoured
            if name.endswith("/"):
                info.external_attr = ((stat.S_IFDIR | DIR_MODE) << 16) | 0x10
                archive.writestr(info, b"")
            else:
                info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, (root / name).read_bytes(), compresslevel=9)
    os.replace(partial, output)
    return len(paths)


if __name__ == "__main__":  # `python -m skill.tools.package`, used by hooks/build.sh
    from skill.tools.cli import main

    sys.exit(main(["package", *sys.argv[1:]]))

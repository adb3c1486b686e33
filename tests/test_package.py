"""`back-spasm package`: the Lambda zip is complete, small, precompiled,
reproducible, and runs the skill in an interpreter that sees nothing else."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from skill.tools import package
from skill.tools.alexa.envelopes import AlexaSession, SlotFill
from skill.tools.paths import PROJECT_ROOT

MAX_BYTES = 6 * 1024 * 1024


def _target() -> tuple[str, str]:
    """The Lambda runtime's Python if installed here, else this interpreter's
    version (the zip is then precompiled for it instead)."""
    try:
        return package.TARGET_PYTHON, package.find_python(package.TARGET_PYTHON)
    except package.PackageError:
        return f"{sys.version_info[0]}.{sys.version_info[1]}", sys.executable


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    version, python = _target()
    out = tmp_path_factory.mktemp("dist") / "lambda.zip"
    result = package.build(out, python_version=version, python=python)
    return result, version


@pytest.fixture(scope="module")
def unpacked(built, tmp_path_factory):
    result, _ = built
    root = tmp_path_factory.mktemp("task")
    assert not any(root.iterdir())
    with zipfile.ZipFile(result.path) as archive:
        archive.extractall(root)
    return root


def _tree(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(root.rglob("*")) if path.is_file()}


# A stand-in for the Lambda runtime: imports lambda_function from the unpacked
# zip (the only directory added to sys.path), answers one event per stdin line,
# and finally reports where every imported module came from.
_DRIVER = r"""
import json, sys, sysconfig
root = sys.argv[1]
sys.path.insert(0, root)
import lambda_function
for line in sys.stdin:
    print(json.dumps(lambda_function.lambda_handler(json.loads(line), None)), flush=True)
stdlib = [sysconfig.get_path("stdlib"), sysconfig.get_path("platstdlib")]
origins = {name: getattr(module, "__file__", None) for name, module in list(sys.modules.items())}
print(json.dumps({
    "flags": {"isolated": sys.flags.isolated, "no_site": sys.flags.no_site},
    "path": sys.path,
    "foreign": sorted(name for name, f in origins.items()
                      if f and not f.startswith(root) and not any(f.startswith(s) for s in stdlib)),
    "from_zip": sorted(name for name, f in origins.items() if f and f.startswith(root)),
}), flush=True)
"""


class IsolatedLambda:
    """lambda_handler running in a fresh `python -I -S` whose only extra
    sys.path entry is the unpacked zip."""

    def __init__(self, python: str, root: Path):
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
        self.process = subprocess.Popen(
            [python, "-I", "-S", "-c", _DRIVER, str(root)],
            cwd=root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def __call__(self, event: dict) -> dict:
        assert self.process.stdin and self.process.stdout and self.process.stderr
        self.process.stdin.write(json.dumps(event) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"the Lambda process died: {self.process.stderr.read()}")
        return json.loads(line)

    def finish(self) -> dict:
        out, err = self.process.communicate(timeout=60)
        assert self.process.returncode == 0, err
        return json.loads(out.strip().splitlines()[-1])


def _said(envelope: dict) -> str:
    """What a listener hears, as text."""
    ssml = envelope["response"]["outputSpeech"]["ssml"]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", ssml)).split())


def test_zip_layout_and_size(built):
    result, version = built
    assert result.size < MAX_BYTES
    tag = "cpython-" + version.replace(".", "")
    with zipfile.ZipFile(result.path) as archive:
        names = set(archive.namelist())
        infos = archive.infolist()
    assert "lambda_function.py" in names
    for module in ("skill/__init__.py", "skill/core/builder.py", "skill/core/handlers.py", "skill/core/rules.py", "skill/core/speech.py"):
        assert module in names
    assert "skill/core/locales/en-US.json" in names
    assert any(n.startswith("ask_sdk_core/") for n in names) and any(n.startswith("isodate/") for n in names)
    # Only what the Lambda runs: no other front ends, tools, web stack or test tools.
    assert not [n for n in names if n.startswith(("skill/hosting/", "skill/tools/"))]
    assert {n.split("/")[1] for n in names if n.startswith("skill/") and n.count("/") > 1} == {"core", "__pycache__"}
    tops = {n.split("/", 1)[0].lower() for n in names}
    for forbidden in ("flask", "werkzeug", "flask_ask_sdk", "gunicorn", "pytest", "_pytest", "rapidfuzz", "bin", "ask_smapi_model"):
        assert forbidden not in tops
    # Precompiled: every module has its unchecked-hash .pyc beside it.
    for name in names:
        if name.endswith(".py"):
            folder, _, file = name.rpartition("/")
            pyc = f"{folder + '/' if folder else ''}__pycache__/{file[:-3]}.{tag}.pyc"
            assert pyc in names, f"{name} is not precompiled"
    # Fixed timestamps and permissions.
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    for info in infos:
        mode = info.external_attr >> 16
        assert mode & 0o777 == (0o755 if info.is_dir() else 0o644), info.filename


def test_pyc_are_unchecked_hash_based(built):
    result, _ = built
    with zipfile.ZipFile(result.path) as archive:
        pycs = [n for n in archive.namelist() if n.endswith(".pyc")]
        assert pycs
        for name in pycs:
            header = archive.read(name)[:16]
            flags = int.from_bytes(header[4:8], "little")
            assert flags == 0b01, f"{name}: flags {flags:#b} (want hash-based, unchecked)"


def test_same_input_same_bytes(built, tmp_path):
    result, version = built
    again = package.build(tmp_path / "again.zip", python_version=version, python=result.python)
    assert again.sha256 == result.sha256
    assert again.path.read_bytes() == result.path.read_bytes()


def test_ask_cli_hook_builds_the_same_zip(built, tmp_path):
    """hooks/build.sh, as `ask deploy` runs it (zip path and debug flag),
    writes byte-for-byte the zip `back-spasm package` writes."""
    result, version = built
    if version != package.TARGET_PYTHON:
        pytest.skip(f"python{package.TARGET_PYTHON} not installed; the hook builds for it")
    out = tmp_path / "build.zip"
    completed = subprocess.run(
        [str(PROJECT_ROOT / "hooks" / "build.sh"), str(out), "false"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "BACK_SPASM_PYTHON": sys.executable},
    )
    assert completed.returncode == 0, completed.stderr
    assert hashlib.sha256(out.read_bytes()).hexdigest() == result.sha256


def test_launch_and_emergency_dialog_in_isolated_interpreter(built, unpacked):
    result, _ = built
    before = _tree(unpacked)
    lambda_process = IsolatedLambda(result.python, unpacked)
    session = AlexaSession(lambda_process)
    try:
        launch = session.launch()
        assert launch["response"]["shouldEndSession"] is False
        assert "Not a diagnosis" in _said(launch)
        assert launch["response"]["reprompt"]["outputSpeech"]["ssml"]

        first_question = session.intent("AMAZON.YesIntent")
        assert first_question["response"]["shouldEndSession"] is False
        assert "bladder" in _said(first_question)

        advice = session.intent("AMAZON.YesIntent")
    finally:
        report = lambda_process.finish()
    assert _said(advice).startswith("Call 911 now.")
    assert advice["response"]["shouldEndSession"] is True
    assert "(518) 489-2663" in advice["response"]["card"]["content"]

    # The interpreter saw nothing but the zip and the standard library.
    assert report["flags"] == {"isolated": 1, "no_site": 1}
    assert not any("site-packages" in entry for entry in report["path"])
    assert report["foreign"] == []
    assert {"lambda_function", "skill.core.handlers", "skill.core.rules", "ask_sdk_core", "ask_sdk_model"} <= set(report["from_zip"])
    assert "flask" not in report["from_zip"]
    # The precompiled .pyc were used as they are: nothing was (re)compiled or written.
    assert _tree(unpacked) == before


def test_echo_show_screens_and_touches_in_isolated_interpreter(built, unpacked):
    """The APL documents ship in the zip and are read from it."""
    result, _ = built
    lambda_process = IsolatedLambda(result.python, unpacked)
    session = AlexaSession(lambda_process, screen=True)
    try:
        responses = [session.launch(), session.touch(["start_check"]), session.touch(["answer", "yes"])]
    finally:
        report = lambda_process.finish()
    kinds = [response["response"]["directives"][0]["datasources"]["screen"]["kind"] for response in responses]
    assert kinds == ["offer", "question", "emergency"]
    assert _said(responses[-1]).startswith("Call 911 now.")
    assert "skill.core.screen" in report["from_zip"] and report["foreign"] == []


def test_cli_reports_the_zip(tmp_path, capsys):
    from skill.tools.cli import main

    version, python = _target()
    out = tmp_path / "lambda.zip"
    assert main(["package", "--output", str(out), "--python-version", version, "--python", python]) == 0
    line = capsys.readouterr().out.strip()
    assert "MB" in line and "sha256" in line
    assert out.is_file()


def test_cli_error_for_missing_interpreter(tmp_path, capsys):
    from skill.tools.cli import main

    status = main(["package", "--output", str(tmp_path / "x.zip"), "--python", str(tmp_path / "no-python")])
    assert status == 2
    assert "no Python" in capsys.readouterr().err


def test_an_unresolved_slot_is_read_by_the_lexicon_from_the_zip(built, unpacked):
    """A symptom Alexa heard outside the value list (ER_SUCCESS_NO_MATCH) is
    read by the lexicon, stems and all, with only what the zip ships."""
    result, _ = built
    lambda_process = IsolatedLambda(result.python, unpacked)
    session = AlexaSession(lambda_process)
    unheard = SlotFill("my feet tingled all night", None, None, "SymptomType")
    try:
        session.launch()
        advice = session.intent("ReportSymptomIntent", {"symptom": unheard})
    finally:
        report = lambda_process.finish()
    assert _said(advice).startswith("Call 911 now.")
    assert "snowballstemmer" in report["from_zip"] and report["foreign"] == []

"""bench/speech_time.py runs and reports every path, with or without espeak-ng;
it checks no timing (the figures are for people), only that the report is
complete and honest about how it measured."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from skill.tools import paths

SCRIPT = paths.PROJECT_ROOT / "bench" / "speech_time.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("speech_time", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["speech_time"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules["speech_time"]


def test_without_espeak_it_says_it_estimates_and_reports_every_path(bench, monkeypatch, capsys):
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    assert bench.main([]) == 0
    out = capsys.readouterr().out
    assert "ESTIMATE: espeak-ng is not installed (apt-get install -y espeak-ng)" in out
    rows = {line.split("  ")[0]: line for line in out.splitlines()}
    for path, outcome in [
        ("guided emergency", "EMERGENCY"),
        ("worst-case emergency", "EMERGENCY"),
        ("one-shot emergency", "EMERGENCY"),
        ("all no", "SELF_CARE"),
        ("one see-doctor sign", "SEE_DOCTOR"),
        ("information: CausesIntent", "open"),
        ("help", "open"),
    ]:
        row = next((line for name, line in rows.items() if name.startswith(path)), None)
        assert row is not None, (path, out)
        assert f" {outcome} " in row, row
    for target in bench.TARGETS.values():
        assert f"<={target:g}" in out


def test_the_estimate_is_words_at_the_rate(bench, monkeypatch):
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    voice = bench.Voice("en-US", 120)
    assert voice.seconds("<speak>one two <say-as interpret-as='telephone'>three</say-as></speak>") == 1.5


@pytest.mark.parametrize("args", [["--locale", "xx-XX"], ["--rate", "0"]])
def test_bad_arguments_are_one_line_and_non_zero(args):
    result = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr

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


def test_it_reports_every_path_again_in_a_slower_session(bench, monkeypatch, capsys):
    """The slower tables: the same paths, the speech wrapped in the slow
    prosody (espeak-ng follows it; here, without it, the estimate does not)."""
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    spoken: list[str] = []
    seconds = bench.Voice.seconds
    monkeypatch.setattr(bench.Voice, "seconds", lambda self, ssml: spoken.append(ssml) or seconds(self, ssml))
    assert bench.main(["--voice", "slow"]) == 0
    out = capsys.readouterr().out
    assert 'prosody rate "slow"' in out and "Every target met" not in out and "vs normal" in out
    slow = [ssml for ssml in spoken if '<prosody rate="slow">' in ssml]
    assert slow and all(ssml.startswith('<speak><prosody rate="slow">') for ssml in slow)
    for path in ("guided emergency", "worst-case emergency", "one-shot emergency", "all no", "help"):
        assert any(line.startswith(path) for line in out.splitlines()), (path, out)


def test_the_default_report_has_the_normal_table_first_and_the_slower_ones_after(bench, monkeypatch, capsys):
    monkeypatch.setattr(bench.shutil, "which", lambda name: None)
    assert bench.main([]) == 0
    normal, *slower = capsys.readouterr().out.split("\n\n")
    assert "Seconds of skill speech per path" in normal and "prosody" not in normal
    assert ['prosody rate "slow"' in slower[1], 'prosody rate "x-slow"' in slower[2]] == [True, True]


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

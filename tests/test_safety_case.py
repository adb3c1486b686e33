"""The hazard log kept honest (docs/safety/): every hazard has a control, every
control a verification, every named test is one pytest's own collection finds,
every figure comes from a script in bench/, the committed safety case report
is what `back-spasm safety-case` writes, and docs/medical-content.md links each
spoken medical statement to the same hazards as the log."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest

from skill.core import speech
from skill.core.rules import LEVELS, Level, Symptom
from skill.tools import safety_case
from skill.tools.paths import PROJECT_ROOT

MEDICAL_CONTENT = PROJECT_ROOT / "docs" / "medical-content.md"
PLAN = PROJECT_ROOT / "docs" / "safety" / "clinical-risk-management-plan.md"
# The hazards a reviewer asked for by name, at least (their titles' key words).
REQUIRED_HAZARDS = (
    "heard as",
    "over-triage",
    "session state",
    "phone number",
    "spanish",
    "card or the screen",
    "silence",
    "errors or times out",
    "reminder",
    "call 911 for me",
    "article changes",
    "forged",
    "personal data",
    "rewords or routes",
)


@pytest.fixture(scope="module")
def case() -> safety_case.SafetyCase:
    return safety_case.read()


def collected_node_ids(node_ids: list[str]) -> tuple[set[str], str]:
    """What pytest's own collection finds in the files `node_ids` name (parameters
    stripped), and its output; one subprocess for all of them."""
    files = sorted({node.split("::")[0] for node in node_ids if (PROJECT_ROOT / node.split("::")[0]).is_file()})
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *files],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    found = {line.split("[")[0] for line in completed.stdout.splitlines() if "::" in line}
    return found, completed.stdout[-2000:] + completed.stderr[-2000:]


@pytest.fixture(scope="session")
def collected() -> tuple[set[str], str]:
    return collected_node_ids(safety_case.named_tests(safety_case.read()))


def not_collected(node_ids: list[str], found: set[str]) -> list[str]:
    """The node ids (a test function, or a test class's method) that the collection did not find."""
    return [node for node in node_ids if node not in found]


def test_every_hazard_has_a_control_and_every_control_a_verification(case):
    assert safety_case.problems(case) == []


def test_every_test_the_log_names_is_collected_by_pytest(case, collected):
    found, output = collected
    assert found, output  # the collection ran and found tests
    missing = not_collected(safety_case.named_tests(case), found)
    assert missing == [], f"named in docs/safety/hazards.toml but not collected by pytest: {missing}"


def test_the_log_has_at_least_the_hazards_a_reviewer_asked_for(case):
    titles = [hazard["title"].lower() for hazard in case.hazards]
    assert len(titles) >= 14
    assert [words for words in REQUIRED_HAZARDS if not any(words in title for title in titles)] == []


def test_the_checks_can_fail(case, tmp_path, collected):
    """A hazard without a control, a control without a verification, a figure without a
    measurement, a bench script that does not exist and a test that is not there are all caught."""
    broken = copy.deepcopy(case.log)
    broken["hazard"][0]["control"] = []
    del broken["hazard"][1]["control"][0]["tests"]
    broken["hazard"][1]["control"][0].pop("figures", None)
    broken["hazard"][2]["control"][0]["figures"] = ["no.such.figure"]
    measurements = copy.deepcopy(case.measurements)
    next(iter(measurements.values()))["command"] = "python bench/no_such_bench.py"
    found = safety_case.problems(safety_case.SafetyCase(broken, measurements))
    hazards = case.hazards
    assert f"{hazards[0]['id']}: no control" in found
    assert f"{hazards[1]['id']}.1: no verification (tests or figures)" in found
    assert f"{hazards[2]['id']}.1: figure 'no.such.figure' is not in measurements.toml" in found
    assert any("bench/no_such_bench.py is not in bench/" in problem for problem in found)
    real = safety_case.named_tests(case)[0]
    assert not_collected([real, real + "_renamed", "tests/test_no_such_file.py::test_x"], collected[0]) == [
        real + "_renamed",
        "tests/test_no_such_file.py::test_x",
    ]


def test_a_risk_left_unacceptable_is_refused(case):
    broken = copy.deepcopy(case.log)
    broken["hazard"][0]["after"] = {"severity": "catastrophic", "likelihood": "high"}
    broken["hazard"][0]["before"] = {"severity": "catastrophic", "likelihood": "very high"}
    assert f"{case.hazards[0]['id']}: the risk after controls is unacceptable (class 5)" in safety_case.problems(
        safety_case.SafetyCase(broken, case.measurements)
    )


def test_the_committed_report_is_what_the_tool_generates(case):
    committed = safety_case.REPORT_PATH.read_text(encoding="utf-8")
    assert committed == safety_case.render(case), "run: back-spasm safety-case"


def test_the_report_states_each_residual_risk_and_every_figure(case):
    report = safety_case.render(case)
    for hazard in case.hazards:
        assert hazard["residual"] in report
    for measured in case.measurements.values():
        assert f"| {measured['figure']} | {measured['value']} | {measured['date']} |" in report


def test_the_plan_shows_the_logs_risk_matrix(case):
    assert safety_case.risk_matrix_table(case) in PLAN.read_text(encoding="utf-8")


def test_the_command_checks_and_refuses_bad_arguments(tmp_path):
    command = [sys.executable, "-m", "skill.tools.cli", "safety-case"]
    up_to_date = subprocess.run([*command, "--check"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert up_to_date.returncode == 0 and "up to date" in up_to_date.stdout, up_to_date.stderr
    stale = tmp_path / "safety-case.md"
    stale.write_text("an old report\n", encoding="utf-8")
    differs = subprocess.run([*command, "--check", "--output", str(stale)], capture_output=True, text=True, timeout=120)
    assert differs.returncode == 1 and "not what the hazard log gives" in differs.stderr
    bad = subprocess.run([*command, "--no-such-flag"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr


# ---- content traceability: article -> statement -> hazard -> test -----------------------


def traceability_rows() -> list[tuple[str, list[str], str]]:
    """(locale key, hazard ids, test node id) of each row of medical-content.md's table."""
    text = MEDICAL_CONTENT.read_text(encoding="utf-8")
    section = text.split("## Statements, hazards and tests", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        match = re.match(r"^\| `([^`]+)` \|.*\| ([^|]+) \| `([^`]+)` \|$", line)
        if match:
            hazards = [h.strip() for h in match.group(2).split(",") if h.strip() not in {"—", ""}]
            rows.append((match.group(1), hazards, match.group(3)))
    return rows


def test_every_spoken_medical_statement_links_to_its_hazard(case, collected):
    rows = traceability_rows()
    assert len(rows) >= 20
    for locale in speech.supported_locales():
        words = speech.for_locale(locale)
        for key, _, _ in rows:
            words.text(key, names="x")  # KeyError if the locale lacks the statement
    doc_links = {(key, hazard) for key, hazards, _ in rows for hazard in hazards}
    assert doc_links == safety_case.statement_links(case)
    named = {hazard["id"]: {t for c in hazard["control"] for t in c.get("tests", [])} for hazard in case.hazards}
    for key, hazards, test in rows:
        assert not hazards or any(test in named[hazard] for hazard in hazards), (key, test)
    assert not_collected([test for _, _, test in rows], collected[0]) == []  # each is also a test the log names


def test_medical_content_names_every_sign_at_its_level():
    """The article's red-flag table in docs/medical-content.md: every sign of the rules, at the rules' level."""
    words = {Level.EMERGENCY: "emergency", Level.SEE_DOCTOR: "see a doctor"}
    text = MEDICAL_CONTENT.read_text(encoding="utf-8")
    table = text.split("## The signs and their levels", 1)[1].split("\n## ", 1)[0]
    levels = {match.group(1): match.group(2) for match in re.finditer(r"\| `([A-Z_]+)` \| ([a-z ]+)", table)}
    assert {sign.value: words[LEVELS[sign]] for sign in Symptom} == {k: v.strip() for k, v in levels.items()}


def test_the_checker_reads_the_log_with_the_standard_library_only():
    source = Path(safety_case.__file__).read_text(encoding="utf-8")
    assert "import tomllib" in source and "yaml" not in source

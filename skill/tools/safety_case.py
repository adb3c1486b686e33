"""`back-spasm safety-case`: the safety case report, written from the hazard log
(docs/safety/hazards.toml) and the latest measured figures (docs/safety/measurements.toml).

    back-spasm safety-case            # writes docs/safety/safety-case.md
    back-spasm safety-case --check    # exit 1 if the committed report is not what the log gives
    back-spasm safety-case --output - # to standard output

The log's own rules (every hazard controlled, every control verified, every figure
measured by a script in bench/) are checked here; whether each named test exists is
checked by tests/test_safety_case.py with pytest's own collection.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skill.tools.cli import CliError
from skill.tools.paths import PROJECT_ROOT, display

SAFETY_DIR = PROJECT_ROOT / "docs" / "safety"
LOG_PATH = SAFETY_DIR / "hazards.toml"
MEASUREMENTS_PATH = SAFETY_DIR / "measurements.toml"
REPORT_PATH = SAFETY_DIR / "safety-case.md"
BENCH_DIR = PROJECT_ROOT / "bench"

HAZARD_FIELDS = ("id", "title", "what", "causes", "effect", "before", "after", "residual", "statements")
# Where a control lives: in the repository's code, in how the skill is run, or in Amazon's platform.
WHERES = {"code": "in the code", "operations": "operations, outside the code", "platform": "Amazon's platform, outside the code"}
NODE_ID = re.compile(r"^tests/[\w/]+\.py::\w+(::\w+)?$")
BENCH_COMMAND = re.compile(r"^python (bench/[\w/]+\.py)\b")
PYTEST_COMMAND = re.compile(r"^python -m pytest\b")


@dataclass(frozen=True)
class SafetyCase:
    log: dict[str, Any]
    measurements: dict[str, dict[str, Any]]

    @property
    def hazards(self) -> list[dict[str, Any]]:
        hazards: list[dict[str, Any]] = self.log.get("hazard", [])
        return hazards

    def risk(self, score: dict[str, str]) -> int:
        scales = self.log["scales"]
        matrix: list[list[int]] = scales["matrix"]
        return matrix[scales["likelihood"].index(score["likelihood"])][scales["severity"].index(score["severity"])]


def read(log_path: Path = LOG_PATH, measurements_path: Path = MEASUREMENTS_PATH) -> SafetyCase:
    """The log and the measurements; CliError if either is missing or not TOML."""
    try:
        log = tomllib.loads(log_path.read_text(encoding="utf-8"))
        measured = tomllib.loads(measurements_path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CliError(f"cannot read {display(Path(error.filename or log_path))}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise CliError(f"not valid TOML: {error}") from None
    return SafetyCase(log, {m.get("id", ""): m for m in measured.get("measurement", [])})


def named_tests(case: SafetyCase) -> list[str]:
    """Every pytest node id the log names, once each, in log order."""
    seen: dict[str, None] = {}
    for hazard in case.hazards:
        for control in hazard.get("control", []):
            seen.update(dict.fromkeys(control.get("tests", [])))
    return list(seen)


def statement_links(case: SafetyCase) -> set[tuple[str, str]]:
    """(locale key of a spoken medical statement, hazard id) for every link the log makes."""
    return {(key, hazard["id"]) for hazard in case.hazards for key in hazard.get("statements", [])}


def _score_problems(case: SafetyCase, where: str, score: object) -> list[str]:
    scales = case.log.get("scales", {})
    if not isinstance(score, dict):
        return [f"{where}: needs severity and likelihood"]
    problems = []
    for scale in ("severity", "likelihood"):
        if score.get(scale) not in scales.get(scale, []):
            problems.append(f"{where}: {scale} {score.get(scale)!r} is not one of {scales.get(scale)}")
    return problems


def problems(case: SafetyCase, bench_dir: Path = BENCH_DIR) -> list[str]:
    """What breaks the log's rules, one line each; [] when it keeps them all."""
    found: list[str] = []
    scales = case.log.get("scales", {})
    if not all(key in scales for key in ("severity", "likelihood", "matrix", "acceptable", "unacceptable")):
        return ["[scales] needs severity, likelihood, matrix, acceptable and unacceptable"]
    if len(scales["matrix"]) != len(scales["likelihood"]) or any(len(row) != len(scales["severity"]) for row in scales["matrix"]):
        found.append("[scales] matrix is not one row per likelihood and one column per severity")
    ids = [str(hazard.get("id")) for hazard in case.hazards]
    found += [f"hazard id {hazard_id!r} is used twice" for hazard_id in sorted({i for i in ids if ids.count(i) > 1})]
    for hazard in case.hazards:
        name = hazard.get("id", "a hazard without an id")
        found += [f"{name}: no {field}" for field in HAZARD_FIELDS if field not in hazard]
        found += _score_problems(case, f"{name} before controls", hazard.get("before"))
        found += _score_problems(case, f"{name} after controls", hazard.get("after"))
        controls = hazard.get("control", [])
        if not controls:
            found.append(f"{name}: no control")
        for number, control in enumerate(controls, start=1):
            found += _control_problems(case, f"{name}.{number}", control, bench_dir)
    if not found:
        for hazard in case.hazards:
            if case.risk(hazard["after"]) > case.risk(hazard["before"]):
                found.append(f"{hazard['id']}: the risk after controls is higher than before")
            if case.risk(hazard["after"]) >= scales["unacceptable"]:
                found.append(f"{hazard['id']}: the risk after controls is unacceptable (class {case.risk(hazard['after'])})")
    for measurement_id, measurement in case.measurements.items():
        found += _measurement_problems(measurement_id, measurement, bench_dir)
    return found


def _control_problems(case: SafetyCase, name: str, control: dict[str, Any], bench_dir: Path) -> list[str]:
    found = []
    if not control.get("what"):
        found.append(f"{name}: the control does not say what it does")
    if control.get("where") not in WHERES:
        found.append(f"{name}: where must be one of {sorted(WHERES)}")
    tests, figures = control.get("tests", []), control.get("figures", [])
    if not tests and not figures:
        found.append(f"{name}: no verification (tests or figures)")
    found += [f"{name}: {test!r} is not a pytest node id (tests/<file>.py::<test>)" for test in tests if not NODE_ID.match(str(test))]
    found += [f"{name}: figure {figure!r} is not in measurements.toml" for figure in figures if figure not in case.measurements]
    return found


def _measurement_problems(measurement_id: str, measurement: dict[str, Any], bench_dir: Path) -> list[str]:
    found = [f"measurement {measurement_id!r}: no {field}" for field in ("id", "figure", "value", "date", "command") if field not in measurement]
    command = str(measurement.get("command", ""))
    bench = BENCH_COMMAND.match(command)
    if bench:
        script = bench_dir / Path(bench.group(1)).relative_to("bench")
        if not script.is_file():
            found.append(f"measurement {measurement_id!r}: {bench.group(1)} is not in bench/")
    elif not PYTEST_COMMAND.match(command):
        found.append(f"measurement {measurement_id!r}: the command is neither python bench/<script>.py nor python -m pytest")
    return found


# ---- the report ------------------------------------------------------------------------


def risk_matrix_table(case: SafetyCase) -> str:
    """The risk matrix as a Markdown table, likelihood rows highest first."""
    scales = case.log["scales"]
    lines = ["| likelihood \\ severity | " + " | ".join(scales["severity"]) + " |", "|---" * (len(scales["severity"]) + 1) + "|"]
    for likelihood, row in reversed(list(zip(scales["likelihood"], scales["matrix"], strict=True))):
        lines.append(f"| {likelihood} | " + " | ".join(str(cell) for cell in row) + " |")
    return "\n".join(lines)


def _score(case: SafetyCase, score: dict[str, str]) -> str:
    return f"{case.risk(score)} ({score['severity']}, {score['likelihood']})"


def _status(case: SafetyCase, hazard: dict[str, Any]) -> str:
    return "acceptable" if case.risk(hazard["after"]) <= case.log["scales"]["acceptable"] else "accepted with reasons (residual below)"


def _figure(case: SafetyCase, figure: str) -> str:
    measured = case.measurements[figure]
    return f"{measured['figure']}: **{measured['value']}** ({measured['date']}, `{measured['command']}`)"


def _hazard_section(case: SafetyCase, hazard: dict[str, Any]) -> list[str]:
    lines = [
        f"### {hazard['id']}: {hazard['title']}",
        "",
        hazard["what"],
        "",
        "- Causes: " + "; ".join(hazard["causes"]) + ".",
        f"- Effect on the person: {hazard['effect']}",
        f"- Risk: {_score(case, hazard['before'])} before controls, {_score(case, hazard['after'])} after: {_status(case, hazard)}.",
    ]
    if hazard["statements"]:
        lines.append("- Spoken statements: " + ", ".join(f"`{key}`" for key in hazard["statements"]) + " (docs/medical-content.md)")
    lines += ["", "Controls:", ""]
    for number, control in enumerate(hazard["control"], start=1):
        lines.append(f"{number}. {control['what']} *{WHERES[control['where']]}*")
        for test in control.get("tests", []):
            lines.append(f"   - test `{test}`")
        for figure in control.get("figures", []):
            lines.append(f"   - figure: {_figure(case, figure)}")
    lines += ["", f"Residual risk: {hazard['residual']}", ""]
    return lines


def render(case: SafetyCase) -> str:
    """The safety case report as Markdown (same log and figures, same bytes)."""
    hazards = case.hazards
    controls = [control for hazard in hazards for control in hazard["control"]]
    outside = [(hazard, number, control) for hazard in hazards for number, control in enumerate(hazard["control"], start=1) if control["where"] != "code"]
    accepted = [hazard for hazard in hazards if _status(case, hazard) != "acceptable"]
    lines = [
        "# Safety case report",
        "",
        "Generated by `back-spasm safety-case` from [hazards.toml](hazards.toml) and "
        "[measurements.toml](measurements.toml); do not edit by hand (a test fails when this file and the tool differ). "
        "How hazards are found, scored and closed: [clinical-risk-management-plan.md](clinical-risk-management-plan.md).",
        "",
        "## Claim",
        "",
        f"Back Spasm Helper's clinical risks are known and controlled: {len(hazards)} hazards, {len(controls)} controls, "
        f"every control verified by named tests that pytest collects or by a benchmark figure measured on the date shown. "
        f"{len(hazards) - len(accepted)} hazards are at an acceptable risk after their controls (class "
        f"{case.log['scales']['acceptable']} or lower); {len(accepted)} stay above it, each because the harm, should it "
        "happen, cannot be made smaller (a missed emergency stays catastrophic) or because the last control is outside "
        "the skill: their residual risks are stated plainly below and are accepted only with the reasons given there. "
        f"No hazard is left at class {case.log['scales']['unacceptable']} or higher.",
        "",
        "## Hazards",
        "",
        "| id | hazard | risk before | risk after | controls | status |",
        "|---|---|---|---|---|---|",
    ]
    for hazard in hazards:
        lines.append(
            f"| [{hazard['id']}](#{_anchor(hazard)}) | {hazard['title']} | {_score(case, hazard['before'])} | "
            f"{_score(case, hazard['after'])} | {len(hazard['control'])} | {_status(case, hazard)} |"
        )
    lines += [
        "",
        "Risk classes (1 lowest, 5 highest), from the plan's matrix:",
        "",
        risk_matrix_table(case),
        "",
        "## Measured figures",
        "",
        "| figure | value | measured | command |",
        "|---|---|---|---|",
    ]
    for measured in case.measurements.values():
        lines.append(f"| {measured['figure']} | {measured['value']} | {measured['date']} | `{measured['command']}` |")
    lines += ["", "## Residual risks", ""]
    lines += [f"- **{hazard['id']}** ({hazard['title']}), risk {_score(case, hazard['after'])}: {hazard['residual']}" for hazard in hazards]
    lines += ["", "## Controls outside the code", "", "These are not proven by running the code alone; someone must keep them in place.", ""]
    lines += [f"- {hazard['id']}.{number} ({WHERES[control['where']]}): {control['what']}" for hazard, number, control in outside]
    lines += ["", "## Each hazard", ""]
    for hazard in hazards:
        lines += _hazard_section(case, hazard)
    return "\n".join(lines).rstrip("\n") + "\n"


def _anchor(hazard: dict[str, Any]) -> str:
    """GitHub's anchor of the hazard's heading."""
    heading = f"{hazard['id']}: {hazard['title']}".lower()
    return re.sub(r"\s", "-", re.sub(r"[^\w\s-]", "", heading))


# ---- the command ---------------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", default=str(REPORT_PATH), help='where to write the report; "-" for standard output (default docs/safety/safety-case.md)')
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the report at --output differs")


def run(args: argparse.Namespace) -> int:
    case = read()
    found = problems(case)
    if found:
        raise CliError(f"the hazard log breaks its rules: {found[0]}" + (f" (and {len(found) - 1} more)" if len(found) > 1 else ""))
    report = render(case)
    if args.output == "-":
        sys.stdout.write(report)
        return 0
    output = Path(args.output)
    if args.check:
        current = output.read_text(encoding="utf-8") if output.is_file() else None
        if current != report:
            print(f"{display(output)} is not what the hazard log gives; run back-spasm safety-case", file=sys.stderr)
            return 1
        print(f"{display(output)} is up to date: {len(case.hazards)} hazards")
        return 0
    try:
        output.write_text(report, encoding="utf-8")
    except OSError as error:
        raise CliError(f"cannot write {display(output)}: {error.strerror or error}") from None
    print(f"wrote {display(output)}: {len(case.hazards)} hazards, {sum(len(h['control']) for h in case.hazards)} controls")
    return 0

"""Lambda benchmark: the skill's cold start and warm per-request latency, each
against Amazon's bare ask-sdk-core hello-world skill packaged and called the
same way in the same run, as ratios. Prints figures; not a test.

    python bench/lambda_bench.py [--runs 31] [--warm 3000] [--json]

Both zips are built by `skill.tools.package.build` (same pinned dependencies, same
precompiled .pyc) and unpacked into empty directories. Every measurement runs
in a fresh `python3.12 -I -S` whose only extra sys.path entry is one unpacked
zip, as on Lambda:

- cold start: process start to exit for "import lambda_function, answer one
  LaunchRequest" (median of --runs fresh processes per skill, alternated), and
  the same measured inside the process (import + first request, without the
  interpreter's own start-up);
- warm: per-request latency of lambda_handler after the first request, for a
  LaunchRequest and for one intent turn (the skill: "yes" to start the check;
  hello world: HelloWorldIntent), median over --warm calls in each of several
  processes.

Targets: cold start <= 1.10x hello world, warm <= 1.3x. The
imports the skill adds over hello world are listed by cost, grouped by the
import in the skill's own code that pulls them in (`python -X importtime`).
Finally, the endpoint benchmark (bench/endpoint.py's `run()`) runs if present.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from skill.tools import package  # noqa: E402
from skill.tools.alexa.envelopes import intent_request, launch_request  # noqa: E402
from skill.tools.alexa.lambda_entry import import_file  # noqa: E402

COLD_TARGET = 1.10
WARM_TARGET = 1.3

_COLD = r"""
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[1])
import json
event = json.loads(sys.argv[2])
import lambda_function
t1 = time.perf_counter()
response = lambda_function.lambda_handler(event, None)
t2 = time.perf_counter()
assert response["response"]["outputSpeech"]["ssml"]
print(json.dumps({"import": t1 - t0, "first": t2 - t1}))
"""

_WARM = r"""
import sys, time, json
sys.path.insert(0, sys.argv[1])
events = json.loads(sys.argv[2])
n = int(sys.argv[3])
import lambda_function
handler = lambda_function.lambda_handler
for event in events.values():
    handler(event, None)
result = {}
for name, event in events.items():
    for _ in range(50):
        handler(event, None)
    samples = []
    clock = time.perf_counter_ns
    for _ in range(n):
        start = clock()
        handler(event, None)
        samples.append(clock() - start)
    samples.sort()
    result[name] = {"median": samples[len(samples) // 2] / 1e9, "p95": samples[int(len(samples) * 0.95)] / 1e9}
print(json.dumps(result))
"""


def build_and_unpack(work: Path, python: str) -> dict[str, Path]:
    roots = {}
    for name, lambda_dir, include_skill in (
        ("skill", package.LAMBDA_DIR, True),
        ("hello", PROJECT_ROOT / "bench" / "hello_world", False),
    ):
        result = package.build(work / f"{name}.zip", python=python, lambda_dir=lambda_dir, include_skill=include_skill)
        root = work / name
        root.mkdir()
        with zipfile.ZipFile(result.path) as archive:
            archive.extractall(root)
        roots[name] = root
        print(f"  {name:5} zip: {result.size / 1e6:.2f} MB, {result.entries} entries", flush=True)
    return roots


def cold_start(python: str, root: Path, event: dict) -> tuple[float, float, float]:
    """(process wall time, import, first request) in seconds for one fresh process."""
    start = time.perf_counter()
    completed = subprocess.run(
        [python, "-I", "-S", "-c", _COLD, str(root), json.dumps(event)],
        capture_output=True,
        text=True,
        cwd=root,
    )
    wall = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"cold start failed in {root}:\n{completed.stderr}")
    inside = json.loads(completed.stdout)
    return wall, inside["import"], inside["first"]


def warm(python: str, root: Path, events: dict[str, dict], iterations: int) -> dict:
    completed = subprocess.run(
        [python, "-I", "-S", "-c", _WARM, str(root), json.dumps(events), str(iterations)],
        capture_output=True,
        text=True,
        cwd=root,
    )
    if completed.returncode != 0:
        raise SystemExit(f"warm run failed in {root}:\n{completed.stderr}")
    return json.loads(completed.stdout)


def import_tree(python: str, root: Path, event: dict) -> tuple[dict[str, int], dict[str, str]]:
    """From one `python -X importtime` run: module -> self time (us), and
    module -> the module whose import statement imported it."""
    completed = subprocess.run(
        [python, "-I", "-S", "-X", "importtime", "-c", _COLD, str(root), json.dumps(event)],
        capture_output=True,
        text=True,
        cwd=root,
    )
    self_us: dict[str, int] = {}
    parent: dict[str, str] = {}
    pending: list[tuple[int, str]] = []  # importtime prints children before their parent, indented deeper
    for line in completed.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = line[len("import time:"):].split("|", 2)
        depth = len(name) - len(name.lstrip())
        name = name.strip()
        self_us[name] = int(own)
        while pending and pending[-1][0] > depth:
            parent[pending.pop()[1]] = name
        pending.append((depth, name))
    return self_us, parent


def extra_import_costs(skill: tuple[dict, dict], hello: tuple[dict, dict]) -> list[tuple[str, float, int]]:
    """The imports the skill adds over hello world, grouped by the line of the
    skill's own code that pulls them in: (who imports what, ms, modules)."""
    self_us, parent = skill
    extra = [name for name in self_us if name not in hello[0]]
    groups: dict[str, list[int]] = {}
    for name in extra:
        if name == "skill" or name.startswith("skill."):
            groups.setdefault(f"{name} (own code)", []).append(self_us[name])
            continue
        chain = [name]
        while chain[-1] in parent and not (parent[chain[-1]] == "skill" or parent[chain[-1]].startswith("skill.")):
            chain.append(parent[chain[-1]])
        importer = parent.get(chain[-1], "?")
        groups.setdefault(f"{importer} imports {chain[-1]}", []).append(self_us[name])
    ranked = [(label, sum(costs) / 1e3, len(costs)) for label, costs in groups.items()]
    return sorted(ranked, key=lambda item: item[1], reverse=True)


def _round(value):
    return round(value, 3) if isinstance(value, float) else value


def _median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:  # noqa: PLR0915 - one straight run of measure-then-print steps; split, the report's order would be harder to follow
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31, help="fresh processes per skill for cold start")
    parser.add_argument("--warm", type=int, default=2000, help="timed calls per request kind per process")
    parser.add_argument("--warm-processes", type=int, default=6, help="warm processes per skill, alternated")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    parser.add_argument("--no-endpoint", action="store_true", help="skip bench/endpoint.py")
    parser.add_argument("--screen", action="store_true", help="requests from a device with a screen (Echo Show): the skill adds its APL screen")
    args = parser.parse_args(argv)

    python = package.find_python(package.TARGET_PYTHON)
    version = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True)
    print(f"Lambda benchmark: Python {version.stdout.strip()} ({python}), -I -S, only the unpacked zip on sys.path")

    launch = launch_request(screen=args.screen)
    skill_events = {"launch": launch, "intent": intent_request("AMAZON.YesIntent", new=False, screen=args.screen)}
    hello_events = {"launch": launch, "intent": intent_request("HelloWorldIntent", new=False, screen=args.screen)}

    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="back-spasm-bench-") as tmp:
        roots = build_and_unpack(Path(tmp), python)

        # Warm-up: page both trees into the file cache so the first timed run is not an outlier.
        for name in roots:
            cold_start(python, roots[name], launch)

        cold: dict[str, dict[str, list[float]]] = {name: {"wall": [], "import": [], "first": []} for name in roots}
        for _ in range(args.runs):
            for name in ("skill", "hello"):  # alternate, so drift hits both alike
                wall, imported, first = cold_start(python, roots[name], launch)
                cold[name]["wall"].append(wall)
                cold[name]["import"].append(imported)
                cold[name]["first"].append(first)

        warm_runs: dict[str, list[dict]] = {name: [] for name in roots}
        for _ in range(args.warm_processes):  # alternated, like the cold runs
            warm_runs["skill"].append(warm(python, roots["skill"], skill_events, args.warm))
            warm_runs["hello"].append(warm(python, roots["hello"], hello_events, args.warm))

        for name in roots:
            c = cold[name]
            inside = [i + f for i, f in zip(c["import"], c["first"], strict=False)]
            runs = warm_runs[name]
            figures[name] = {
                "cold_wall_ms": _median(c["wall"]) * 1e3,
                "cold_inside_ms": _median(inside) * 1e3,
                "import_ms": _median(c["import"]) * 1e3,
                "first_request_ms": _median(c["first"]) * 1e3,
                "warm_launch_us": _median([r["launch"]["median"] for r in runs]) * 1e6,
                "warm_intent_us": _median([r["intent"]["median"] for r in runs]) * 1e6,
                "warm_launch_p95_us": _median([r["launch"]["p95"] for r in runs]) * 1e6,
                "warm_intent_p95_us": _median([r["intent"]["p95"] for r in runs]) * 1e6,
                # Best case (least disturbed by other load): fastest run / process.
                "best": {
                    "cold_wall_ms": min(c["wall"]) * 1e3,
                    "cold_inside_ms": min(inside) * 1e3,
                    "warm_launch_us": min(r["launch"]["median"] for r in runs) * 1e6,
                    "warm_intent_us": min(r["intent"]["median"] for r in runs) * 1e6,
                },
            }
        s, h = figures["skill"], figures["hello"]
        keys = {"cold_wall": "cold_wall_ms", "cold_inside": "cold_inside_ms", "warm_launch": "warm_launch_us", "warm_intent": "warm_intent_us"}
        ratios = {name: s[key] / h[key] for name, key in keys.items()}
        best_ratios = {name: s["best"][key] / h["best"][key] for name, key in keys.items()}
        figures["ratios"] = ratios
        figures["best_ratios"] = best_ratios

        def row(label, key, unit, ratio_key, target):
            verdict = "ok" if ratios[ratio_key] <= target else "MISSES"
            print(
                f"  {label:34} {s[key]:9.2f} {unit:2}  {h[key]:9.2f} {unit:2}  "
                f"{ratios[ratio_key]:5.2f}x  (best {best_ratios[ratio_key]:4.2f}x; target <= {target}x: {verdict})"
            )

        print(f"\n  {'medians':34} {'skill':>12}  {'hello world':>12}  ratio")
        row("cold start, process start to exit", "cold_wall_ms", "ms", "cold_wall", COLD_TARGET)
        row("cold start, import + 1st request", "cold_inside_ms", "ms", "cold_inside", COLD_TARGET)
        print(f"  {'  of which import':34} {s['import_ms']:9.2f} ms  {h['import_ms']:9.2f} ms")
        print(f"  {'  of which first request':34} {s['first_request_ms']:9.2f} ms  {h['first_request_ms']:9.2f} ms")
        row("warm LaunchRequest", "warm_launch_us", "us", "warm_launch", WARM_TARGET)
        row("warm intent turn", "warm_intent_us", "us", "warm_intent", WARM_TARGET)
        print(
            f"  {'warm p95 (launch / intent)':34} {s['warm_launch_p95_us']:6.0f}/{s['warm_intent_p95_us']:<5.0f} us"
            f" {h['warm_launch_p95_us']:6.0f}/{h['warm_intent_p95_us']:<5.0f} us"
        )
        print(
            f"  ({args.runs} cold runs each; warm: {args.warm_processes} processes x {args.warm} calls per kind;"
            " 'best' = fastest run or process, least disturbed by other load)"
        )

        # What the skill imports beyond hello world, by cost (always shown: it is where to look).
        ranked = extra_import_costs(import_tree(python, roots["skill"], launch), import_tree(python, roots["hello"], launch))
        figures["extra_imports_ms"] = {label: round(ms, 2) for label, ms, _ in ranked}
        missed = [k for k, v in ratios.items() if v > (COLD_TARGET if k.startswith("cold") else WARM_TARGET)]
        total = sum(ms for _, ms, _ in ranked)
        print(f"\n  imports the skill adds over hello world: {total:.1f} ms (self times, one -X importtime run)")
        for label, ms, count in ranked[:8]:
            print(f"    {ms:6.2f} ms  {label}" + (f"  ({count} modules)" if count > 1 else ""))
        if missed:
            print(f"\n  MISSED: {', '.join(missed)}")

    if not args.no_endpoint:
        endpoint = PROJECT_ROOT / "bench" / "endpoint.py"
        if endpoint.is_file():
            print("\nEndpoint benchmark (bench/endpoint.py):", flush=True)
            module = import_file("bench_endpoint", endpoint)
            endpoint_figures = module.run()
            figures["endpoint"] = endpoint_figures
            for key, value in endpoint_figures.items():
                if isinstance(value, dict):
                    shown = {k: _round(v) for k, v in value.items() if not isinstance(v, (list, dict))}
                    nested = {k: v for k, v in value.items() if isinstance(v, dict) and k != "windows_rps"}
                    print(f"  {key}: {shown}" if shown else f"  {key}:")
                    for k, v in nested.items():
                        print(f"    {k}: { {kk: _round(vv) for kk, vv in v.items() if not isinstance(vv, (list, dict))} }")
                else:
                    print(f"  {key}: {_round(value)}")
        else:
            print("\n(bench/endpoint.py not present: no endpoint figures)")

    if args.json:
        print(json.dumps(figures, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())

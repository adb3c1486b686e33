"""Developer-tool benchmark: how long the chat matcher takes to build its
indexes and to match a line, and how long `back-spasm validate` takes on the
shipped skill package. Prints figures; not a test.

    python bench/tools_bench.py [--repeat 5]

Targets: the matcher is built before the first prompt of `back-spasm chat`
(under a second), a typed line is answered without a noticeable pause (under
50 ms), and validate runs in a few seconds (it deserializes every file with
ask-smapi-model twice).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from skill.tools import model  # noqa: E402
from skill.tools.nlu import Nlu, SampleIndex  # noqa: E402
from skill.tools.paths import INTERACTION_MODEL_DIR, model_path  # noqa: E402
from skill.tools.validate import validate  # noqa: E402

# One line of each kind the matcher meets (the step that answered is printed).
LINES = {
    "yes": "yes",
    "a symptom": "I have a fever",
    "two symptoms": "I have a fever and I can't feel my legs",
    "a duration": "it's been about two weeks",
    "typos": "i hve a fevr",
    "a longer question": "should I see a doctor about my back",
    "unrelated words": "purple monkey dishwasher",
}


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and best seconds of `repeat` runs."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), min(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (default 5)")
    repeat = parser.parse_args().repeat
    path = model_path("en-US")

    language_model = model.load(path)
    print(f"en-US model: {len(language_model.intents)} intents, {sum(len(i.samples) for i in language_model.intents)} samples, "
          f"{sum(len(v.phrases) for t in language_model.types for v in t.values)} slot values and synonyms")
    median, best = timed(lambda: model.load(path), repeat)
    print(f"{'read the model (typed loader)':40} {median * 1e3:8.1f} ms median {best * 1e3:8.1f} ms best")
    median, best = timed(lambda: Nlu(language_model), repeat)
    print(f"{'build the chat matcher':40} {median * 1e3:8.1f} ms median {best * 1e3:8.1f} ms best   (target < 1000 ms)")

    matcher = Nlu(language_model)
    for name, line in LINES.items():
        how = matcher.match(line).how
        median, best = timed(partial(matcher.match, line), repeat * 20)
        print(f"{'match: ' + name:40} {median * 1e3:8.2f} ms median {best * 1e3:8.2f} ms best   (target < 50 ms; {how})")

    samples = SampleIndex(language_model)
    median, best = timed(lambda: samples.fits("I can't feel my legs and I have a fever"), repeat * 20)
    print(f"{'SampleIndex.fits (one example phrase)':40} {median * 1e3:8.2f} ms median {best * 1e3:8.2f} ms best")

    median, best = timed(lambda: validate(INTERACTION_MODEL_DIR), repeat)
    print(f"{'back-spasm validate (in process)':40} {median:8.2f} s  median {best:8.2f} s  best")
    return 0


if __name__ == "__main__":
    sys.exit(main())

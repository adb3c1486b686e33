"""How well the skill understands what people say, split by split: the
labelled corpus (tests/corpus) scored with the chat matcher, with the
model's exact samples, and with the Alexa-like stand-in (skill.tools.alexa_standin). Prints figures; the floors are asserted in
tests/test_understanding.py on the test split only.

    python bench/understanding.py [--worst 10] [--locale en-US]

The full per-intent and per-symptom tables of one file:
`back-spasm profile --evaluate tests/corpus/en-US.test.tsv`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from skill.tools import alexa_standin, evaluation  # noqa: E402
from skill.tools.nlu import Match, load  # noqa: E402
from skill.tools.paths import model_path  # noqa: E402

# fresh to fresh17: written blind (docs/understanding.md); fresh10 and fresh14 are never studied.
SPLITS = ("dev", "test", "holdout", "fresh", *(f"fresh{n}" for n in range(2, 18)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale", default="en-US")
    parser.add_argument("--worst", type=int, default=10, help="how many of the test split's misses to list")
    args = parser.parse_args()
    matcher = load(model_path(args.locale))
    standin = alexa_standin.load(model_path(args.locale))
    print(f"{'split':8} {'lines':>5}  {'recogniser':9} {'understood':>18}  {'emergencies':>13}  "
          f"{'denials->report':>15}  {'hedges->fallback':>16}")  # fmt: skip
    misses: list[tuple[evaluation.Example, Match | None]] = []
    for split in SPLITS:
        path = PROJECT_ROOT / "tests" / "corpus" / f"{args.locale}.{split}.tsv"
        examples = evaluation.load_corpus(path)
        for result in (*evaluation.evaluate(matcher, examples), evaluation.score_device("standin", examples, standin.match, args.locale)):
            emergencies = sum(e.is_emergency for e in examples)
            found = emergencies - len(result.emergencies_missed())
            print(
                f"{split:8} {len(examples):5}  {result.name:9} {result.correct:5}/{result.total} "
                f"({100 * result.accuracy:5.1f}%)  {found:5}/{emergencies:<7}  "
                f"{len(result.denials_reported()):6}/{sum(e.is_denial for e in examples):<8}  "
                f"{len(result.hedges_to_fallback()):7}/{sum(e.is_hedge for e in examples):<8}"
            )
            if split == "holdout" and result.name == "matcher":
                misses = result.misses()
    print(f"\nthe holdout's misses with the chat matcher (first {args.worst}):")
    for example, match in misses[: args.worst]:
        got = evaluation.label(match.intent, evaluation.symptom_ids(match)) if match else "-"
        print(f"  {example.text!r}: {evaluation.label(example.intent, example.symptoms)} -> {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

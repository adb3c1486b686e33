"""Spoken vignettes: simulated patients with hidden signs answer the real
skill's questions truthfully in corpus lines; the advice they end up with is
scored against the truth (skill.tools.vignettes; docs/understanding.md).

    python bench/vignettes.py [--patients 600] [--seed 19] [--locale en-US]
        [--recogniser matcher|exact|standin] [--corpus dev|test|holdout|fresh]
        [--worst 5]

--locale and --recogniser may be repeated (default: both locales, every
recogniser). Prints one row per locale and recogniser: right advice overall
and per level (911, see a doctor, self-care), under-triage (less urgent
advice than needed, or none), over-triage, no advice, stalled checks (a
question asked 3 times or more, or no advice in 25 answers), answers per check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from skill.core import speech  # noqa: E402
from skill.tools import vignettes  # noqa: E402
from skill.tools.evaluation import CorpusError  # noqa: E402
from skill.tools.model import ModelError  # noqa: E402

CORPUS_DIR = PROJECT_ROOT / "tests" / "corpus"


def _describe(outcome: vignettes.Outcome) -> str:
    signs = ",".join(sorted(s.value for s in outcome.signs)) or "none"
    advice = vignettes.LEVEL_NAMES[outcome.advice] if outcome.advice is not None else "no advice"
    lines = "; ".join(f"{asked}: {line!r} -> {intent}" for asked, line, intent in outcome.said[1:])
    return f"  [{signs}] told {advice}: {lines}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=600, help="patients per locale (default 600)")
    parser.add_argument("--seed", type=int, default=19, help="the run's seed (default 19)")
    parser.add_argument("--locale", action="append", help="repeatable; default: every locale the skill speaks")
    parser.add_argument("--recogniser", action="append", choices=vignettes.RECOGNISERS, help="repeatable; default: all")
    parser.add_argument("--corpus", default="test", metavar="SPLIT", help="the corpus split to take lines from (default test)")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list N wrong checks per row, with what was said")
    args = parser.parse_args()
    if args.patients < 1:
        parser.error(f"--patients must be 1 or more, not {args.patients}")
    locales = args.locale or speech.supported_locales()
    unknown = [locale for locale in locales if locale not in speech.supported_locales()]
    if unknown:
        parser.error(f"unsupported locale {unknown[0]!r}; supported: {', '.join(speech.supported_locales())}")
    patients = vignettes.make_patients(args.patients, args.seed)
    print(f"{args.patients} patients per locale, seed {args.seed}, lines from the {args.corpus} split")
    print(vignettes.TABLE_HEADER)
    for locale in locales:
        try:
            lines = vignettes.load_lines(CORPUS_DIR, locale, args.corpus)
            recognisers = vignettes.recognisers(locale, args.recogniser or vignettes.RECOGNISERS)
        except (CorpusError, ModelError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        for name, recognise in recognisers.items():
            outcomes = vignettes.run(patients, lines, recognise, locale=locale, seed=args.seed)
            print(vignettes.table_row(locale, name, vignettes.summarise(outcomes)), flush=True)
            for outcome in [o for o in outcomes if o.advice is not o.truth][: args.worst]:
                print(_describe(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Random walks: many random conversations through the real Lambda handler,
half of them with the session attributes tampered with between turns, in
every locale the skill speaks (as many walks each), each checked against the
safety properties (skill/testing/walks.py). Prints figures; the
suite runs the same walk, fewer times, under hypothesis.

    python bench/random_walks.py [--walks 10000] [--seed 1] [--max-steps 25]

Must be 0: emergencies without 911, invalid responses (SSML that does not
parse or has elements other than speak and telephone say-as, a spoken answer
to a session end, a missing reprompt). Expected 0: catch-all answers, 911 with
no emergency sign on record, self-care with a sign on record, repeats that said
something else. The exit status is 1 if any is not 0.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time

from skill.core.speech import supported_locales
from skill.testing.walks import Tally, random_plan, walk


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walks", type=int, default=10_000, help="walks in all, half of them tampered (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-steps", type=int, default=25, help="most steps in one walk (default 25)")
    args = parser.parse_args(argv)
    if args.walks < 2 or args.max_steps < 1:
        parser.error("--walks must be at least 2 and --max-steps at least 1")
    logging.disable(logging.CRITICAL)  # the catch-all's error lines would drown the figures
    rng = random.Random(args.seed)
    locales = supported_locales()
    columns = [(locale, kind) for locale in locales for kind in ("plain", "tampered")]
    tallies = {column: Tally() for column in columns}
    started = time.perf_counter()
    for number in range(args.walks):
        tampered = number % 2 == 1
        locale = locales[number // 2 % len(locales)]
        plan = random_plan(rng, tamper=tampered, max_steps=args.max_steps)
        walk(plan, tallies[locale, "tampered" if tampered else "plain"], locale=locale)
    seconds = time.perf_counter() - started

    rows = [
        ("walks", "walks"),
        ("turns", "turns"),
        ("tampered between turns", "tampers"),
        ("emergency signs reported", "emergencies"),
        ("emergencies without 911 (must be 0)", "emergencies_without_911"),
        ("invalid responses / SSML (must be 0)", "invalid_responses"),
        ("catch-all answers", "catch_all"),
        ("911 with no emergency sign on record", "false_911"),
        ("self-care with a sign on record", "self_care_hiding_a_sign"),
        ("repeat said something else", "repeat_changed"),
        ("reminder offers", "reminder_offers"),
        ("permission prompts (AskFor)", "permission_prompts"),
        ("offer with a sign on record", "offers_with_a_sign"),
        ("call-911 advice with an offer", "emergencies_with_an_offer"),
    ]
    print(f"random walks: seed {args.seed}, up to {args.max_steps} steps each, {seconds:.1f} s")
    print(f"{'':40}" + "".join(f" {locale + ' ' + kind:>17}" for locale, kind in columns) + f" {'all':>9}")
    for label, name in rows:
        counts = [getattr(tallies[column], name) for column in columns]
        print(f"{label:40}" + "".join(f" {count:>17}" for count in counts) + f" {sum(counts):>9}")
    turns = sum(tally.turns for tally in tallies.values())
    print(f"{'ms per turn':40}" + " " * (18 * len(columns)) + f" {1000 * seconds / max(turns, 1):>9.2f}")
    problems = [problem for tally in tallies.values() for problem in tally.problems]
    for problem in problems[:5]:
        print("  " + problem[:400])
    return 1 if any(tally.failures for tally in tallies.values()) else 0

if __name__ == "__main__":
    sys.exit(main())

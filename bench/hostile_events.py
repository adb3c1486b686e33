"""Hostile events through the real Lambda entry: real envelopes with one to
three fields replaced (wrong types, unknown enum values, deep nesting) or
removed, and now and then no object at all. Prints how many exceptions escaped
`lambda_handler` (must be 0), how many events still carried a readable
emergency (a symptom report whose slot resolves to an emergency sign), and how
many of those were answered with the emergency number first (must be all).
Not a test; the bounded version is tests/test_hostile_events.py.

    python bench/hostile_events.py [--events 12000] [--seed 1]
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time

from skill.testing.hostile_events import answered_with_emergency_first, base_events, is_readable_emergency, mutate
from skill.tools.alexa.lambda_entry import load_lambda_handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=12_000, help="events in all (default 12000)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.events < 1:
        parser.error("--events must be at least 1")
    logging.disable(logging.CRITICAL)  # the fallback's error lines would drown the figures
    handler = load_lambda_handler()
    bases = base_events()
    rng = random.Random(args.seed)
    escaped: dict[str, int] = {}
    readable = answered = 0
    started = time.perf_counter()
    for number in range(args.events):
        event = mutate(bases[number % len(bases)], rng)
        try:
            response = handler(event, None)  # type: ignore[arg-type]
        except Exception as exception:
            escaped[type(exception).__name__] = escaped.get(type(exception).__name__, 0) + 1
            response = None
        if is_readable_emergency(event):
            readable += 1
            answered += answered_with_emergency_first(event, response)
    seconds = time.perf_counter() - started
    print(f"hostile events:                         {args.events} (seed {args.seed}, {seconds:.1f} s)")
    print(f"exceptions escaped (must be 0):         {sum(escaped.values())} {escaped or ''}")
    print(f"emergencies readable:                   {readable}")
    print(f"  answered with 911 first (must be all): {answered}")
    return 0 if not escaped and answered == readable else 1


if __name__ == "__main__":
    sys.exit(main())

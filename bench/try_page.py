"""Try-page benchmark: how long one typed line takes through the page's JSON API
(matcher, envelope, lambda_handler, response described for the page), on a
voice-only and an Echo Show session, and how much memory the page keeps per
conversation. Prints figures; not a test.

    python bench/try_page.py [--rounds 20]

Targets: a line is answered without a noticeable pause (under 100 ms at the
API, before the browser speaks or draws), and the 64 conversations the page
keeps fit in a few megabytes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from skill.tools import try_page  # noqa: E402
from skill.tools.alexa.lambda_entry import load_lambda_handler  # noqa: E402

PORT = 18899
BASE = f"http://127.0.0.1:{PORT}"
# A conversation to the self-care advice, then an emergency in a new one.
LINES = ["should I see a doctor", *["no"] * 12, "what causes back spasms", "I can't feel my legs"]


def conversation(client, device: str) -> list[float]:
    """Milliseconds per line of one conversation."""
    session = client.post("/api/session", json={"locale": "en-US", "device": device}, base_url=BASE).json["session"]
    times = []
    for line in LINES:
        start = time.perf_counter()
        response = client.post("/api/say", json={"session": session, "text": line}, base_url=BASE)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.json
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    page = try_page.TryPage(load_lambda_handler())
    client = try_page.create_app(page, PORT).test_client()
    conversation(client, "voice")  # warm: matcher built, modules imported
    conversation(client, "screen")
    print(f"one typed line through the try page's API ({len(LINES)} lines x {args.rounds} rounds)")
    for device in ("voice", "screen"):
        times = [ms for _ in range(args.rounds) for ms in conversation(client, device)]
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"  {device:6}  median {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms   max {times[-1]:6.2f} ms   (target < 100 ms)")

    tracemalloc.start()
    page = try_page.TryPage(load_lambda_handler())
    client = try_page.create_app(page, PORT).test_client()
    before = tracemalloc.take_snapshot()
    for _ in range(try_page.MAX_SESSIONS):
        client.post("/api/session", json={"device": "screen"}, base_url=BASE)
    after = tracemalloc.take_snapshot()
    kept = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    each = kept / try_page.MAX_SESSIONS / 1024
    print(f"memory kept for {try_page.MAX_SESSIONS} open conversations: {kept / 1024:.0f} KiB ({each:.1f} KiB each; target: a few MB in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The ports the browser tests listen on: their own defaults, or, on a shared
machine, a range given as BACK_SPASM_TEST_PORTS="FIRST-LAST" (the screen
tests take its lower half, the try page's browser tests its upper half)."""

from __future__ import annotations

import os


def test_ports(default: range, half: int) -> range:
    given = os.environ.get("BACK_SPASM_TEST_PORTS")
    if not given:
        return default
    first, last = (int(port) for port in given.split("-"))
    middle = (first + last + 1) // 2
    return range(first, middle) if half == 0 else range(middle, last + 1)


test_ports.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test

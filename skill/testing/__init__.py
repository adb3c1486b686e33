"""The test and benchmark harness: imported by `tests/` and `bench/` only, never by `skill/`."""

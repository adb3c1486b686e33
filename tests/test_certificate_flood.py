"""A short certificate-URL flood against real gunicorn workers
(bench/certificate_flood.py, a few seconds): Alexa's signed requests are still
accepted, one download of its chain serves every worker, and after a restart
the flood costs Alexa nothing. The figures for a full minute are the
benchmark's; this checks counts, never timings."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from skill.hosting import download_budget
from skill.tools import paths

SCRIPT = paths.PROJECT_ROOT / "bench" / "certificate_flood.py"
WORKERS = 2


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("certificate_flood", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["certificate_flood"] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules["certificate_flood"]


def test_a_flood_of_new_certificate_urls_does_not_lock_alexa_out(bench):
    """10 junk URLs a second, 3 s ahead of Alexa and then alongside it, on
    fresh workers with an empty certificate cache. Each worker may refuse
    Alexa's first request (its URL asked for once, like every junk URL);
    from its second on, Alexa's URL has capacity the flood cannot spend."""
    result = bench.run(seconds=4, head_start=3, workers=WORKERS)
    assert result["junk_accepted"] == 0
    assert result["genuine_sent"] == 8
    assert result["genuine_sent"] - result["genuine_accepted"] <= WORKERS, result
    assert result["genuine_downloads"] == 1, result  # one worker downloads it, the other reads the disk cache
    most_junk = WORKERS * (download_budget.NEW_BURST + download_budget.NEW_PER_MINUTE * 7 / 60 + 1)
    assert result["junk_downloads"] <= most_junk, result


def test_after_a_restart_the_flood_costs_alexa_nothing(bench):
    """The chain validated before the restart is on disk: no download, nothing refused."""
    result = bench.run(seconds=3, head_start=2, workers=WORKERS, scenario="restart")
    assert result["warm_up_status"] == 200
    assert result["genuine_accepted"] == result["genuine_sent"] == 6, result
    assert result["genuine_downloads"] == 0, result
    assert result["junk_accepted"] == 0

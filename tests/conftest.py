"""pytest fixtures; the helpers behind them live in tests/support.py."""

from __future__ import annotations

import pytest

from tests.support import LAMBDA_HANDLER, Dialog


@pytest.fixture
def dialog() -> Dialog:
    return Dialog()


@pytest.fixture
def lambda_handler():
    return LAMBDA_HANDLER

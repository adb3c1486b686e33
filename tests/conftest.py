"""pytest fixtures; the helpers behind them live in tests/support.py."""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import tempfile

import pytest

from skill.core import reminders
from skill.core.speech import supported_locales
from tests import fake_reminders_api
from tests.support import LAMBDA_HANDLER, Dialog

# Endpoints built at import time or by module-scoped fixtures cache certificate
# chains here, never in ~/.cache; each test then gets a directory of its own.
_CERTIFICATE_CACHE_DIR = tempfile.mkdtemp(prefix="back-spasm-test-certificates-")
os.environ["BACK_SPASM_CERT_CACHE_DIR"] = _CERTIFICATE_CACHE_DIR
atexit.register(shutil.rmtree, _CERTIFICATE_CACHE_DIR, True)
_CERTIFICATE_CACHES = itertools.count()


@pytest.fixture(scope="session")
def _certificate_cache_root(tmp_path_factory):
    return tmp_path_factory.mktemp("certificate-caches")


@pytest.fixture(autouse=True)
def _own_certificate_cache(_certificate_cache_root, monkeypatch):
    """Each test's endpoints (and the gunicorns it starts) cache certificate
    chains in a directory of their own, never in ~/.cache; the directory is
    made only if an endpoint is built."""
    monkeypatch.setenv("BACK_SPASM_CERT_CACHE_DIR", str(_certificate_cache_root / str(next(_CERTIFICATE_CACHES))))


@pytest.fixture(params=supported_locales(), ids=str)
def locale(request) -> str:
    """Each supported locale in turn (en-US, es-US): a test that takes it runs once per locale."""
    return request.param


@pytest.fixture
def dialog(locale: str) -> Dialog:
    return Dialog(locale=locale)


@pytest.fixture
def lambda_handler():
    return LAMBDA_HANDLER


@pytest.fixture(scope="session")
def reminders_server(tmp_path_factory):
    """The fake Reminders API (HTTPS, test CA), one per test run."""
    with fake_reminders_api.serve(tmp_path_factory.mktemp("reminders-api")) as api:
        yield api


@pytest.fixture
def reminders_api(reminders_server, monkeypatch):
    """The fake Reminders API, fresh for this test, its CA trusted by the skill's client."""
    reminders_server.reset()
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(reminders_server.ca_bundle))
    # The explicit override of Amazon's API hosts, for the local stand-in.
    monkeypatch.setattr(reminders.HttpsApiClient, "allowed_hosts", frozenset({fake_reminders_api.HOST}))
    return reminders_server

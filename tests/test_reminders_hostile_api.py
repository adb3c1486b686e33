"""The Reminders client against APIs that misbehave: a stall, a trickled
answer, redirects (to another port, to plain http, in a loop) and a huge
body. Each time the turn is answered within 6 s, nothing reaches a redirect
target, and the skill never says the reminder was set. And only Amazon's API
hosts are called unless the override names others."""

from __future__ import annotations

import time

import pytest

from skill.core import reminders
from tests import hostile_reminders_api
from tests.test_reminders import assert_fell_back_with_the_number, at_offer


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    with hostile_reminders_api.serve(tmp_path_factory.mktemp("hostile-api")) as api:
        yield api


@pytest.fixture
def hostile(hostile_server, monkeypatch):
    hostile_server.hits = hostile_server.target_hits = 0
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(hostile_server.ca_bundle))
    monkeypatch.setattr(reminders.HttpsApiClient, "allowed_hosts", frozenset({hostile_reminders_api.HOST}))
    return hostile_server


CASES = [
    ("stall", 307), ("trickle", 307), ("redirect_port", 302), ("redirect_port", 307), ("redirect_port", 308),
    ("redirect_http", 307), ("redirect_http", 308), ("loop", 307), ("huge", 307),
]  # fmt: skip


@pytest.mark.parametrize("mode, code", CASES)
def test_a_misbehaving_api_never_holds_the_turn_nor_is_followed(hostile, mode, code):
    hostile.mode, hostile.redirect_code = mode, code
    dialog = at_offer(api_endpoint=hostile.url, reminders_granted=True)
    started = time.monotonic()
    dialog.yes()
    seconds = time.monotonic() - started
    assert seconds < 6, seconds
    assert hostile.hits == 1  # one request: no redirect followed, not even to itself
    assert hostile.target_hits == 0
    assert not dialog.said.startswith(dialog.words.text("reminder.set"))
    assert dialog.said.startswith(dialog.words.text("reminder.failed"))
    assert_fell_back_with_the_number(dialog)


@pytest.mark.parametrize("endpoint", ["https://api.amazonalexa.evil.example", "https://127.0.0.1:9", "https://api.amazonalexa.com:8443"])
def test_only_amazons_api_hosts_are_called_without_the_override(endpoint, monkeypatch):
    calls = []
    monkeypatch.setattr("socket.create_connection", lambda *args, **kwargs: calls.append(args) or (_ for _ in ()).throw(OSError()))
    dialog = at_offer(api_endpoint=endpoint, reminders_granted=True)
    dialog.yes()
    assert calls == []
    assert dialog.said.startswith(dialog.words.text("reminder.failed"))


def test_amazons_hosts_are_the_documented_three():
    from skill.core import api_http

    assert {"api.amazonalexa.com", "api.eu.amazonalexa.com", "api.fe.amazonalexa.com"} == api_http.AMAZON_API_HOSTS

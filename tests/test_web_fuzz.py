"""Fuzzing the endpoint through the real Flask app: whatever the body and
headers, the answer is never a 5xx and always short JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.hosting.app import create_app
from skill.testing.signing import TestPKI, make_pki
from skill.tools.alexa import envelopes

SKILL_ID = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"

PKI: TestPKI = make_pki()
APPS = {
    "verified": create_app(skill_id=SKILL_ID, trust_roots=PKI.trust_roots, fetch_certificate=PKI.fetch),
    "unverified": create_app(skill_id=SKILL_ID, verify=False),
}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)

PATHS = [
    ("version",),
    ("request",),
    ("request", "type"),
    ("request", "timestamp"),
    ("request", "requestId"),
    ("request", "intent"),
    ("request", "intent", "name"),
    ("request", "intent", "slots"),
    ("session",),
    ("session", "attributes"),
    ("session", "application"),
    ("context",),
    ("context", "System", "application"),
    ("request", "locale"),
    ("session", "new"),
]


@st.composite
def mutated_envelopes(draw: st.DrawFn) -> str:
    builders = [
        lambda: envelopes.launch_request(skill_id=SKILL_ID),
        lambda: envelopes.intent_request("ContactIntent", skill_id=SKILL_ID),
        lambda: envelopes.intent_request("AMAZON.YesIntent", skill_id=SKILL_ID),
    ]
    envelope: dict[str, Any] = draw(st.sampled_from(builders))()
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        target: Any = envelope
        for part in path[:-1]:
            if not isinstance(target, dict):
                break
            target = target.setdefault(part, {})
        if isinstance(target, dict):
            if draw(st.booleans()):
                target[path[-1]] = draw(json_values)
            else:
                target.pop(path[-1], None)
    return json.dumps(envelope)


bodies = st.binary(max_size=300) | json_values.map(json.dumps).map(str.encode) | mutated_envelopes().map(str.encode)

header_values = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60)
headers = st.fixed_dictionaries(
    {},
    optional={
        "Content-Type": st.sampled_from(["application/json", "text/plain", "", "application/json; charset=latin-1"]),
        "Signature-256": header_values,
        "SignatureCertChainUrl": header_values | st.sampled_from(["https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"]),
        "Transfer-Encoding": st.sampled_from(["chunked", "gzip", "identity"]),
        "X-Request-Id": header_values,
    },
)


@pytest.mark.parametrize("mode", APPS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies, extra=headers, method=st.sampled_from(["POST", "POST", "POST", "GET", "PUT"]), sign=st.booleans())
def test_endpoint_never_fails_with_5xx_and_always_answers_json(mode, body, extra, method, sign):
    all_headers = dict(extra)
    if sign:
        all_headers |= PKI.headers(body)
    if all_headers.get("Transfer-Encoding") and all_headers["Transfer-Encoding"] != "chunked":
        all_headers.pop("Transfer-Encoding")
    response = APPS[mode].test_client().open("/alexa", method=method, data=body, headers=all_headers)
    assert response.status_code < 500, response.get_data(as_text=True)
    assert response.is_json, response.get_data(as_text=True)
    if response.status_code >= 400:
        answer = response.get_json()
        assert set(answer) == {"error"} and len(answer["error"]) < 60

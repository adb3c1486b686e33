"""The self-hosted endpoint through the real Flask app and the real skill.

Requests are real Alexa envelopes (skill.tools.alexa.envelopes), signed with a test PKI
(tests/_pki.py); the app runs the production verification code with only the
trust root and the certificate download substituted."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_core.skill import CustomSkill

from skill.core.rules import Symptom
from skill.core.speech import plain_text as plain
from skill.hosting.app import MAX_BODY_BYTES, create_app
from skill.hosting.app import SkillAdapter as StockSkillAdapter  # flask-ask-sdk's, after the oscrypto workaround
from skill.testing.response_checks import symptom_slot
from skill.testing.signing import TestPKI, key, make_ca, make_leaf, make_pki, pem
from skill.tools.alexa import envelopes
from tests.support import LAMBDA_HANDLER

SKILL_ID = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"
OTHER_SKILL_ID = "amzn1.ask.skill.99999999-2222-4333-8444-555555555555"
NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(scope="module")
def pki() -> TestPKI:
    pki = make_pki()
    rogue_root = make_ca("Rogue Root", key("rogue-root"))
    variants = {
        "untrusted-ca": pem(make_leaf(rogue_root, key("rogue-root"), key("leaf")), rogue_root),
        "wrong-san": pem(make_leaf(pki.intermediate, key("intermediate"), key("leaf"), dns_names=("echo-api.amazon.com.evil.example",)), pki.intermediate),
        "expired": pem(
            make_leaf(pki.intermediate, key("intermediate"), key("leaf"), not_before=NOW - dt.timedelta(days=90), not_after=NOW - dt.timedelta(minutes=1)),
            pki.intermediate,
        ),
    }
    for name, chain in variants.items():
        pki.chains[f"https://s3.amazonaws.com/echo.api/{name}.pem"] = chain
    return pki


@pytest.fixture
def app(pki):  # one per test: each has the whole certificate download budget
    return create_app(skill_id=SKILL_ID, trust_roots=pki.trust_roots, fetch_certificate=pki.fetch)


@pytest.fixture
def client(app):
    return app.test_client()


def launch(**fields) -> dict:
    return envelopes.launch_request(skill_id=fields.pop("skill_id", SKILL_ID), **fields)


def body_of(envelope: dict) -> str:
    return json.dumps(envelope)


def rejections(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "skill.hosting.app" and r.getMessage().startswith("rejected")]


def post(client, body, headers=None):
    return client.post("/alexa", data=body, headers=headers or {"Content-Type": "application/json"})


def assert_refused(client, caplog, body, headers, reason: str, status=400, error="request verification failed"):
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = post(client, body, headers)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json and response.get_json() == {"error": error}
    logged = rejections(caplog)
    assert len(logged) == 1 and reason in logged[0], logged
    return logged[0]


# ---- the happy path -----------------------------------------------------------


def test_signed_launch_gets_the_skills_answer(client, pki):
    body = body_of(launch())
    response = post(client, body, pki.headers(body))
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["version"] == "1.0"
    assert answer["response"]["outputSpeech"]["type"] == "SSML"
    assert answer["response"]["shouldEndSession"] is False
    assert answer["response"]["reprompt"]


def test_answer_is_the_same_skill_as_the_lambda(client, pki):
    """The web app wraps exactly the skill the Lambda entry builds."""
    from skill.core.builder import build_skill_builder

    envelope = envelopes.intent_request("ContactIntent", skill_id=SKILL_ID)
    body = body_of(envelope)
    web_answer = post(client, body, pki.headers(body)).get_json()
    lambda_answer = build_skill_builder(SKILL_ID).lambda_handler()(envelope, None)
    assert web_answer["response"] == lambda_answer["response"]


def test_a_whole_signed_conversation(client, pki):
    def invoke(envelope: dict) -> dict:
        body = body_of(envelope)
        response = post(client, body, pki.headers(body))
        assert response.status_code == 200
        return response.get_json()

    session = envelopes.AlexaSession(invoke, skill_id=SKILL_ID)
    session.launch()
    session.intent("AMAZON.YesIntent")
    assert not session.ended
    answer = session.intent("AMAZON.StopIntent")
    assert answer["response"]["shouldEndSession"] is True


# ---- every verification failure is a 400 ----------------------------------------


def test_tampered_body(client, caplog, pki):
    body = body_of(launch())
    tampered = body.replace('"new": true', '"new": false')
    assert tampered != body
    assert_refused(client, caplog, tampered, pki.headers(body), "signature does not match the request body")


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem", "scheme is not https"),
        ("https://notamazon.com/echo.api/echo-api-cert-test.pem", "host is not s3.amazonaws.com"),
        ("https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert-test.pem", "host is not s3.amazonaws.com"),
        ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert-test.pem", "path does not start with /echo.api/"),
        ("https://s3.amazonaws.com/invalid.path/echo-api-cert-test.pem", "path does not start with /echo.api/"),
        ("https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert-test.pem", "path does not start with /echo.api/"),
        ("https://s3.amazonaws.com:563/echo.api/echo-api-cert-test.pem", "port is not 443"),
    ],
)
def test_bad_certificate_url(client, caplog, pki, url, reason):
    body = body_of(launch())
    assert_refused(client, caplog, body, pki.headers(body, url=url), reason)


@pytest.mark.parametrize(
    "url",
    [
        "HTTPS://S3.AMAZONAWS.COM/echo.api/echo-api-cert-test.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert-test.pem",
        "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert-test.pem",
    ],
)
def test_certificate_url_variants_amazon_allows(client, pki, url):
    pki.chains[url] = pki.chain_pem()
    body = body_of(launch())
    assert post(client, body, pki.headers(body, url=url)).status_code == 200


@pytest.mark.parametrize(
    "variant, reason",
    [
        ("untrusted-ca", "certificate chain does not validate"),
        ("wrong-san", "signing certificate is not for echo-api.amazon.com"),
        ("expired", "signing certificate is expired"),
    ],
)
def test_bad_certificate(client, caplog, pki, variant, reason):
    body = body_of(launch())
    url = f"https://s3.amazonaws.com/echo.api/{variant}.pem"
    assert_refused(client, caplog, body, pki.headers(body, url=url), reason)


def test_wrong_key(client, caplog, pki):
    body = body_of(launch())
    assert_refused(client, caplog, body, pki.headers(body, signing_key=key("other")), "signature does not match the request body")


@pytest.mark.parametrize(
    "drop, reason",
    [
        ("SignatureCertChainUrl", "missing SignatureCertChainUrl header"),
        ("Signature-256", "missing Signature-256 header"),
        ("both", "missing SignatureCertChainUrl header"),
    ],
)
def test_missing_headers(client, caplog, pki, drop, reason):
    body = body_of(launch())
    headers = pki.headers(body)
    for name in ("SignatureCertChainUrl", "Signature-256") if drop == "both" else (drop,):
        del headers[name]
    assert_refused(client, caplog, body, headers, reason)


def test_certificate_that_cannot_be_downloaded(client, caplog, pki):
    body = body_of(launch())
    url = "https://s3.amazonaws.com/echo.api/not-there.pem"
    assert_refused(client, caplog, body, pki.headers(body, url=url), "could not download the certificate chain")


@pytest.mark.parametrize("seconds", [-155, -600, 155])
def test_stale_or_future_timestamp(client, caplog, pki, seconds):
    envelope = launch()
    when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds)
    envelope["request"]["timestamp"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    body = body_of(envelope)
    assert_refused(client, caplog, body, pki.headers(body), "request timestamp is outside the allowed window")


def test_timestamp_without_zone(client, caplog, pki):
    envelope = launch()
    envelope["request"]["timestamp"] = envelope["request"]["timestamp"].rstrip("Z")
    body = body_of(envelope)
    assert_refused(client, caplog, body, pki.headers(body), "timestamp is missing or has no time zone")


def test_wrong_skill_id(client, caplog, pki):
    body = body_of(launch(skill_id=OTHER_SKILL_ID))
    assert_refused(client, caplog, body, pki.headers(body), "request is for another skill id")


def test_wrong_skill_id_in_session_only(client, caplog, pki):
    envelope = launch()
    envelope["session"]["application"] = {"applicationId": OTHER_SKILL_ID}
    body = body_of(envelope)
    assert_refused(client, caplog, body, pki.headers(body), "request is for another skill id")


# ---- bad bodies -------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, error, reason",
    [
        ("{", "malformed JSON", "body is not valid JSON"),
        ("", "malformed JSON", "body is not valid JSON"),
        (b"\xff\xfe{}", "malformed request body", "body is not UTF-8"),
        ("[1, 2]", "not an Alexa request envelope", "body is not a JSON object"),
        ('"LaunchRequest"', "not an Alexa request envelope", "body is not a JSON object"),
        ("{}", "not an Alexa request envelope", "no version"),
        ('{"version": "1.0", "request": {"type": "LaunchRequest"}}', "not an Alexa request envelope", "request has no requestId"),
    ],
)
def test_malformed_or_foreign_body(client, caplog, pki, body, error, reason):
    headers = pki.headers(body) if body else {}
    assert_refused(client, caplog, body, headers, reason, error=error)


@pytest.mark.parametrize(
    "mutate, reason",
    [
        (lambda e: e.pop("context"), "no context.System.application.applicationId"),
        (lambda e: e["request"].update(intent=None, type="IntentRequest"), "IntentRequest has no intent name"),
    ],
)
def test_envelope_the_sdk_or_skill_would_trip_over(client, caplog, pki, mutate, reason):
    envelope = launch()
    mutate(envelope)
    body = body_of(envelope)
    assert_refused(client, caplog, body, pki.headers(body), reason, error="not an Alexa request envelope")


def test_a_timestamp_that_is_no_date_is_refused_by_the_timestamp_check(client, caplog, pki):
    envelope = launch()
    envelope["request"]["timestamp"] = "last tuesday"  # read as no timestamp, which the check refuses
    body = body_of(envelope)
    assert_refused(client, caplog, body, pki.headers(body), "request timestamp is missing")


@pytest.mark.parametrize("attributes", [0, "x", [], True, [1]], ids=repr)
def test_session_attributes_that_are_no_object_are_dropped_and_the_turn_answered_as_on_lambda(client, pki, attributes):
    """The endpoint and the Lambda give the same event the same answer."""
    envelope = envelopes.intent_request("ReportSymptomIntent", {"symptom": symptom_slot(Symptom.LIMB_NUMBNESS)}, skill_id=SKILL_ID)
    envelope["session"]["attributes"] = attributes
    body = body_of(envelope)
    response = post(client, body, pki.headers(body))
    assert response.status_code == 200, response.get_data(as_text=True)
    spoken = response.get_json()["response"]["outputSpeech"]["ssml"]
    assert plain(spoken).startswith("Call 911 now.")
    assert spoken == LAMBDA_HANDLER(envelope, None)["response"]["outputSpeech"]["ssml"]


@pytest.mark.parametrize("where", ["session.attributes", "request.intent.slots", "body"])
def test_absurdly_nested_json_is_400_not_a_crash(client, caplog, pki, where):
    nested = '{"a":' * 900 + "1" + "}" * 900
    if where == "body":
        body, reason, error = "[" * 5000 + "]" * 5000, "body is not valid JSON", "malformed JSON"
    else:
        envelope = envelopes.intent_request("ContactIntent", skill_id=SKILL_ID)
        parent, key = where.rsplit(".", 1)
        target = envelope
        for part in parent.split("."):
            target = target[part]
        target[key] = {"x": "PLACEHOLDER"}
        body = body_of(envelope).replace('"PLACEHOLDER"', nested)
        reason, error = "nested more than 100 levels deep", "not an Alexa request envelope"
    assert_refused(client, caplog, body, pki.headers(body), reason, error=error)


def test_oversized_body_is_413(client, caplog, pki):
    envelope = launch()
    envelope["session"]["attributes"] = {"padding": "x" * MAX_BODY_BYTES}
    body = body_of(envelope)
    assert_refused(client, caplog, body, pki.headers(body), f"body larger than {MAX_BODY_BYTES} bytes", status=413, error="request body too large")


@pytest.mark.parametrize("size, status", [(MAX_BODY_BYTES + 1, 413), (MAX_BODY_BYTES + 100_000, 413), (MAX_BODY_BYTES, 400)])
def test_chunked_body_is_limited_too(client, caplog, size, status):
    """No Content-Length (chunked): werkzeug alone would truncate silently."""
    import io

    caplog.clear()
    body = b"{" + b" " * (size - 2) + b"}"
    response = client.post("/alexa", input_stream=io.BytesIO(body), headers={"Transfer-Encoding": "chunked"}, environ_base={"wsgi.input_terminated": True})
    assert response.status_code == status
    if status == 413:
        assert response.get_json() == {"error": "request body too large"}
    else:  # exactly at the limit: read whole, then refused for what it is
        assert rejections(caplog) == ["rejected POST /alexa (400): not an Alexa request envelope: no version"]


# ---- routes and methods ------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_on_alexa_are_405(client, method):
    response = client.open("/alexa", method=method)
    assert response.status_code == 405
    assert response.get_json() == {"error": "method not allowed"}
    assert response.headers["Allow"] == "POST"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    assert len(response.get_data()) < 64
    assert client.post("/healthz").status_code == 405


def test_unknown_path_is_json_404(client):
    response = client.get("/nope")
    assert response.status_code == 404 and response.is_json


# ---- privacy ---------------------------------------------------------------------


def test_no_symptom_data_in_logs(client, caplog, pki):
    marker = "ZEBRA-MARKER-FEVER"
    slot = envelopes.SlotFill(spoken=marker, value_id="FEVER", resolved_name="fever", slot_type="SymptomType")
    envelope = envelopes.intent_request("ReportSymptomIntent", {"symptom": slot}, skill_id=SKILL_ID)
    envelope["session"]["attributes"] = {"note": marker}
    body = body_of(envelope)
    with caplog.at_level(logging.INFO):
        assert post(client, body, pki.headers(body)).status_code == 200
        assert post(client, body + " ", pki.headers(body)).status_code == 400  # tampered
        assert post(client, body.replace('"version"', '"versio"'), pki.headers(body)).status_code == 400
        bad_id = body.replace(SKILL_ID, OTHER_SKILL_ID)
        assert post(client, bad_id, pki.headers(bad_id)).status_code == 400
    assert caplog.records
    assert marker not in caplog.text and "fever" not in caplog.text.lower()


# ---- verify=False ------------------------------------------------------------------


@pytest.fixture(scope="module")
def unverified_app():
    return create_app(skill_id=SKILL_ID, verify=False)


def test_no_verify_accepts_unsigned_requests_but_still_checks_the_rest(unverified_app, caplog):
    client = unverified_app.test_client()
    envelope = launch()
    envelope["request"]["timestamp"] = "2001-01-01T00:00:00Z"
    response = post(client, body_of(envelope))
    assert response.status_code == 200 and response.get_json()["response"]["outputSpeech"]
    assert_refused(client, caplog, body_of(launch(skill_id=OTHER_SKILL_ID)), None, "request is for another skill id")
    assert_refused(client, caplog, "{", None, "body is not valid JSON", error="malformed JSON")


def test_no_verify_warns_loudly(caplog):
    with caplog.at_level(logging.WARNING, logger="skill.hosting.app"):
        create_app(skill_id=SKILL_ID, verify=False)
    assert any("VERIFICATION IS OFF" in r.getMessage() and r.levelno >= logging.WARNING for r in caplog.records)


def test_skill_id_from_environment(monkeypatch, pki, caplog):
    monkeypatch.setenv("ALEXA_SKILL_ID", SKILL_ID)
    client = create_app(verify=False).test_client()
    assert post(client, body_of(launch())).status_code == 200
    assert_refused(client, caplog, body_of(launch(skill_id=OTHER_SKILL_ID)), None, "another skill id")
    monkeypatch.delenv("ALEXA_SKILL_ID")
    with caplog.at_level(logging.WARNING):
        client = create_app(verify=False).test_client()
    assert "ALEXA_SKILL_ID is not set" in caplog.text
    assert post(client, body_of(launch(skill_id=OTHER_SKILL_ID))).status_code == 200


def test_verification_is_on_by_default():
    """No arguments at all: unsigned requests are refused."""
    client = create_app(skill_id=SKILL_ID).test_client()
    response = post(client, body_of(launch()))
    assert response.status_code == 400 and response.get_json() == {"error": "request verification failed"}


@pytest.mark.parametrize("fault", [RuntimeError, AskSdkException])
def test_a_fault_in_the_skill_is_a_json_500_without_details(app, pki, caplog, monkeypatch, fault):
    """A fault of the skill itself (not of the request): plain exceptions
    reach Flask as they are, the SDK's own as werkzeug's InternalServerError."""

    def broken(self, **kwargs):
        raise fault("secret symptom detail")

    monkeypatch.setattr(CustomSkill, "invoke", broken)
    body = body_of(launch())
    with caplog.at_level(logging.INFO):
        response = post(app.test_client(), body, pki.headers(body))
    assert response.status_code == 500 and response.get_json() == {"error": "internal error"}
    assert fault.__name__ in caplog.text and "secret symptom detail" not in caplog.text
    assert not [r for r in caplog.records if r.exc_info and r.levelno >= logging.INFO]


def test_the_adapter_is_the_stock_one_with_its_own_verifiers_off(app, pki, caplog):
    """flask-ask-sdk's SkillAdapter as published, configured by its own keys:
    its RequestVerifier would refuse the test CA's chain (not in its trust
    store), so a signed request answered 200 proves it is off."""
    adapter = app.extensions["ASK_SDK_SKILL_ADAPTER"][SKILL_ID]
    assert type(adapter) is StockSkillAdapter
    assert app.config["ASK_SDK_VERIFY_SIGNATURE"] is False and app.config["ASK_SDK_VERIFY_TIMESTAMP"] is False
    assert app.view_functions["alexa"] == adapter.dispatch_request
    body = body_of(launch())
    assert post(app.test_client(), body, pki.headers(body)).status_code == 200


def test_a_refusal_is_logged_once_without_a_traceback(client, caplog, pki):
    """The SDK logs each failed verification at ERROR with a traceback; the
    endpoint logs one line with the reason instead."""
    body = body_of(launch())
    with caplog.at_level(logging.DEBUG):
        post(client, body + " ", pki.headers(body))
        post(client, body.replace(SKILL_ID, OTHER_SKILL_ID), pki.headers(body))
    assert len(rejections(caplog)) == 2
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


def test_every_answer_carries_a_request_id(client, pki, caplog):
    body = body_of(launch())
    with caplog.at_level(logging.INFO):
        answers = [post(client, body, pki.headers(body)), post(client, "{"), client.get("/healthz"), client.get("/nope")]
    ids = [answer.headers["X-Request-Id"] for answer in answers]
    assert len(set(ids)) == 4 and all(len(i) == 16 and int(i, 16) >= 0 for i in ids)
    request_id = json.loads(body)["request"]["requestId"]
    assert request_id not in ids
    # A proxy's well-formed id is kept, anything else replaced.
    assert client.get("/healthz", headers={"X-Request-Id": "proxy-id-12345"}).headers["X-Request-Id"] == "proxy-id-12345"
    assert client.get("/healthz", headers={"X-Request-Id": "bad id\x01"}).headers["X-Request-Id"] != "bad id\x01"

"""The self-hosted endpoint: a Flask app around the same skill as the Lambda.

    POST /alexa    flask-ask-sdk's SkillAdapter (verified Alexa requests only)
    GET  /healthz  {"status": "ok"}

Production: `gunicorn -c gunicorn.conf.py` (the config names
`skill.hosting.app:create_app()`); quick start: `back-spasm serve`.

The SDK is used through its public surface only: a stock `SkillAdapter`
with this project's verifiers, its own verifiers switched off by its
configuration keys, and its `dispatch_request` as the view. Every request to
/alexa passes, in order:

1. a `before_request` hook (`check_alexa_body`): the body size limit (413),
   UTF-8 (400), JSON (400; parsed once, by Flask's cached `get_json`) and the
   shape of an Alexa request envelope (400, skill.hosting.envelope_shape);
2. the adapter: the SDK deserialises the envelope and runs the verifiers,
   cheapest first: the skill id (when one is configured), the timestamp
   (150 s) and the signature with its certificate chain
   (skill.hosting.verification); then the skill answers.

The SDK turns a failed verifier into werkzeug's BadRequest and an envelope it
cannot deserialise into InternalServerError, each raised while handling the
original exception (its `__context__`); the app's error handlers read that
exception and answer a short JSON 400. Any refusal is a 400 (413 for size)
with a short JSON error and one log line naming the reason; nothing from the
request body is ever logged. `verify=False` drops the timestamp and signature
checks (never the skill id check) for local tools that cannot sign.
"""

from __future__ import annotations

import logging
import os
import re
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from ask_sdk_core.exceptions import AskSdkException, SerializationException
from flask import Flask, Response, current_app, g, jsonify, request
from flask_ask_sdk.skill_adapter import VERIFY_SIGNATURE_APP_CONFIG, VERIFY_TIMESTAMP_APP_CONFIG, SkillAdapter
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge

from skill.core.builder import create_skill
from skill.hosting.certificate_store import CertificateStore, StoreUnavailableError, default_directory
from skill.hosting.envelope_shape import envelope_problem
from skill.hosting.logs import REQUEST_ID_HEADER, DropSdkFailureRecords, configure_logging
from skill.hosting.verification import (
    AlexaRequestVerifier,
    SkillIdVerifier,
    TimestampVerifier,
    VerificationException,
)

__all__ = ["ALEXA_ROUTE", "HEALTH_ROUTE", "MAX_BODY_BYTES", "NO_VERIFY_WARNING", "SKILL_ID_ENV", "RejectedRequestError", "create_app"]

logger = logging.getLogger(__name__)

SKILL_ID_ENV = "ALEXA_SKILL_ID"
MAX_BODY_BYTES = 128 * 1024  # Alexa requests are a few KiB; session attributes are small here
MAX_BODY_CONFIG = "BACK_SPASM_MAX_BODY_BYTES"
ALEXA_ROUTE = "/alexa"
ALEXA_ENDPOINT = "alexa"
HEALTH_ROUTE = "/healthz"

NO_VERIFY_WARNING = (
    "WARNING: REQUEST VERIFICATION IS OFF (--no-verify). Signatures and timestamps are NOT checked; "
    "anyone who can reach this port can drive the skill. For local tools only; never expose it."
)

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RejectedRequestError(HTTPException):
    """A request refused by the endpoint: `code`, the short `error` the
    client is told, and the `reason` the log is told."""

    def __init__(self, code: int, error: str, reason: str):
        super().__init__(reason)
        self.code: int = code
        self.error, self.reason = error, reason


# ---- before the SDK: body and envelope shape ---------------------------------------


def assign_request_id() -> None:
    """Every request gets an id: a proxy's well-formed X-Request-Id, or a new one."""
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = offered if _REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex[:16]


def check_alexa_body() -> None:
    """The checks before the SDK sees a request to /alexa (other routes pass)."""
    if request.endpoint != ALEXA_ENDPOINT:
        return
    limit = current_app.config[MAX_BODY_CONFIG]
    # Werkzeug refuses a Content-Length over MAX_CONTENT_LENGTH, but cuts a
    # chunked body short at it in silence: hence the limit + 1 there and
    # this check here. The body stays cached for the SDK.
    try:
        body = request.get_data(cache=True)
    except HTTPException:
        raise
    except Exception:  # a malformed chunked body (gunicorn's InvalidChunkSize and the like)
        raise RejectedRequestError(400, "malformed request body", "body could not be read") from None
    if len(body) > limit:
        raise RequestEntityTooLarge()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise RejectedRequestError(400, "malformed request body", "body is not UTF-8") from None
    if text.startswith("\ufeff"):  # json.loads of bytes allows a BOM; the SDK's str parser does not
        raise RejectedRequestError(400, "malformed JSON", "body is not valid JSON")
    try:
        data = request.get_json(force=True, cache=True)
    except (BadRequest, RecursionError):
        raise RejectedRequestError(400, "malformed JSON", "body is not valid JSON") from None
    problem = envelope_problem(data, brackets=body.count(b"{") + body.count(b"["))
    if problem:
        raise RejectedRequestError(400, "not an Alexa request envelope", f"not an Alexa request envelope: {problem}")


def add_request_id_header(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = g.get("request_id", "-")
    return response


# ---- answers ------------------------------------------------------------------------


def _json_error(status: int, error: str, headers: dict[str, str] | None = None) -> Response:
    response = jsonify({"error": error})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _reject(status: int, error: str, reason: str) -> Response:
    logger.warning("rejected %s %s (%d): %s", request.method, request.path, status, reason)
    return _json_error(status, error)


def _verification_failed(failure: VerificationException) -> Response:
    return _reject(400, "request verification failed", f"verification failed: {failure}")


def _internal_error(cause: BaseException | None) -> Response:
    logger.error("skill dispatch failed: %s", type(cause).__name__ if cause is not None else "unknown")
    logger.debug("skill dispatch traceback", exc_info=cause)
    return _json_error(500, "internal error")


def handle_http_error(error: HTTPException) -> Response:
    """Every HTTP error as short JSON, telling apart what the SDK raised."""
    if isinstance(error, RejectedRequestError):
        return _reject(error.code or 400, error.error, error.reason)
    cause = error.__context__  # what the SDK was handling when it raised `error`
    if isinstance(cause, VerificationException):
        return _verification_failed(cause)
    if isinstance(cause, SerializationException):
        # The envelope passed the shape check but not the SDK's model (a
        # timestamp that is no date, say): the caller's fault.
        return _reject(400, "not an Alexa request envelope", "not an Alexa request envelope (SDK: SerializationException)")
    if error.code == 413:
        return _reject(413, "request body too large", f"body larger than {current_app.config[MAX_BODY_CONFIG]} bytes")
    if (error.code or 500) >= 500:
        return _internal_error(cause if cause is not None else error)
    headers = {name: value for name, value in error.get_headers() if name.lower() == "allow"}
    return _json_error(error.code or 400, (error.name or "error").lower(), headers)


def handle_unexpected_error(error: Exception) -> Response:
    return _internal_error(error)


# ---- the app factory ---------------------------------------------------------


def open_certificate_store(directory: str | os.PathLike[str] | None) -> CertificateStore | None:
    """The disk cache of certificate chains (None: $BACK_SPASM_CERT_CACHE_DIR or the
    default), or None with a warning when it cannot be used: then each worker
    caches in memory only, and a restart starts empty."""
    try:
        return CertificateStore(default_directory() if directory is None else directory)
    except StoreUnavailableError as problem:
        logger.warning("certificate cache unusable, chains are kept in memory only: %s", problem)
        return None


def create_app(
    skill_id: str | None = None,
    verify: bool = True,
    *,
    max_body_bytes: int = MAX_BODY_BYTES,
    trust_roots: Sequence[Any] | None = None,
    fetch_certificate: Callable[[str], bytes] | None = None,
    certificate_cache: str | os.PathLike[str] | None = None,
) -> Flask:
    """The endpoint. `skill_id` None reads ALEXA_SKILL_ID ("" checks no id).
    `certificate_cache`: the directory of validated certificate chains shared
    by the workers (None reads BACK_SPASM_CERT_CACHE_DIR, else
    ~/.cache/back-spasm/alexa-certificates). `trust_roots` (cryptography
    Certificates; default certifi's roots) and `fetch_certificate` (url ->
    PEM; default: download, 2 s timeout) exist for tests and benchmarks."""
    configure_logging()
    if skill_id is None:
        skill_id = os.environ.get(SKILL_ID_ENV, "")
    skill_id = skill_id.strip()

    app = Flask(__name__)
    app.config[MAX_BODY_CONFIG] = max_body_bytes
    app.config["MAX_CONTENT_LENGTH"] = max_body_bytes + 1  # see check_alexa_body
    # The SDK's own verifiers stay off: ours below do the same checks, faster.
    app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
    app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
    app.json.sort_keys = False  # type: ignore[attr-defined]  # the default provider has it
    app.logger.addFilter(DropSdkFailureRecords(VerificationException, AskSdkException))

    # The skill id enters here only: the one check is SkillIdVerifier (the
    # skill itself is built without an id, which the SDK would refuse as a 500).
    verifiers: list[Any] = []
    if skill_id:
        verifiers.append(SkillIdVerifier(skill_id))
    else:
        logger.warning("%s is not set: requests for any skill id are accepted", SKILL_ID_ENV)
    if verify:
        verifiers.append(TimestampVerifier())
        verifiers.append(AlexaRequestVerifier(trust_roots=trust_roots, fetch_certificate=fetch_certificate, store=open_certificate_store(certificate_cache)))
    else:
        logger.warning(NO_VERIFY_WARNING)

    adapter = SkillAdapter(skill=create_skill(), skill_id=skill_id or "any", verifiers=verifiers, app=app)
    app.add_url_rule(ALEXA_ROUTE, ALEXA_ENDPOINT, adapter.dispatch_request, methods=["POST"], provide_automatic_options=False)

    @app.get(HEALTH_ROUTE)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.before_request(assign_request_id)
    app.before_request(check_alexa_body)
    app.after_request(add_request_id_header)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(VerificationException, _verification_failed)
    app.register_error_handler(Exception, handle_unexpected_error)
    return app

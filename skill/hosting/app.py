"""The self-hosted endpoint: a Flask app around the same skill as the Lambda.

    POST /alexa    flask-ask-sdk's SkillAdapter (verified Alexa requests only)
    GET  /healthz  {"status": "ok"}

Production: `gunicorn -c gunicorn.conf.py` (the config names
`skill.hosting.app:create_app()`); quick start: `back-spasm serve`.

Every request to /alexa passes, in order: the body size limit (413), UTF-8
JSON (400), the shape of an Alexa request envelope (400), then the verifiers,
cheapest first: the skill id (when one is configured), the timestamp (150 s)
and the signature with its certificate chain (see skill.hosting.verification). Any
failure is a 400 with a short JSON error and one log line naming the reason;
nothing from the request body is ever logged. `verify=False` drops the
timestamp and signature checks (never the skill id check) for local tools
that cannot sign.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ask_sdk_model import RequestEnvelope
from ask_sdk_webservice_support.webservice_handler import WebserviceSkillHandler
from flask import Flask, Response, current_app, jsonify, request
from flask_ask_sdk.skill_adapter import SkillAdapter
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from skill.core.builder import create_skill
from skill.hosting.verification import (
    AlexaRequestVerifier,
    SkillIdVerifier,
    TimestampVerifier,
    VerificationException,
)

logger = logging.getLogger(__name__)

SKILL_ID_ENV = "ALEXA_SKILL_ID"
MAX_BODY_BYTES = 128 * 1024  # Alexa requests are a few KiB; session attributes are small here
MAX_BODY_CONFIG = "BACK_SPASM_MAX_BODY_BYTES"
ALEXA_ROUTE = "/alexa"
HEALTH_ROUTE = "/healthz"

NO_VERIFY_WARNING = (
    "WARNING: REQUEST VERIFICATION IS OFF (--no-verify). Signatures and timestamps are NOT checked; "
    "anyone who can reach this port can drive the skill. For local tools only; never expose it."
)


class Rejected(Exception):
    """A request refused before or during verification."""

    def __init__(self, status: int, error: str, reason: str):
        super().__init__(reason)
        self.status, self.error, self.reason = status, error, reason


# ---- request envelope shape --------------------------------------------------


MAX_NESTING = 100  # Alexa envelopes nest about 12 deep; Python's own limit is about 1000


def _too_deep(data: Any, limit: int = MAX_NESTING) -> bool:
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return False


def envelope_problem(data: Any, text: str = "") -> str | None:
    """Why `data` (parsed JSON, from `text`) is not an Alexa request envelope,
    or None.

    Only structure is checked (enough for the SDK, the verifiers and the
    skill not to trip over missing parts or absurd nesting); values are never
    quoted in the answer."""
    if not isinstance(data, dict):
        return "body is not a JSON object"
    # Fewer brackets than the limit cannot nest past it: the usual case, for free.
    if (not text or text.count("{") + text.count("[") > MAX_NESTING) and _too_deep(data):
        return f"nested more than {MAX_NESTING} levels deep"
    if not isinstance(data.get("version"), str):
        return "no version"
    req = data.get("request")
    if not isinstance(req, dict):
        return "no request object"
    for name in ("type", "requestId", "timestamp"):
        if not isinstance(req.get(name), str) or not req.get(name):
            return f"request has no {name}"
    if req["type"] == "IntentRequest":
        intent = req.get("intent")
        if not isinstance(intent, dict) or not isinstance(intent.get("name"), str):
            return "IntentRequest has no intent name"
    system = data.get("context", {}).get("System") if isinstance(data.get("context"), dict) else None
    application = system.get("application") if isinstance(system, dict) else None
    if not isinstance(application, dict) or not isinstance(application.get("applicationId"), str):
        return "no context.System.application.applicationId"
    session = data.get("session")
    if session is not None:
        if not isinstance(session, dict):
            return "session is not an object"
        app = session.get("application")
        if app is not None and not (isinstance(app, dict) and isinstance(app.get("applicationId"), str)):
            return "session.application has no applicationId"
        if session.get("attributes") is not None and not isinstance(session.get("attributes"), dict):
            return "session.attributes is not an object"
    return None


# ---- the adapter -----------------------------------------------------------


class _StagedHandler(WebserviceSkillHandler):
    """The SDK's handler, with its three stages told apart: a body the SDK
    cannot deserialize and a verifier that fails are the caller's fault (400),
    only the skill itself can produce a 500."""

    def verify_request_and_dispatch(self, http_request_headers, http_request_body):
        try:
            envelope = self._skill.serializer.deserialize(payload=http_request_body, obj_type=RequestEnvelope)
        except Exception as error:
            raise Rejected(400, "not an Alexa request envelope",
                           f"not an Alexa request envelope (SDK: {type(error).__name__})") from None
        for verifier in self._verifiers:
            try:
                verifier.verify(
                    headers=http_request_headers,
                    serialized_request_env=http_request_body,
                    deserialized_request_env=envelope,
                )
            except VerificationException:
                raise
            except Exception as error:
                raise VerificationException(
                    f"{type(verifier).__name__} could not check the request ({type(error).__name__})"
                ) from None
        response = self._skill.invoke(request_envelope=envelope, context=None)
        return self._skill.serializer.serialize(response)


class VerifyingSkillAdapter(SkillAdapter):
    """flask-ask-sdk's SkillAdapter with our verifiers and JSON errors.

    The SDK's own RequestVerifier/TimestampVerifier are never added (its
    ASK_SDK_VERIFY_* switches are ignored): the verifiers passed in do the
    same checks, faster. Every refusal is a 400 (413 for size) with a short
    JSON error, where the stock adapter answers HTML, and a 500 for malformed
    JSON or a wrong skill id."""

    def _create_webservice_handler(self, skill, verifiers):
        self._webservice_handler = _StagedHandler(
            skill=skill, verify_signature=False, verify_timestamp=False, verifiers=list(verifiers or [])
        )
        self._webservice_handler._add_custom_user_agent("flask-ask-sdk")

    def dispatch_request(self) -> Response:
        try:
            # Werkzeug raises 413 for a Content-Length over MAX_CONTENT_LENGTH,
            # but silently truncates a chunked body at it; hence the limit + 1
            # there and this check here.
            body = request.get_data(cache=False)
            if len(body) > current_app.config[MAX_BODY_CONFIG]:
                raise RequestEntityTooLarge()
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                raise Rejected(400, "malformed request body", "body is not UTF-8") from None
            try:
                data = json.loads(text)
            except (ValueError, RecursionError):
                raise Rejected(400, "malformed JSON", "body is not valid JSON") from None
            problem = envelope_problem(data, text)
            if problem:
                raise Rejected(400, "not an Alexa request envelope", f"not an Alexa request envelope: {problem}")
            response = self._webservice_handler.verify_request_and_dispatch(
                http_request_headers=request.headers, http_request_body=text
            )
        except Rejected as rejected:
            return _reject(rejected.status, rejected.error, rejected.reason)
        except VerificationException as failure:
            return _reject(400, "request verification failed", f"verification failed: {failure}")
        except HTTPException:
            raise
        except Exception as error:
            logger.error("skill dispatch failed: %s", type(error).__name__)
            logger.debug("skill dispatch traceback", exc_info=True)
            return _json_error(500, "internal error")
        return jsonify(response)


def _json_error(status: int, error: str, headers: dict | None = None) -> Response:
    response = jsonify({"error": error})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _reject(status: int, error: str, reason: str) -> Response:
    logger.warning("rejected %s %s (%d): %s", request.method, request.path, status, reason)
    return _json_error(status, error)


# ---- the app factory ---------------------------------------------------------


def _configure_logging() -> None:
    """Under gunicorn (or any bare process) nothing configures logging; give
    our warnings somewhere to go without overriding a host's configuration."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s")


def create_app(
    skill_id: str | None = None,
    verify: bool = True,
    *,
    max_body_bytes: int = MAX_BODY_BYTES,
    trust_roots: Sequence[Any] | None = None,
    fetch_certificate: Callable[[str], bytes] | None = None,
) -> Flask:
    """The endpoint. `skill_id` None reads ALEXA_SKILL_ID ("" checks no id).
    `trust_roots` (cryptography Certificates; default certifi's roots) and
    `fetch_certificate` (url -> PEM; default: download, 2 s timeout) exist
    for tests and benchmarks."""
    _configure_logging()
    if skill_id is None:
        skill_id = os.environ.get(SKILL_ID_ENV, "")
    skill_id = skill_id.strip()

    app = Flask(__name__)
    app.config[MAX_BODY_CONFIG] = max_body_bytes
    app.config["MAX_CONTENT_LENGTH"] = max_body_bytes + 1  # see VerifyingSkillAdapter.dispatch_request
    app.config["ASK_SDK_VERIFY_SIGNATURE"] = verify
    app.config["ASK_SDK_VERIFY_TIMESTAMP"] = verify
    app.json.sort_keys = False

    verifiers = []
    if skill_id:
        verifiers.append(SkillIdVerifier(skill_id))
    else:
        logger.warning("%s is not set: requests for any skill id are accepted", SKILL_ID_ENV)
    if verify:
        verifiers.append(TimestampVerifier())
        verifiers.append(AlexaRequestVerifier(trust_roots=trust_roots, fetch_certificate=fetch_certificate))
    else:
        logger.warning(NO_VERIFY_WARNING)

    adapter = VerifyingSkillAdapter(skill=create_skill(skill_id or None), skill_id=skill_id or "any",
                                    verifiers=verifiers, app=app)
    app.add_url_rule(ALEXA_ROUTE, "alexa", adapter.dispatch_request, methods=["POST"],
                     provide_automatic_options=False)

    @app.get(HEALTH_ROUTE)
    def healthz():
        return {"status": "ok"}

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        headers = {k: v for k, v in error.get_headers() if k.lower() == "allow"}
        if error.code == 413:
            return _reject(413, "request body too large", f"body larger than {max_body_bytes} bytes")
        return _json_error(error.code or 500, (error.name or "error").lower(), headers)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        logger.error("unexpected error: %s", type(error).__name__)
        logger.debug("traceback", exc_info=True)
        return _json_error(500, "internal error")

    return app


# ---- back-spasm serve ----------------------------------------------------------


def _port(value: str) -> int:
    import argparse

    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range 1-65535: {port}")
    return port


def _positive(value: str) -> int:
    import argparse

    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def configure(parser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=5000, help="port to listen on (default: 5000)")
    parser.add_argument("--skill-id", default=os.environ.get(SKILL_ID_ENV, ""),
                        help=f"refuse requests for any other skill (default: ${SKILL_ID_ENV})")
    parser.add_argument("--no-verify", action="store_true",
                        help="DO NOT check request signatures and timestamps (for local tools that cannot sign)")
    parser.add_argument("--workers", type=_positive, default=2, help="gunicorn worker processes (default: 2)")
    parser.add_argument("--certfile", help="TLS certificate (PEM) to serve HTTPS directly")
    parser.add_argument("--keyfile", help="TLS private key (PEM) for --certfile")


def _check_bindable(host: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise _cli_error(f"cannot resolve --host {host!r}: {error.strerror}") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise _cli_error(f"cannot listen on {host}:{port}: {error.strerror}") from None


def _cli_error(message: str) -> Exception:
    from skill.tools.cli import CliError

    return CliError(message)


def run(args) -> int:
    from gunicorn.app.base import BaseApplication

    if bool(args.certfile) != bool(args.keyfile):
        raise _cli_error("--certfile and --keyfile go together")
    for path in filter(None, (args.certfile, args.keyfile)):
        if not os.path.isfile(path):
            raise _cli_error(f"no such file: {path}")
    _check_bindable(args.host, args.port)

    verify = not args.no_verify
    skill_id = (args.skill_id or "").strip()
    scheme = "https" if args.certfile else "http"
    host = f"[{args.host}]" if ":" in args.host else args.host
    if not verify:
        banner = "!" * 78
        print(f"{banner}\n{NO_VERIFY_WARNING}\n{banner}", file=sys.stderr, flush=True)
    print(
        f"back-spasm serve: {scheme}://{host}:{args.port}{ALEXA_ROUTE} "
        f"(verification {'ON' if verify else 'OFF'}, skill id {skill_id or 'not checked'}, "
        f"{args.workers} worker{'s' if args.workers != 1 else ''}); Ctrl-C stops",
        file=sys.stderr,
        flush=True,
    )

    options = {
        "bind": f"{host}:{args.port}",
        "workers": args.workers,
        "accesslog": "-",
        "timeout": 30,
        "graceful_timeout": 5,
    }
    if args.certfile:
        options.update(certfile=args.certfile, keyfile=args.keyfile)

    class _Server(BaseApplication):
        def load_config(self):
            for name, value in options.items():
                self.cfg.set(name, value)
            if "control_socket_disable" in self.cfg.settings:  # gunicorn 25.1+: one socket per user
                self.cfg.set("control_socket_disable", True)

        def load(self):
            return create_app(skill_id=skill_id, verify=verify)

    _Server().run()
    return 0

"""`back-spasm try`: the skill in a browser, for people who will not open a terminal.

One page on 127.0.0.1: type (or, where the browser can, say) what you would say
to Alexa. Each line goes through the same matcher as `back-spasm chat`
(`skill.tools.nlu`), becomes the request envelope Alexa would send, and is
answered by the Lambda's own `lambda_handler`. The page shows what the skill
understood (intent and slots), what Alexa says (spoken aloud by the browser
unless muted), the card, and on an Echo Show the screen, drawn by Amazon's APL
viewhost; touching its buttons sends the UserEvent a device would send. The
decision flow (`back-spasm flow`) is on the page too.

Everything is served from here, nothing from the network. The page talks to a
small JSON API; conversations live server-side (one `AlexaSession` per page
session) and are forgotten oldest first.

    back-spasm try                # http://127.0.0.1:8080/
    back-spasm try --port 18800
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skill.core import contract, speech
from skill.core.builder import lambda_handler_for
from skill.core.speech import plain_text
from skill.tools import paths
from skill.tools.alexa import reminders_standin
from skill.tools.alexa.device import TypedDevice, load_matcher, voice_of
from skill.tools.alexa.envelopes import DEFAULT_LOCALE, DEFAULT_SKILL_ID, SCREEN_TOKEN, SCREEN_VIEWPORT, AlexaSession, user_event_request
from skill.tools.cli import CliError, require_web

if TYPE_CHECKING:
    from flask import Flask

    from skill.core.builder import LambdaHandler

DEFAULT_PORT = 8080
HOST = "127.0.0.1"
# A line longer than this is not something anyone says to Alexa in one go.
MAX_LINE = 300
MAX_BODY = 64 * 1024
MAX_SESSIONS = 64
DEVICES = {"voice": "Voice only (Echo, Echo Dot)", "screen": "Echo Show (screen and touch)"}
# The screen the page draws: the one the requests declare (an Echo Show 8's), shown at 3/4 size.
SCREEN = {
    "width": SCREEN_VIEWPORT["pixelWidth"],
    "height": SCREEN_VIEWPORT["pixelHeight"],
    "dpi": SCREEN_VIEWPORT["dpi"],
    "shape": SCREEN_VIEWPORT["shape"],
    "scale": 0.75,
}
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
VIEWHOST_JS = paths.VIEWHOST_JS
STATIC = "try_static"


class TryPageError(Exception):
    """A request the page API refuses: the message and HTTP status go back as JSON."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


# ---- one page session ------------------------------------------------------------


@dataclass
class PageSession:
    """One conversation on the page: a locale, a device ("voice" or "screen"),
    Alexa's session and the typed-line device that drives it (the one `chat` drives)."""

    locale: str
    device: str
    alexa: AlexaSession
    typed: TypedDevice
    lock: threading.Lock = field(default_factory=threading.Lock)


# Shown (and spoken by the browser) when the skill hands over to Alexa's permission prompt.
PERMISSION_PROMPT = "(Alexa asks whether to allow this skill's reminders: say allow or deny.)"


def describe_response(response_envelope: Mapping) -> dict[str, Any]:
    """What the page shows of one skill response: speech as text, the card, the screen."""
    response = response_envelope.get("response") or {}
    said = (response.get("outputSpeech") or {}).get("ssml", "")
    reprompt = ((response.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml", "")
    card = response.get("card")
    screen = None
    for directive in response.get("directives") or ():
        if directive.get("type") == RENDER_DOCUMENT:
            screen = {
                "document": directive.get("document"),
                "datasources": directive.get("datasources") or {},
                "token": directive.get("token") or "",
            }
    if AlexaSession.asks_for_permission(response_envelope):
        said = PERMISSION_PROMPT  # Alexa's own prompt, not the skill's words
    return {
        "speech": plain_text(said),
        "voice": voice_of(said),  # the prosody asked for ("slower", "louder"): the browser's voice follows the rate
        "reprompt": plain_text(reprompt),
        "card": {"title": card.get("title") or "", "text": card.get("content") or card.get("text") or ""} if card else None,
        "screen": screen,
        "ended": bool(response.get("shouldEndSession")),
    }


class TryPage:
    """The page's conversations, and the moves the API offers on them."""

    def __init__(self, handler: LambdaHandler, *, skill_id: str = DEFAULT_SKILL_ID, max_sessions: int = MAX_SESSIONS):
        self._handler = handler
        self._skill_id = skill_id
        self._max_sessions = max_sessions
        self._sessions: OrderedDict[str, PageSession] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def locales() -> list[str]:
        return speech.supported_locales()

    def _invoke(self, event: dict) -> dict:
        return self._handler(event, None)

    def start(self, locale: Any, device: Any) -> tuple[str, dict[str, Any]]:
        """A new page session: the skill opened on `device` in `locale`."""
        if not isinstance(locale, str) or locale not in self.locales():
            raise TryPageError(f"Unknown locale {str(locale)[:40]!r}; the skill speaks {', '.join(self.locales())}.")
        if not isinstance(device, str) or device not in DEVICES:
            raise TryPageError(f"Unknown device {str(device)[:40]!r}; choose one of {', '.join(DEVICES)}.")
        alexa = AlexaSession(self._invoke, locale=locale, skill_id=self._skill_id, screen=device == "screen")
        session = PageSession(locale, device, alexa, TypedDevice(load_matcher(locale), alexa))
        session_id = secrets.token_urlsafe(16)
        with self._lock:
            self._sessions[session_id] = session
            while len(self._sessions) > self._max_sessions:
                self._sessions.popitem(last=False)
        with session.lock:
            turn = describe_response(session.alexa.launch())
        return session_id, turn

    def _session(self, session_id: Any) -> PageSession:
        with self._lock:
            session = self._sessions.get(session_id) if isinstance(session_id, str) else None
            if session is None:
                raise TryPageError("This conversation has expired; press New session.", 404)
            self._sessions.move_to_end(session_id)
        return session

    def say(self, session_id: Any, line: Any) -> dict[str, Any]:
        """One typed (or spoken) line, understood and answered."""
        if not isinstance(line, str) or not line.strip():
            raise TryPageError("Type (or say) something first: the line was empty.")
        line = line.strip()
        if len(line) > MAX_LINE:
            raise TryPageError(f"That line is {len(line):,} characters long; nobody says that much at once. Keep it under {MAX_LINE}.")
        session = self._session(session_id)
        with session.lock:
            turn = session.typed.say(line)
        return {"heard": turn.heard(), **describe_response(turn.response)}

    def touch(self, session_id: Any, arguments: Any, source: Any, token: Any) -> dict[str, Any]:
        """A touch on the rendered screen: the UserEvent a device sends."""
        if not isinstance(arguments, list) or not all(isinstance(a, str | int | float | bool) for a in arguments) or len(arguments) > 8:
            raise TryPageError("A touch event needs a short list of arguments.")
        source = source if isinstance(source, dict) else {}
        token = token if isinstance(token, str) else ""
        session = self._session(session_id)
        if session.device != "screen":
            raise TryPageError("This session is voice only: there is no screen to touch.")
        with session.lock:
            response_envelope = session.alexa.send(user_event_request, arguments, source=source, token=token or SCREEN_TOKEN)
        touched = str(source.get("id") or source.get("type") or "the screen")[:60]
        heard = {"intent": contract.APL_USER_EVENT, "slots": [{"name": "arguments", "said": touched, "value": ", ".join(map(str, arguments))}], "how": "touch"}
        return {"heard": heard, **describe_response(response_envelope)}


@cache
def flow_svg(locale: str) -> bytes:
    from skill.tools import flow_drawing

    return flow_drawing.flow_svg(locale)


# ---- the web app -------------------------------------------------------------------


def _allowed_hosts(port: int) -> set[str]:
    return {f"127.0.0.1:{port}", f"localhost:{port}"}


def create_app(page: TryPage, port: int) -> Flask:  # noqa: C901 - the count is the app's nested route functions, each short; the factory itself is straight-line
    """The Flask app serving the page, its scripts and the JSON API. Only
    requests addressed to this machine by name and port are answered, and only
    from pages it served: a web site open in another tab cannot drive it."""
    from flask import Flask, Response, jsonify, request, send_file
    from werkzeug.exceptions import HTTPException

    app = Flask(__name__, static_folder=None)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    hosts = _allowed_hosts(port)
    origins = {f"http://{host}" for host in hosts}
    static = resources.files("skill.tools") / STATIC

    def error(message: str, status: int) -> Response:
        response = jsonify(error=message)
        response.status_code = status
        return response

    @app.before_request
    def only_local() -> Response | None:
        if request.host not in hosts:
            return error(f"Refused: this page answers only at http://{HOST}:{port}/ (the request was for {request.host[:80]!r}).", 403)
        origin = request.headers.get("Origin")
        if origin is not None and origin not in origins:
            return error(f"Refused: requests from {origin[:80]!r} are not allowed; open http://{HOST}:{port}/ instead.", 403)
        if request.method == "POST" and not request.is_json:
            return error("Send JSON (Content-Type: application/json).", 415)
        return None

    @app.after_request
    def no_sniffing(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(TryPageError)
    def refused(exception: TryPageError) -> Response:
        return error(exception.message, exception.status)

    @app.errorhandler(HTTPException)
    def http_error(exception: HTTPException) -> Response:
        if exception.code == 413:
            return error(f"That request is too large (at most {MAX_BODY // 1024} KB).", 413)
        return error(exception.description or exception.name, exception.code or 500)

    @app.errorhandler(Exception)
    def unexpected(exception: Exception) -> Response:
        app.logger.debug("try page error", exc_info=exception)
        return error("Something went wrong on the try page; press New session.", 500)

    def body() -> dict:
        try:
            data = request.get_json(silent=True)
        except HTTPException:
            raise  # 413 and the like keep their own answer
        except Exception:  # JSON nested past the recursion limit, a malformed chunked body
            raise TryPageError("Send a JSON object.") from None
        if not isinstance(data, dict):
            raise TryPageError("Send a JSON object.")
        return data

    @app.get("/")
    def index() -> Response:
        return Response((static / "try.html").read_bytes(), mimetype="text/html")

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status=204)

    @app.get("/static/<name>")
    def static_file(name: str) -> Response:
        types = {".js": "text/javascript", ".css": "text/css"}
        suffix = Path(name).suffix
        path = static / name
        if suffix not in types or "/" in name or not path.is_file():
            raise TryPageError(f"No such file: {name[:80]}", 404)
        return Response(path.read_bytes(), mimetype=types[suffix])

    @app.get("/viewhost.js")
    def viewhost() -> Response:
        if not VIEWHOST_JS.is_file():
            raise TryPageError(f"Amazon's APL viewhost is not installed: {paths.RENDERER_INSTALL}", 404)
        return send_file(VIEWHOST_JS, mimetype="text/javascript")

    @app.get("/flow.svg")
    def flow() -> Response:
        locale = request.args.get("locale", DEFAULT_LOCALE)
        if locale not in page.locales():
            raise TryPageError(f"Unknown locale {locale[:40]!r}.", 404)
        try:
            return Response(flow_svg(locale), mimetype="image/svg+xml")
        except CliError as problem:
            raise TryPageError(f"The decision flow cannot be drawn here: {problem}", 503) from None

    @app.get("/api/config")
    def config() -> Response:
        return jsonify(locales=page.locales(), devices=DEVICES, screen=SCREEN, maxLine=MAX_LINE, viewhost=VIEWHOST_JS.is_file())

    @app.post("/api/session")
    def new_session() -> Response:
        data = body()
        session_id, turn = page.start(data.get("locale", DEFAULT_LOCALE), data.get("device", "voice"))
        return jsonify(session=session_id, **turn)

    @app.post("/api/say")
    def say() -> Response:
        data = body()
        return jsonify(page.say(data.get("session"), data.get("text")))

    @app.post("/api/touch")
    def touch() -> Response:
        data = body()
        return jsonify(page.touch(data.get("session"), data.get("arguments"), data.get("source"), data.get("token")))

    return app


# ---- the command ---------------------------------------------------------------------


def port_number(text: str) -> int:
    """argparse type: a TCP port, 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text[:40]!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is out of range (1-65535)")
    return port


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=port_number, default=DEFAULT_PORT, help=f"the port on {HOST} (default {DEFAULT_PORT})")


def run(args: argparse.Namespace) -> int:
    require_web()
    from werkzeug.serving import make_server

    # The Lambda's skill, with a stand-in for Alexa's Reminders API (the page never calls Amazon).
    page = TryPage(lambda_handler_for(os.environ.get("ALEXA_SKILL_ID"), api_client=reminders_standin.StandInRemindersApi()))
    load_matcher(DEFAULT_LOCALE)  # a broken interaction model is reported now, not on the first line
    app = create_app(page, args.port)
    # Bound here, not by werkzeug: it prints its own advice and exits when the port is taken.
    try:
        listening = socket.create_server((HOST, args.port))
    except OSError as error:
        raise CliError(f"cannot listen on {HOST}:{args.port}: {error.strerror or error}") from None
    with listening:
        server = make_server(HOST, args.port, app, threaded=True, fd=listening.fileno())
    print(f"Try Back Spasm Helper at http://{HOST}:{args.port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0

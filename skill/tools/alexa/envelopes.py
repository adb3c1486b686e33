"""Alexa request envelopes, built as Alexa sends them, and a session that carries
attributes between turns the way Alexa does.

Used by `back-spasm chat` and by the tests, so both drive the skill with the
same JSON a real device would produce (entity resolution blocks included).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from skill.core import contract

DEFAULT_SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
DEFAULT_LOCALE = "en-US"
# The token of the skill's RenderDocument directive, echoed back with touches.
SCREEN_TOKEN = contract.SCREEN_TOKEN

# What an Echo Show 8 (1280 x 800, touch) declares besides the voice interfaces.
SCREEN_INTERFACES: dict[str, Any] = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2023.3"}}}
SCREEN_VIEWPORT: dict[str, Any] = {
    "experiences": [{"arcMinuteWidth": 346, "arcMinuteHeight": 216, "canRotate": False, "canResize": False}],
    "mode": "HUB",
    "shape": "RECTANGLE",
    "pixelWidth": 1280,
    "pixelHeight": 800,
    "dpi": 160,
    "currentPixelWidth": 1280,
    "currentPixelHeight": 800,
    "touch": ["SINGLE"],
    "keyboard": [],
    "video": {"codecs": ["H_264_42", "H_264_41"]},
}
DEFAULT_API_ENDPOINT = "https://api.amazonalexa.com"
REMINDERS_SCOPE = contract.REMINDERS_SCOPE


@dataclass(frozen=True)
class SlotFill:
    """What a user said for a slot, and what entity resolution made of it.

    `value_id` None with `resolved_name` None and `slot_type` set means the
    value matched no slot value (ER_SUCCESS_NO_MATCH); `slot_type` None means a
    built-in type that Alexa does not resolve (AMAZON.DURATION).
    """

    spoken: str
    value_id: str | None = None
    resolved_name: str | None = None
    slot_type: str | None = None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _slot(name: str, fill: SlotFill | str | None, skill_id: str) -> dict[str, Any]:
    if fill is None:  # Alexa sends unfilled slots with only these two keys.
        return {"name": name, "confirmationStatus": "NONE"}
    if isinstance(fill, str):
        fill = SlotFill(spoken=fill)
    slot: dict[str, Any] = {"name": name, "value": fill.spoken, "confirmationStatus": "NONE", "source": "USER"}
    if fill.slot_type is not None:
        authority: dict[str, Any] = {
            "authority": f"amzn1.er-authority.echo-sdk.{skill_id}.{fill.slot_type}",
            "status": {"code": "ER_SUCCESS_MATCH" if fill.value_id else "ER_SUCCESS_NO_MATCH"},
        }
        if fill.value_id:
            authority["values"] = [{"value": {"name": fill.resolved_name or fill.spoken, "id": fill.value_id}}]
        slot["resolutions"] = {"resolutionsPerAuthority": [authority]}
    slot["slotValue"] = {"type": "Simple", "value": fill.spoken}
    if "resolutions" in slot:
        slot["slotValue"]["resolutions"] = slot["resolutions"]
    return slot


def envelope(
    request: dict,
    *,
    attributes: Mapping | None = None,
    new: bool = True,
    session_id: str | None = None,
    skill_id: str = DEFAULT_SKILL_ID,
    user_id: str = "amzn1.ask.account.TESTUSER",
    screen: bool = False,
    api_endpoint: str = DEFAULT_API_ENDPOINT,
    api_access_token: str = "test-access-token",
    reminders_granted: bool = False,
) -> dict:
    """Wrap a `request` object in the session and context Alexa sends with it;
    `screen`: from a device with a touch screen (Echo Show), else voice-only.
    With `reminders_granted`, the user has allowed this skill's reminders:
    Alexa then adds `permissions` (a consent token and the scope's status)."""
    application = {"applicationId": skill_id}
    user: dict[str, Any] = {"userId": user_id}
    if reminders_granted:
        user["permissions"] = {
            "consentToken": "test-consent-token",
            "scopes": {REMINDERS_SCOPE: {"status": "GRANTED"}},
        }
    context: dict[str, Any] = {
        "System": {
            "application": application,
            "user": user,
            "device": {"deviceId": "amzn1.ask.device.TESTDEVICE", "supportedInterfaces": dict(SCREEN_INTERFACES) if screen else {}},
            "apiEndpoint": api_endpoint,
            "apiAccessToken": api_access_token,
        }
    }
    if screen:
        context["Viewport"] = dict(SCREEN_VIEWPORT)
    return {
        "version": "1.0",
        "session": {
            "new": new,
            "sessionId": session_id or f"amzn1.echo-api.session.{uuid.uuid4()}",
            "application": application,
            "attributes": dict(attributes or {}),
            "user": user,
        },
        "context": context,
        "request": request,
    }


def _request(request_type: str, locale: str, **fields: Any) -> dict[str, Any]:
    return {
        "type": request_type,
        "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
        "timestamp": _now(),
        "locale": locale,
        **fields,
    }


def launch_request(*, locale: str = DEFAULT_LOCALE, **session: Any) -> dict[str, Any]:
    return envelope(_request("LaunchRequest", locale, shouldLinkResultBeReturned=False), **session)


def intent_request(
    name: str,
    slots: Mapping[str, SlotFill | str | None] | None = None,
    *,
    locale: str = DEFAULT_LOCALE,
    **session: Any,
) -> dict[str, Any]:
    skill_id = session.get("skill_id", DEFAULT_SKILL_ID)
    intent = {
        "name": name,
        "confirmationStatus": "NONE",
        "slots": {slot_name: _slot(slot_name, fill, skill_id) for slot_name, fill in (slots or {}).items()},
    }
    return envelope(_request("IntentRequest", locale, intent=intent), **session)


def can_fulfill_request(
    name: str,
    slots: Mapping[str, SlotFill | str | None] | None = None,
    *,
    locale: str = DEFAULT_LOCALE,
    in_session: bool = True,
    with_user: bool = True,
    **session: Any,
) -> dict[str, Any]:
    """Alexa asking whether the skill can serve a name-free request: the
    intent and slots as an IntentRequest would carry them. It may come without
    a session (`in_session` False) and without a user id (`with_user` False)."""
    event = intent_request(name, slots, locale=locale, **session)
    event["request"]["type"] = "CanFulfillIntentRequest"
    if not with_user:
        event["context"]["System"]["user"] = {}
        event["session"]["user"] = {}
    return event if in_session else out_of_session(event)


def session_ended_request(
    reason: str = "USER_INITIATED", *, locale: str = DEFAULT_LOCALE, error: dict[str, Any] | None = None, **session: Any
) -> dict[str, Any]:
    fields: dict[str, Any] = {"reason": reason}
    if error:
        fields["error"] = error
    return envelope(_request("SessionEndedRequest", locale, **fields), **session)


def event_request(request_type: str, *, locale: str = DEFAULT_LOCALE, **fields: Any) -> dict[str, Any]:
    """Any other request type, in a session: a session end notice, a skill or list
    event, a message, an audio or system notice. `fields` are the request's own."""
    return envelope(_request(request_type, locale, **fields))


def out_of_session(event: Mapping[str, Any]) -> dict[str, Any]:
    """`event` as Alexa sends it outside a session: without the `session` object
    (skill events, list and reminder events, messages; a one-shot request may come so)."""
    return {key: value for key, value in event.items() if key != "session"}


def user_event_request(
    arguments: Any,
    *,
    source: Mapping[str, Any] | None = None,
    token: str = SCREEN_TOKEN,
    locale: str = DEFAULT_LOCALE,
    **session: Any,
) -> dict[str, Any]:
    """A touch on the screen: the arguments of an APL SendEvent, as Alexa
    forwards them (a list; anything else to test bad input). Always from a screen device."""
    fields: dict[str, Any] = {"token": token, "arguments": list(arguments) if isinstance(arguments, tuple) else arguments}
    fields["source"] = dict(source) if source is not None else {"type": "TouchWrapper", "handler": "Press", "id": "button"}
    session["screen"] = True
    return envelope(_request("Alexa.Presentation.APL.UserEvent", locale, **fields), **session)


def connections_response(
    status: str = "ACCEPTED",
    *,
    code: str = "200",
    name: str = "AskFor",
    token: str = "check-in-reminder",
    locale: str = DEFAULT_LOCALE,
    **session: Any,
) -> dict[str, Any]:
    """Alexa's answer to a skill's "AskFor" permission prompt: `status` is
    ACCEPTED, DENIED or NOT_ANSWERED; `code` other than "200" means the prompt
    itself failed."""
    payload = {"permissionScope": REMINDERS_SCOPE, "status": status}
    fields = {"name": name, "status": {"code": code, "message": "OK" if code == "200" else "Error"}, "token": token, "payload": payload}
    return envelope(_request("Connections.Response", locale, **fields), **session)


class AlexaSession:
    """Plays Alexa's part across turns: one session id, the session attributes
    echoed back from each response, and a new session once one has ended."""

    def __init__(
        self,
        invoke: Callable[[dict], dict],
        *,
        locale: str = DEFAULT_LOCALE,
        skill_id: str = DEFAULT_SKILL_ID,
        screen: bool = False,
        api_endpoint: str = DEFAULT_API_ENDPOINT,
        reminders_granted: bool = False,
    ):
        self._invoke = invoke
        self.locale = locale
        self.skill_id = skill_id
        self.screen = screen  # a device with a touch screen (Echo Show)
        self.api_endpoint = api_endpoint
        self.reminders_granted = reminders_granted
        self.attributes: dict = {}
        self.ended = True
        self.last_request: dict[str, Any] = {}
        self.last_response: dict[str, Any] = {}
        self._session_id = ""

    def _session_fields(self) -> dict:
        new = self.ended
        if new:
            self._session_id = f"amzn1.echo-api.session.{uuid.uuid4()}"
            self.attributes = {}
        return {
            "attributes": self.attributes,
            "new": new,
            "session_id": self._session_id,
            "skill_id": self.skill_id,
            "screen": self.screen,
            "api_endpoint": self.api_endpoint,
            "reminders_granted": self.reminders_granted,
        }

    def send(self, build: Callable[..., dict[str, Any]], *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Build a request with this session's fields, invoke the skill, and keep
        what Alexa would keep from the response envelope."""
        event = build(*args, locale=self.locale, **kwargs, **self._session_fields())
        self.last_request = event
        response_envelope = self._invoke(event)
        self.last_response = response_envelope
        self.attributes = dict(response_envelope.get("sessionAttributes") or {})
        self.ended = bool(response_envelope.get("response", {}).get("shouldEndSession"))
        return response_envelope

    def launch(self) -> dict:
        return self.send(launch_request)

    def intent(self, name: str, slots: Mapping[str, SlotFill | str | None] | None = None) -> dict:
        return self.send(intent_request, name, slots)

    def touch(self, arguments: list[Any], source: Mapping[str, Any] | None = None) -> dict:
        """A touch on the screen (the device has one, whatever `screen` says)."""
        return self.send(user_event_request, arguments, source=source)

    def permission_answer(self, status: str = "ACCEPTED", *, code: str = "200") -> dict:
        """The user answered Alexa's permission prompt (after an "AskFor").
        Accepted, the permission stays on the account, in this request and later ones."""
        if status == "ACCEPTED" and code == "200":
            self.reminders_granted = True
        return self.send(connections_response, status, code=code)

    @staticmethod
    def asks_for_permission(response_envelope: Mapping[str, Any]) -> bool:
        """Whether the skill handed over to Alexa's permission prompt."""
        directives = (response_envelope.get("response") or {}).get("directives") or []
        return any(d.get("type") == "Connections.SendRequest" and d.get("name") == "AskFor" for d in directives)

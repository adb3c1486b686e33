"""The one-week check-in reminder, through Alexa's Reminders API.

The dialog (`skill.core.conversation`) decides when to offer a reminder and
what to say; this module does the ask-sdk side: whether the user has allowed
reminders, Alexa's spoken permission prompt (`Connections.SendRequest`
"AskFor") and its answer, and the call that creates the reminder.

The HTTP client (`HttpsApiClient`) stands in for ask-sdk-core's
`DefaultApiClient`: that sets no timeout (a Reminders API that hangs or
trickles would outlast the 8 seconds Alexa waits for the skill, and the user
would hear Alexa's own error instead of ours), follows redirects (with the
token, to any host), reads answers of any size, calls whatever apiEndpoint a
request names, and imports `requests` at once, which every Lambda cold start
would pay although only a reminder needs it. Like it, this one refuses
anything but HTTPS.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from ask_sdk_core.exceptions import ApiClientException, SerializationException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.services import ApiClient, ApiClientRequest, ApiClientResponse, ServiceException

from skill.core import contract
from skill.core.replies import PermissionAnswer, ReminderOutcome

if TYPE_CHECKING:
    from ask_sdk_model.interfaces.connections import SendRequestDirective
    from ask_sdk_model.ui import AskForPermissionsConsentCard

logger = logging.getLogger(__name__)

REMINDERS_SCOPE = contract.REMINDERS_SCOPE
ONE_WEEK_SECONDS = 7 * 24 * 60 * 60
# Echoed back in the Connections.Response that answers our permission prompt.
PERMISSION_REQUEST_TOKEN = "check-in-reminder"
# HTTP statuses that mean the user has not allowed reminders (or took it back).
NO_PERMISSION_STATUSES = frozenset({401, 403})


class HttpsApiClient(ApiClient):
    """An ask-sdk `ApiClient`: HTTPS to Amazon's API hosts only, the whole
    call within one deadline, no redirects followed, the answer's size capped
    (skill.core.api_http, imported at the first call, not at cold start).
    `allowed_hosts` replaces Amazon's hosts, for tests and local stand-ins."""

    # Seconds for the whole call, connect to last byte: with the rest of the
    # turn, well inside the 8 seconds Alexa gives it.
    budget: float = 4.0
    allowed_hosts: frozenset[str] | None = None  # None: Amazon's documented API hosts

    def __init__(self, allowed_hosts: frozenset[str] | None = None) -> None:
        if allowed_hosts is not None:
            self.allowed_hosts = allowed_hosts

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        from skill.core import api_http  # here, not at the top: see the module docstring

        url = request.url or ""
        if not url.lower().startswith("https://"):
            raise ApiClientException("Requests against non-HTTPS endpoints are not allowed.")
        headers: dict[str, str] = {}
        for name, value in request.headers or []:
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        body = request.body
        if body is not None and "json" in headers.get("Content-type", ""):
            body = json.dumps(body)
        data = body.encode("utf-8") if isinstance(body, str) else body
        hosts = self.allowed_hosts if self.allowed_hosts is not None else api_http.AMAZON_API_HOSTS
        try:
            status, response_headers, text = api_http.call(request.method or "GET", url, headers, data, budget=self.budget, allowed_hosts=hosts)
        except (api_http.ApiCallError, OSError) as error:  # timeouts, refusals, TLS failures included
            raise ApiClientException(f"Error executing the request: {type(error).__name__}") from error
        return ApiClientResponse(headers=response_headers, status_code=status, body=text)


def permission_granted(handler_input: HandlerInput) -> bool:
    """Whether the request says the user has allowed this skill's reminders:
    the scope's own status when the envelope lists it, otherwise a consent
    token (reminders are the only permission this skill asks for)."""
    context = handler_input.request_envelope.context
    system = getattr(context, "system", None)
    permissions = getattr(getattr(system, "user", None), "permissions", None)
    if permissions is None:
        return False
    scope = (permissions.scopes or {}).get(REMINDERS_SCOPE)
    if scope is not None:
        return getattr(scope.status, "value", scope.status) == "GRANTED"
    return bool(permissions.consent_token)


def permission_request() -> SendRequestDirective:
    """Alexa's spoken permission prompt for reminders ("AskFor")."""
    from ask_sdk_model.interfaces.connections import SendRequestDirective

    payload: dict[str, Any] = {
        "@type": "AskForPermissionsConsentRequest",
        "@version": "2",
        "permissionScopes": [{"permissionScope": REMINDERS_SCOPE, "consentLevel": "ACCOUNT"}],
    }
    return SendRequestDirective(name="AskFor", payload=payload, token=PERMISSION_REQUEST_TOKEN)


def permission_card() -> AskForPermissionsConsentCard:
    """The Alexa app card that lets the user allow reminders."""
    from ask_sdk_model.ui import AskForPermissionsConsentCard

    return AskForPermissionsConsentCard(permissions=[REMINDERS_SCOPE])


def is_permission_answer(handler_input: HandlerInput) -> bool:
    request = handler_input.request_envelope.request
    return getattr(request, "object_type", None) == "Connections.Response" and getattr(request, "name", None) == "AskFor"


def permission_answer(handler_input: HandlerInput) -> PermissionAnswer:
    """The user's answer in a Connections.Response to our "AskFor"."""
    request = handler_input.request_envelope.request
    code = getattr(getattr(request, "status", None), "code", None)
    payload = getattr(request, "payload", None)
    payload = payload if isinstance(payload, dict) else {}
    if str(code) != "200" or payload.get("permissionScope", REMINDERS_SCOPE) != REMINDERS_SCOPE:
        return PermissionAnswer.FAILED
    status = payload.get("status")
    if status == "ACCEPTED":
        return PermissionAnswer.ACCEPTED
    if status in ("DENIED", "NOT_ANSWERED"):
        return PermissionAnswer.REFUSED
    return PermissionAnswer.FAILED


class AlexaReminders:
    """The Reminders API for one request (the dialog's `ReminderScheduler`)."""

    def __init__(self, handler_input: HandlerInput):
        self.handler_input = handler_input

    def permission_granted(self) -> bool:
        return permission_granted(self.handler_input)

    def schedule(self, text: str, locale: str) -> ReminderOutcome:
        """A one-time reminder a week from now that says `text`, with a push
        notification. Any failure is an outcome, never an exception."""
        from ask_sdk_model.services.reminder_management import (
            AlertInfo,
            PushNotification,
            PushNotificationStatus,
            ReminderRequest,
            SpokenInfo,
            SpokenText,
            Trigger,
            TriggerType,
        )

        factory = self.handler_input.service_client_factory
        if factory is None:  # the skill was built without an API client
            logger.warning("reminder not set: no API client")
            return ReminderOutcome.FAILED
        timestamp = getattr(self.handler_input.request_envelope.request, "timestamp", None)
        reminder = ReminderRequest(
            request_time=timestamp.replace(tzinfo=None) if timestamp else None,
            trigger=Trigger(object_type=TriggerType.SCHEDULED_RELATIVE, offset_in_seconds=ONE_WEEK_SECONDS),
            alert_info=AlertInfo(spoken_info=SpokenInfo(content=[SpokenText(locale=locale, text=text)])),
            push_notification=PushNotification(status=PushNotificationStatus.ENABLED),
        )
        try:
            factory.get_reminder_management_service().create_reminder(reminder_request=reminder)
        except ServiceException as error:
            # The status only: nothing about the user. ask-sdk-model maps no
            # 401 for this call, so branch on the number, not the message.
            logger.warning("reminder not set: HTTP %s (%s)", error.status_code, error)
            return ReminderOutcome.NO_PERMISSION if error.status_code in NO_PERMISSION_STATUSES else ReminderOutcome.FAILED
        except (ValueError, SerializationException) as error:
            logger.warning("reminder not set: %s", type(error).__name__)
            return ReminderOutcome.FAILED
        return ReminderOutcome.SET

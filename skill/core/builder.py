"""The one place the skill is assembled; every front end (Lambda, Flask,
`back-spasm chat`) builds it here."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model.services import ApiClient

from skill.core import can_fulfill, failures, handlers, reminders
from skill.core.logtext import printable

logger = logging.getLogger(__name__)

# What AWS Lambda calls: (event, context) -> response, both JSON objects.
LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def build_skill_builder(skill_id: str | None = None, api_client: ApiClient | None = None) -> CustomSkillBuilder:
    """A skill builder with every handler and interceptor registered, and an
    API client for the Reminders API (`api_client`, by default HTTPS to the
    request's apiEndpoint). With `skill_id`, requests for any other skill are
    refused."""
    builder = CustomSkillBuilder(api_client=api_client or reminders.HttpsApiClient())
    builder.skill_id = skill_id or None  # type: ignore[assignment]  # the SDK's hint says None; it takes a str
    builder.add_request_handler(can_fulfill.CanFulfillIntentHandler())  # before the silent catch-all of other requests
    for handler in handlers.REQUEST_HANDLERS:
        builder.add_request_handler(handler)
    builder.add_exception_handler(failures.CatchAllExceptionHandler())
    builder.add_global_request_interceptor(handlers.LogRequestInterceptor())
    builder.add_global_request_interceptor(handlers.LoadConversationInterceptor())
    builder.add_global_response_interceptor(handlers.SaveConversationInterceptor())
    builder.add_global_response_interceptor(can_fulfill.NoSessionAttributesInterceptor())  # after the save
    return builder


def create_skill(skill_id: str | None = None, api_client: ApiClient | None = None) -> CustomSkill:
    """The skill, reading requests leniently (skill.core.lenient): the Lambda
    and the endpoint answer the same event the same way."""
    from skill.core import lenient

    skill = build_skill_builder(skill_id, api_client).create()
    skill.serializer = lenient.LenientSerializer()  # unknown enum values and new fields are never fatal
    return skill


def lambda_handler_for(skill_id: str | None = None, api_client: ApiClient | None = None) -> LambdaHandler:
    """An AWS Lambda handler. Unlike SkillBuilder.lambda_handler(), which
    builds a new CustomSkill on every request, the skill is built once per
    container and reused (it keeps no per-request state)."""
    from ask_sdk_model import Context, Request, RequestEnvelope
    from ask_sdk_model.interfaces.system import SystemState

    from skill.core import lenient

    skill = create_skill(skill_id, api_client)
    known_request_types = frozenset(Request.discriminator_value_class_map)

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        # Never raises: whatever the SDK cannot read or answer gets raw_event's answer.
        try:
            return _answer(event, context)
        except Exception as exception:  # RecursionError included
            logger.error("lambda request failed: %s", type(exception).__name__)
            return _last_answer(event, skill_id)

    def _answer(event: Any, context: Any) -> dict[str, Any]:
        request = event.get("request") if isinstance(event, dict) else None
        request_type = request.get("type") if isinstance(request, dict) else None
        if not isinstance(request_type, str) or request_type not in known_request_types:
            if not isinstance(request_type, str):
                return _last_answer(event, skill_id)
            # A request type newer than the SDK: no person's request, so the empty response.
            logger.warning("request type the SDK does not know: %s", printable(request_type))
            return {"version": "1.0", "response": {}}
        request_envelope = lenient.read(lenient.readable(event), RequestEnvelope)
        if request_envelope is None or request_envelope.request is None:
            return _last_answer(event, skill_id)
        if request_envelope.context is None or request_envelope.context.system is None:
            if skill_id:  # no application id to check
                return _last_answer(event, skill_id)
            request_envelope.context = Context(system=SystemState())
        response = skill.serializer.serialize(skill.invoke(request_envelope=request_envelope, context=context))
        assert isinstance(response, dict)  # a ResponseEnvelope serializes to an object
        return response

    return lambda_handler


def _last_answer(event: Any, skill_id: str | None) -> dict[str, Any]:
    """skill.core.raw_event's answer, for what the SDK cannot read or answer;
    imported only when a request needs it, not on every cold start."""
    from skill.core import raw_event

    return raw_event.fallback_response(event, skill_id)

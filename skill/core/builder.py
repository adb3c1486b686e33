"""The one place the skill is assembled; every front end (Lambda, Flask,
`back-spasm chat`) builds it here."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder

from skill.core import handlers

# What AWS Lambda calls: (event, context) -> response, both JSON objects.
LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def build_skill_builder(skill_id: str | None = None) -> SkillBuilder:
    """A SkillBuilder with every handler and interceptor registered. With
    `skill_id`, requests for any other skill are refused."""
    builder = SkillBuilder()
    builder.skill_id = skill_id or None  # type: ignore[assignment]  # the SDK's hint says None; it takes a str
    for handler in handlers.REQUEST_HANDLERS:
        builder.add_request_handler(handler)
    builder.add_exception_handler(handlers.CatchAllExceptionHandler())
    builder.add_global_request_interceptor(handlers.LogRequestInterceptor())
    builder.add_global_request_interceptor(handlers.LoadConversationInterceptor())
    builder.add_global_response_interceptor(handlers.SaveConversationInterceptor())
    return builder


def create_skill(skill_id: str | None = None) -> CustomSkill:
    return build_skill_builder(skill_id).create()


def lambda_handler_for(skill_id: str | None = None) -> LambdaHandler:
    """An AWS Lambda handler. Unlike SkillBuilder.lambda_handler(), which
    builds a new CustomSkill on every request, the skill is built once per
    container and reused (it keeps no per-request state)."""
    from ask_sdk_model import RequestEnvelope

    skill = create_skill(skill_id)

    def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        request_envelope = skill.serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
        response = skill.serializer.serialize(skill.invoke(request_envelope=request_envelope, context=context))
        assert isinstance(response, dict)  # a ResponseEnvelope serializes to an object
        return response

    return lambda_handler

"""The one place the skill is assembled; every front end (Lambda, Flask,
`back-spasm chat`) builds it here."""

from __future__ import annotations

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder

from skill import handlers


def build_skill_builder(skill_id: str | None = None) -> SkillBuilder:
    """A SkillBuilder with every handler and interceptor registered. With
    `skill_id`, requests for any other skill are refused."""
    builder = SkillBuilder()
    builder.skill_id = skill_id or None
    for handler in handlers.REQUEST_HANDLERS:
        builder.add_request_handler(handler)
    builder.add_exception_handler(handlers.CatchAllExceptionHandler())
    builder.add_global_request_interceptor(handlers.LogRequestInterceptor())
    builder.add_global_request_interceptor(handlers.LoadConversationInterceptor())
    builder.add_global_response_interceptor(handlers.SaveConversationInterceptor())
    return builder


def create_skill(skill_id: str | None = None) -> CustomSkill:
    return build_skill_builder(skill_id).create()

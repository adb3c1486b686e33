"""The shape of an Alexa request envelope: enough structure for the SDK, the
verifiers and the skill not to trip over missing parts or absurd nesting.

Only structure is checked, never values, and a problem is described without
quoting anything from the request."""

from __future__ import annotations

from typing import Any

MAX_NESTING = 100  # Alexa envelopes nest about 12 deep; Python's own limit is about 1000


def too_deep(data: Any, limit: int = MAX_NESTING) -> bool:
    """Whether parsed JSON nests objects and arrays more than `limit` levels."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return False


def envelope_problem(data: Any, brackets: int | None = None) -> str | None:
    """Why `data` (parsed JSON) is not an Alexa request envelope, or None.

    `brackets`, the number of `{` and `[` in the raw body, lets the nesting
    walk be skipped when there are too few of them to nest past the limit
    (the usual case, for free)."""
    if not isinstance(data, dict):
        return "body is not a JSON object"
    if (brackets is None or brackets > MAX_NESTING) and too_deep(data):
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
    context = data.get("context")
    system = context.get("System") if isinstance(context, dict) else None
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
        # Attributes that are not an object are dropped by the skill's reader, as on Lambda.
    return None

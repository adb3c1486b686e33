"""A stand-in for Alexa's Reminders API, for `back-spasm chat`: it answers the
skill's HTTP calls the way Amazon's API does and keeps what it was sent,
without the network (the chat has no real access token to use)."""

from __future__ import annotations

import json
from typing import Any

from ask_sdk_model.services import ApiClient, ApiClientRequest, ApiClientResponse

# The statuses the stand-in can answer with: created, or the API's errors.
STATUSES = (200, 401, 403, 429, 500, 503)
_CREATED = {"alertToken": "chat-alert-token", "status": "ON", "version": "1", "href": "/v1/alerts/reminders/chat-alert-token"}


class StandInRemindersApi(ApiClient):
    """Answers every call with `status`; a created reminder's request body is kept in `created`."""

    def __init__(self, status: int = 200):
        self.status = status
        self.created: list[dict[str, Any]] = []

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        headers = [("Content-Type", "application/json")]
        if self.status != 200:
            return ApiClientResponse(headers=headers, status_code=self.status, body=json.dumps({"code": "STAND_IN", "message": "stand-in error"}))
        self.created.append(request.body if isinstance(request.body, dict) else {})
        return ApiClientResponse(headers=headers, status_code=200, body=json.dumps(_CREATED))

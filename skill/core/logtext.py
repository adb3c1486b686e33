"""Text from a request, made safe to put in a log line."""

from __future__ import annotations

MAX_LOGGED = 120


def printable(value: object, limit: int = MAX_LOGGED) -> str:
    """`value` as one line: shortened to `limit` characters, and every
    character that is not printable (newlines, escape sequences, Unicode line
    separators, format controls) written as its backslash escape, so request
    text cannot forge or hide log lines."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "..."
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text)

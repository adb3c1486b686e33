"""Problems, and the per-file report each check adds them to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One finding: printed as `file:place: message [code]`."""

    file: str
    place: str
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.file}:{self.place}: {self.message} [{self.code}]"


class Report:
    """The problems found in one file."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, place: str, code: str, message: str) -> None:
        self.problems.append(Problem(self.file, place or "(top)", message, code))


def join(place: str, key: str | int) -> str:
    """A place one level down: `a.b` + "c" -> `a.b.c`, + 2 -> `a.b[2]`."""
    if isinstance(key, int):
        return f"{place}[{key}]"
    return f"{place}.{key}" if place else key


def as_list(value: Any) -> list[Any]:
    """A list from the file, or nothing when the shape check already reported it."""
    return value if isinstance(value, list) else []

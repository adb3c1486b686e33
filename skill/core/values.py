"""Frozen value classes at no import cost.

A dataclass writes and compiles its methods when its module is imported (about
half a millisecond each), and a NamedTuple builds its class through `exec` too
(about a tenth); the Lambda imports a dozen such types on every cold start. A
`Value` subclass lists its fields in `__slots__` and sets them in a plain
`__init__` with `init`; equality, hashing, `repr` and `replace` come from the
fields, and assigning to a field afterwards raises, as for a frozen dataclass.
"""

from __future__ import annotations

from typing import Any, Self

init = object.__setattr__  # how a Value's __init__ sets its fields


class Value:
    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name}")

    def replace(self, **changes: Any) -> Self:
        """A copy with `changes` made (the fields' names as keywords)."""
        unknown = set(changes) - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        copy = object.__new__(type(self))
        for name in self.__slots__:
            init(copy, name, changes[name] if name in changes else getattr(self, name))
        return copy

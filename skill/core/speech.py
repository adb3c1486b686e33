"""Spoken and card text, looked up per locale from `skill/core/locales/<locale>.json`.

Templates are plain text with {placeholders}. For speech, the template is
XML-escaped first and the placeholders are then filled with SSML-safe
fragments (escaped names, `say-as` phone numbers), so the SSML is always
well-formed; for cards the same templates are filled with plain text.

Rendered speech remembers what it was rendered from (`Ssml.pieces`: locale
keys and plain-text fields), so a reply can be kept in the session as keys and
rendered again (`skill.core.session` keeps and checks them); SSML that comes
back from the client is never spoken.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

from skill.core.rules import Level, Question, Symptom
from skill.core.values import Value, init

# absolute(), not resolve(): no symlink to follow here, and resolve() costs a system call per folder on every cold start.
LOCALES_DIR = Path(__file__).absolute().parent / "locales"
DEFAULT_LOCALE = "en-US"


class UnsupportedLocaleError(ValueError):
    pass


def supported_locales() -> list[str]:
    return sorted(path.stem for path in LOCALES_DIR.glob("*.json"))


def escape(text: str) -> str:
    """XML-escape text for SSML (&, <, >). By hand: xml.sax.saxutils pulls in
    urllib and ssl, a third of a Lambda cold start, and the html module loads
    its table of 2,000 entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(ssml_text: str) -> str:
    """The text `escape` was given back (&amp; last, so "&amp;lt;" stays "&lt;")."""
    return ssml_text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def plain_text(ssml: str) -> str:
    """What a listener hears of the skill's SSML (a whole <speak> or a fragment),
    as text: tags dropped, what `escape` made undone, runs of white space one space.
    The one way SSML becomes text: for the screen, the terminal, the try page and the tests."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", ssml))).strip()  # compiled at first use, cached by `re`


# A locale key and the fields it was filled with: each a list of symptoms as
# `Listing.source` (what can be kept and rendered again), or plain text (never kept).
Piece = tuple[str, dict[str, object]]

# How a list of symptoms is worded (Speech.names, names_or, denials), and its
# per-symptom keys ("name": "a fever"; "plain": "lose feeling in your limbs").
LISTINGS = {"and": ("name",), "or": ("name", "plain"), "denied": ("denied",)}


class Listing(str):
    """Plain text naming symptoms, with what it was worded from: symptom ids,
    the list's kind, the per-symptom key. Only that is kept for re-speaking,
    never the text."""

    source: dict[str, object]

    def __new__(cls, text: str, symptoms: Iterable[Symptom], kind: str, key: str) -> Listing:
        listing = super().__new__(cls, text)
        listing.source = {"symptoms": [symptom.value for symptom in symptoms], "list": kind, "key": key}
        return listing


class Ssml(str):
    """SSML rendered from this module's locale strings, with the pieces it was
    rendered from."""

    pieces: tuple[Piece, ...]

    def __new__(cls, text: str, pieces: Iterable[Piece]) -> Ssml:
        ssml = super().__new__(cls, text)
        ssml.pieces = tuple(pieces)
        return ssml


def join(parts: Sequence[str]) -> str:
    """Parts of speech joined with spaces (empty ones left out); still an `Ssml`
    when every part is one."""
    parts = [part for part in parts if part]
    text = " ".join(parts)
    if all(isinstance(part, Ssml) for part in parts):
        return Ssml(text, (piece for part in parts if isinstance(part, Ssml) for piece in part.pieces))
    return text


# Alexa's SSML prosody values, one step per "slower" or "louder", from today's
# speech (None: no <prosody> at all, so default speech is byte for byte as before).
RATES: tuple[str | None, ...] = (None, "slow", "x-slow")
VOLUMES: tuple[str | None, ...] = (None, "loud", "x-loud")


class Voice(Value):
    """How the rest of a session is spoken: a prosody rate and volume (None:
    the default). Kept in the session attributes by `skill.core.session`."""

    __slots__ = ("rate", "volume")
    rate: str | None
    volume: str | None

    def __init__(self, rate: str | None = None, volume: str | None = None) -> None:
        init(self, "rate", rate)
        init(self, "volume", volume)

    def slower(self) -> Voice:
        return Voice(RATES[min(RATES.index(self.rate) + 1, len(RATES) - 1)], self.volume)

    def normal_speed(self) -> Voice:
        return Voice(None, self.volume)

    def louder(self) -> Voice:
        return Voice(self.rate, VOLUMES[min(VOLUMES.index(self.volume) + 1, len(VOLUMES) - 1)])


DEFAULT_VOICE = Voice()


def spoken_in(ssml: str, voice: Voice) -> str:
    """`ssml` (a body without <speak>) as `voice` speaks it: the one place
    prosody is applied, around a whole speech or reprompt. Only the values in
    RATES and VOLUMES are ever written, so the SSML stays valid for Alexa."""
    if not ssml or voice == DEFAULT_VOICE:
        return ssml
    attributes = "".join(f' {name}="{value}"' for name, value in (("rate", voice.rate), ("volume", voice.volume)) if value)
    return f"<prosody{attributes}>{ssml}</prosody>"


def _telephone(number: str) -> str:
    return f'<say-as interpret-as="telephone">{escape(number)}</say-as>'


class Speech:
    """The strings of one locale, rendered as SSML (for speech) or plain text
    (for cards)."""

    def __init__(self, locale: str, strings: dict):
        self.locale = locale
        self._strings = strings
        data = strings["locale_data"]
        self._list_and = data["list_and"]
        self._list_or = data["list_or"]
        self._list_or_two = data["list_or_two"]
        self._list_comma = data["list_comma"]
        plain = {key: data[key] for key in ("emergency_number", "clinic_name", "clinic_phone", "invocation_name")}
        self._plain_fields = plain
        self._ssml_fields = {
            "emergency_number": _telephone(plain["emergency_number"]),
            "clinic_name": escape(plain["clinic_name"]),
            "clinic_phone": _telephone(plain["clinic_phone"]),
            "invocation_name": escape(plain["invocation_name"]),  # the model's, checked by `back-spasm validate`
        }

    def _template(self, key: str) -> str:
        node = self._strings
        for part in key.split("."):
            node = node[part]
        if not isinstance(node, str):
            raise KeyError(key)
        return node

    def ssml(self, key: str, **fields: str) -> Ssml:
        """The string `key` (dotted path) as SSML; `fields` are plain text."""
        escaped = {name: escape(value) for name, value in fields.items()}
        arguments: dict[str, object] = {name: value.source if isinstance(value, Listing) else str(value) for name, value in fields.items()}
        return Ssml(escape(self._template(key)).format(**self._ssml_fields, **escaped), [(key, arguments)])

    def render(self, pieces: Iterable[Piece]) -> Ssml | None:
        """Speech kept as its pieces (checked by `skill.core.session`), rendered
        again from this locale's strings; None unless every piece is one of its
        keys and every field a symptom list it words itself, so no text from
        the client is ever spoken."""
        parts = []
        try:
            for key, fields in pieces:
                listings = {}
                for name, source in fields.items():
                    if name in self._ssml_fields or not isinstance(source, Mapping):
                        return None
                    listings[name] = self.listing(source)
                parts.append(self.ssml(key, **listings))
        except (KeyError, IndexError, TypeError, ValueError):  # no such key, or fields that do not fit it
            return None
        rendered = join(parts)
        return rendered if isinstance(rendered, Ssml) and parts else None

    def listing(self, source: Mapping) -> Listing:
        """The words of a `Listing.source`, in this locale."""
        symptoms = [Symptom(value) for value in source["symptoms"]]
        kind, key = source["list"], source["key"]
        if kind == "and":
            return self.names(symptoms)
        return self.names_or(symptoms, key) if kind == "or" else self.denials(symptoms)

    def text(self, key: str, **fields: str) -> str:
        """The string `key` as plain text, for cards."""
        return self._template(key).format(**self._plain_fields, **fields)

    # Question and symptom wording.
    def question(self, question: Question) -> str:
        return self.ssml(f"questions.{question.id}.ask")

    def explain(self, question: Question) -> str:
        return self.ssml(f"questions.{question.id}.explain")

    def names(self, symptoms: Iterable[Symptom]) -> Listing:
        """Plain-text list: "a fever", "a fever and muscle weakness", ..."""
        symptoms = list(symptoms)
        return Listing(self._join([self._template(f"symptoms.{s.value}.name") for s in symptoms], self._list_and), symptoms, "and", "name")

    def names_or(self, symptoms: Iterable[Symptom], key: str = "name") -> Listing:
        """Plain-text list joined with "or": for signs of which one is enough
        (a "yes" to a question that asks several, or the signs to watch for).
        `key` "plain" gives each emergency sign in the fewest plain words, as
        what a person might do ("lose feeling in your limbs")."""
        symptoms = list(symptoms)
        names = [self._template(f"symptoms.{s.value}.{key}") for s in symptoms]
        return Listing(self._join(names, self._list_or_two if len(names) == 2 else self._list_or), symptoms, "or", key)

    def _join(self, names: list[str], last: str) -> str:
        if len(names) <= 1:
            return "".join(names)
        return self._list_comma.join(names[:-1]) + last + names[-1]

    def denials(self, symptoms: Iterable[Symptom]) -> Listing:
        """Plain-text list of denied signs: "no fever and no weight loss"."""
        symptoms = list(symptoms)
        return Listing(self._join([self._template(f"symptoms.{s.value}.denied") for s in symptoms], self._list_and), symptoms, "denied", "denied")

    def advice_key(self, level: Level, part: str) -> str:
        return f"advice.{level.name}.{part}"


@cache
def for_locale(locale: str) -> Speech:
    """The strings of `locale`; raises UnsupportedLocaleError if there is no file."""
    path = LOCALES_DIR / f"{locale}.json"
    if locale not in supported_locales():
        raise UnsupportedLocaleError(f"unsupported locale {locale!r}; supported: {', '.join(supported_locales())}")
    return Speech(locale, json.loads(path.read_text(encoding="utf-8")))

"""The session attributes: the one owner of their format.

Alexa keeps a session's state in the attributes of each response and sends
them back with the next request. They come back from the client, so each
field is read and checked on its own: garbage in one is dropped without
losing the others (or a sign reported in the same turn), and nothing in them
is ever spoken as it came back. No other module reads or writes these names.

    "triage": {"answers": [["FEVER", "yes"], ...], "unsure_once": ["NUMBNESS"]}
    "asking": "NUMBNESS"                          the pending question's id, or null
    "last": {"speech": PIECES, "reprompt": PIECES}    what "repeat" says again, or null
    "offering_reminder": true                     only while the reminder is on offer
    "voice": {"rate": "slow", "volume": "loud"}   only when the voice is not the default

PIECES are the locale keys a reply was rendered from, each with the symptom
lists it was filled with (`speech.Ssml.pieces`), never text: what "repeat"
says is rendered again from this locale's own strings.
"""

from __future__ import annotations

from collections.abc import Mapping

from skill.core.rules import Answer, Question, Symptom, Triage, question_by_id
from skill.core.speech import DEFAULT_VOICE, LISTINGS, RATES, VOLUMES, Piece, Ssml, Voice
from skill.core.values import Value, init

TRIAGE = "triage"
ASKING = "asking"
LAST = "last"
OFFERING_REMINDER = "offering_reminder"
VOICE = "voice"
# Every field the skill keeps, sorted by name.
FIELDS = (ASKING, LAST, OFFERING_REMINDER, TRIAGE, VOICE)

# Limits on stored speech rendered again: a few phrases, a few symptoms each.
MAX_STORED_PIECES = 8
MAX_STORED_SYMPTOMS = len(Symptom)
# A `Listing.source`'s fields: the symptom ids, the kind of list, the per-symptom key.
LISTING_FIELDS = frozenset({"symptoms", "list", "key"})

Pieces = tuple[Piece, ...]


class Stored(Value):
    """What one turn leaves for the next."""

    __slots__ = ("asking", "last", "offering_reminder", "triage", "voice")
    triage: Triage
    asking: Question | None
    # The last reply that asked something: the pieces of its speech and of its reprompt.
    # Read back, both are there or `last` is None; written, a reply not rendered from the
    # locale strings alone keeps None in its place.
    last: tuple[Pieces | None, Pieces | None] | None
    offering_reminder: bool
    voice: Voice

    def __init__(self, triage: Triage, asking: Question | None = None, last: tuple[Pieces | None, Pieces | None] | None = None,
                 offering_reminder: bool = False, voice: Voice = DEFAULT_VOICE) -> None:  # fmt: skip
        init(self, "triage", triage)
        init(self, "asking", asking)
        init(self, "last", last)
        init(self, "offering_reminder", offering_reminder)
        init(self, "voice", voice)


def read(attributes: object) -> Stored:
    """The session attributes a request carries, each field checked on its own."""
    if not isinstance(attributes, Mapping):
        return Stored(Triage())
    return Stored(
        triage=read_triage(attributes.get(TRIAGE)),
        asking=read_asking(attributes),
        last=_read_last(attributes.get(LAST)),
        offering_reminder=attributes.get(OFFERING_REMINDER) is True,
        voice=read_voice(attributes.get(VOICE)),
    )


def write(stored: Stored) -> dict[str, object]:
    """The session attributes for the next turn (JSON). The reminder's flag and
    the voice are written only when set, so a session that asks for neither
    keeps the attributes it always had."""
    attributes: dict[str, object] = {
        TRIAGE: write_triage(stored.triage),
        ASKING: stored.asking.id if stored.asking else None,
        LAST: None if stored.last is None else {"speech": _pieces_json(stored.last[0]), "reprompt": _pieces_json(stored.last[1])},
    }
    if stored.offering_reminder:
        attributes[OFFERING_REMINDER] = True
    voice = write_voice(stored.voice)
    if voice:
        attributes[VOICE] = voice
    return attributes


# ---- the fields ----------------------------------------------------------------


def read_asking(attributes: Mapping) -> Question | None:
    """The pending question, or None (also for an id that is not a question's)."""
    return question_by_id(attributes.get(ASKING))


def write_triage(triage: Triage) -> dict[str, list]:
    return {
        "answers": [[symptom.value, answer.value] for symptom, answer in triage.answers.items()],
        "unsure_once": sorted(question.id for question in triage.unsure_once),
    }


def read_triage(data: object) -> Triage:
    """The answers kept by `write_triage`; each malformed entry is dropped on its own."""
    triage = Triage()
    if not isinstance(data, Mapping):
        return triage
    answers, unsure_once = data.get("answers"), data.get("unsure_once")
    for pair in answers if isinstance(answers, list) else ():
        try:
            symptom, answer = Symptom(pair[0]), Answer(pair[1])
        except (TypeError, ValueError, IndexError, KeyError):
            continue
        triage.answers[symptom] = answer
    for value in unsure_once if isinstance(unsure_once, list) else ():
        question = question_by_id(value)
        if question is not None:
            triage.unsure_once.add(question)
    return triage


def write_voice(voice: Voice) -> dict[str, str] | None:
    """The voice as kept; None for the default voice (nothing kept)."""
    kept = {name: value for name, value in (("rate", voice.rate), ("volume", voice.volume)) if value}
    return kept or None


def read_voice(kept: object) -> Voice:
    """The voice kept by `write_voice`; each value that is not one of the skill's own is dropped."""
    if not isinstance(kept, Mapping):
        return DEFAULT_VOICE
    rate, volume = kept.get("rate"), kept.get("volume")
    return Voice(rate if rate in RATES else None, volume if volume in VOLUMES else None)


def pieces_of(speech: str | None) -> Pieces | None:
    """What of rendered speech can be kept to be said again: its pieces, or
    None when it was not rendered from locale strings alone (a field of free
    text is never kept)."""
    if not isinstance(speech, Ssml) or not speech.pieces:
        return None
    if any(not isinstance(value, dict) for _, fields in speech.pieces for value in fields.values()):
        return None
    return speech.pieces


def _pieces_json(pieces: Pieces | None) -> list[list] | None:
    return None if pieces is None else [[key, dict(fields)] for key, fields in pieces]


def _read_last(kept: object) -> tuple[Pieces, Pieces] | None:
    if not isinstance(kept, Mapping):
        return None
    speech, reprompt = read_pieces(kept.get("speech")), read_pieces(kept.get("reprompt"))
    return (speech, reprompt) if speech and reprompt else None


def read_pieces(kept: object) -> Pieces | None:
    """Pieces kept by `write`, checked: a few [key, fields] pairs whose every
    field is a symptom list as `speech.Listing.source` makes it; None for
    anything else. Whether each key is one of the locale's is for
    `speech.Speech.render` to say."""
    if not isinstance(kept, list) or not 0 < len(kept) <= MAX_STORED_PIECES:
        return None
    pieces = []
    for piece in kept:
        if not (isinstance(piece, list) and len(piece) == 2):
            return None
        key, fields = piece
        if not (isinstance(key, str) and isinstance(fields, dict)):
            return None
        listings: dict[str, object] = {}
        for name, value in fields.items():
            source = _listing_source(value)
            if source is None:
                return None
            listings[name] = source
        pieces.append((key, listings))
    return tuple(pieces)


def _listing_source(kept: object) -> dict[str, object] | None:
    """A `Listing.source` (symptom ids, the kind of list, the per-symptom key), checked and
    without repeated ids; None unless it is exactly one."""
    if not (isinstance(kept, Mapping) and set(kept) == LISTING_FIELDS):
        return None
    ids, kind, key = kept["symptoms"], kept["list"], kept["key"]
    if not (isinstance(kind, str) and kind in LISTINGS and key in LISTINGS[kind]):
        return None
    if not (isinstance(ids, list) and 0 < len(ids) <= MAX_STORED_SYMPTOMS):
        return None
    if not all(isinstance(value, str) and value in Symptom.__members__ for value in ids):
        return None
    return {"symptoms": list(dict.fromkeys(ids)), "list": kind, "key": key}

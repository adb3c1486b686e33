"""skill.core.values: the frozen value classes the Lambda uses instead of dataclasses."""

from __future__ import annotations

import pytest

from skill.core.replies import Card, Reply
from skill.core.rules import QUESTIONS, Question, Symptom


def test_values_are_equal_and_hash_by_their_fields():
    assert Card("a", "b") == Card("a", "b") and Card("a", "b") != Card("a", "c")
    assert len({Card("a", "b"), Card("a", "b")}) == 1
    assert Question(QUESTIONS[0].id, QUESTIONS[0].signs) == QUESTIONS[0]
    assert Card("a", "b") != ("a", "b")  # not a tuple


def test_a_value_is_frozen():
    card = Card("a", "b")
    with pytest.raises(AttributeError):
        card.title = "c"
    with pytest.raises(AttributeError):
        del card.text


def test_replace_makes_a_changed_copy():
    reply = Reply("speech", None)
    changed = reply.replace(card=Card("t", "x"))
    assert changed.card == Card("t", "x") and changed.speech == "speech" and reply.card is None
    with pytest.raises(TypeError):
        reply.replace(nothing=1)


def test_repr_names_the_fields():
    assert repr(Question("FEVER", (Symptom.FEVER,))) == "Question(id='FEVER', signs=(<Symptom.FEVER: 'FEVER'>,))"

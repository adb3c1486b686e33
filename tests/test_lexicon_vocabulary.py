"""Everyday vocabulary, sentence by sentence: each word or phrase the lexicon
holds for a sign is read as a report when said, as a denial when negated, and
ordinary sentences near it read nothing ("me quedé dormida viendo la tele").
The sentences live in tests/fixtures/vocabulary/<locale>.tsv."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.core.lexicon import Polarity, read

VOCABULARY = Path(__file__).parent / "fixtures" / "vocabulary"


def _cases() -> list[tuple[str, str, str, str]]:
    cases = []
    for path in sorted(VOCABULARY.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                sentence, sign, expected = line.split("\t")
                cases.append((path.stem, sentence, sign, expected))
    return cases


CASES = _cases()


def test_every_locale_has_sentences():
    assert {locale for locale, *_ in CASES} == {"en-US", "es-US"}
    assert all(expected in ("reported", "denied", "none") for *_, expected in CASES)


@pytest.mark.parametrize(("locale", "sentence", "sign", "expected"), CASES)
def test_vocabulary(locale, sentence, sign, expected):
    mentions = read(sentence, locale).mentions
    polarities = {m.polarity for m in mentions if m.sign.name == sign}
    if expected == "reported":
        assert polarities and Polarity.NEGATED not in polarities, [(m.sign.name, m.polarity.name) for m in mentions]
    elif expected == "denied":
        assert polarities == {Polarity.NEGATED}, [(m.sign.name, m.polarity.name) for m in mentions]
    elif sign == "-":
        assert not mentions, [(m.sign.name, m.polarity.name) for m in mentions]
    else:
        assert not polarities, [(m.sign.name, m.polarity.name) for m in mentions]

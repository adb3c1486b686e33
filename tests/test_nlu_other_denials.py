"""A near sample never adds a negation the line lacks ("no it's getting better" is not
"no" + "it's not getting better"). A loose denial of a sign the line does not name, in a line the lexicon reads
as denying another ("no, sigo igual de gordito" fitted to "sigo igual", no
improvement): the line's denial, so the unnamed sign is still asked about. Two
signs one question asks ("no numbness on either side") keep the sample's finer
reading."""

from __future__ import annotations

import pytest

from skill.core import contract
from skill.tools import nlu
from skill.tools.evaluation import as_the_skill_reads, symptom_ids
from skill.tools.paths import model_path


@pytest.fixture(scope="module")
def matchers() -> dict[str, nlu.Nlu]:
    return {locale: nlu.load(model_path(locale)) for locale in ("en-US", "es-US")}


@pytest.mark.parametrize(
    ("locale", "line", "signs"),
    [
        ("es-US", "no sigo igual de gordito", {"WEIGHT_LOSS"}),
        ("en-US", "no numbness on either side nope", {"ONE_SIDED_NUMBNESS"}),
        ("es-US", "ningún lado se me ha dormido", {"ONE_SIDED_NUMBNESS"}),
    ],
)
def test_a_loose_denial_gives_way_to_the_lines_own(matchers, locale, line, signs):
    found = matchers[locale].match(line)
    assert (found.intent, symptom_ids(found)) == (contract.DENY_SYMPTOM, frozenset(signs))


@pytest.mark.parametrize(("locale", "line", "sign"), [("en-US", "no it's getting better", "NOT_IMPROVING")])
def test_a_near_sample_never_adds_a_negation(matchers, locale, line, sign):
    # "no it's getting better" is close to "no" + "it's not getting better": one more "not" is the opposite.
    found = as_the_skill_reads(matchers[locale].match(line), locale)
    assert (found.intent, symptom_ids(found)) == (contract.DENY_SYMPTOM, frozenset({sign}))


@pytest.mark.parametrize(("locale", "line", "sign"), [("en-US", "well not the bowels just the bladder it keeps leaking", "BLADDER_BOWEL_CONTROL")])
def test_a_guessed_sign_keeps_the_words_as_said(matchers, locale, line, sign):
    # The guess is made without "just", but the skill reads the slot's words: with "just" the negation ends there.
    found = as_the_skill_reads(matchers[locale].match(line), locale)
    assert (found.intent, symptom_ids(found)) == (contract.REPORT_SYMPTOM, frozenset({sign}))

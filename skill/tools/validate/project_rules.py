"""This project's rules, read from the code itself:

- the contract's intents and slots (`skill.core.contract`) are in every model;
- every model intent has a move in the handler table
  (`skill.core.handlers.INTENT_MOVES`), and every intent in the table is in
  every model;
- the SymptomType ids are exactly the rules' symptoms, and every symptom has
  an urgency level;
- every model locale has speech strings, and they name the model's
  invocation name (the way back after "hold on" says it).
"""

from __future__ import annotations

from skill.core import contract, handlers, speech
from skill.core.rules import LEVELS, Symptom
from skill.tools.model import LanguageModel
from skill.tools.nlu.model_words import out_of_sync
from skill.tools.validate.files import SkillPackage
from skill.tools.validate.report import Problem, Report, join

BASE = "interactionModel.languageModel"
INTENTS = join(BASE, "intents")


def check(package: SkillPackage) -> list[Problem]:
    """The project's rules for every model the typed loader can read (one it
    cannot read is reported by the other checks; the rules would only echo it)."""
    problems: list[Problem] = []
    for file in package.models:
        if file.model is not None:
            report = Report(file.name)
            check_model(file.model, file.locale, report)
            problems += report.problems
    return problems


def check_model(model: LanguageModel, locale: str, report: Report) -> None:
    check_contract(model, report)
    check_handlers(model, locale, report)
    check_symptoms(model, report)
    if locale not in speech.supported_locales():
        report.add("", "speech.locale", f"no speech strings for {locale} (skill/core/locales/{locale}.json)")
    else:
        check_invocation_name(model, locale, report)


def check_invocation_name(model: LanguageModel, locale: str, report: Report) -> None:
    """The invocation name the skill speaks ("say: Alexa, open ...") is the model's."""
    spoken = speech.for_locale(locale).text("locale_data.invocation_name")
    if model.invocation_name and spoken != model.invocation_name:
        report.add(
            join(BASE, "invocationName"),
            "speech.invocation",
            f"the {locale} strings say {spoken!r} to open the skill (locale_data.invocation_name), the model's name is {model.invocation_name!r}",
        )


def check_contract(model: LanguageModel, report: Report) -> None:
    """The intents and slots the skill's code relies on."""
    index = {intent.name: i for i, intent in enumerate(model.intents)}
    for name in contract.INTENTS:
        if name not in index:
            report.add(INTENTS, "contract.intent", f"contract intent {name} is missing (skill.core.contract)")
    for name, expected in contract.SLOTS.items():
        if name not in index:
            continue
        declared = model.intents[index[name]].slot_types
        for slot, slot_type in expected.items():
            if declared.get(slot) != slot_type:
                report.add(
                    join(INTENTS, index[name]),
                    "contract.slot",
                    f"{name} must declare slot {slot!r} of type {slot_type} (has {declared.get(slot)!r})",
                )


def check_handlers(model: LanguageModel, locale: str, report: Report) -> None:
    """Model intents <-> the handler table, both ways."""
    handled = handlers.INTENT_MOVES
    names = set(model.intent_names)
    for index, intent in enumerate(model.intents):
        if intent.name not in handled:
            report.add(
                join(INTENTS, index),
                "handler.missing",
                f"intent {intent.name} has no move in INTENT_MOVES (skill.core.handlers): only the catch-all would answer it",
            )
    for name in handled:
        if name not in names:
            report.add(INTENTS, "handler.extra", f"INTENT_MOVES (skill.core.handlers) answers {name}, which is not in the {locale} model")


def check_symptoms(model: LanguageModel, report: Report) -> None:
    """SymptomType's ids <-> the rules' symptoms, both ways."""
    types = join(BASE, "types")
    found = [(i, t) for i, t in enumerate(model.types) if t.name == contract.SYMPTOM_TYPE]
    if not found:
        report.add(types, "rules.slot-type", f"slot type {contract.SYMPTOM_TYPE} is missing")
        return
    type_index, symptom_type = found[0]
    type_place = join(types, type_index)
    ids = set()
    for value_index, value in enumerate(symptom_type.values):
        value_place = join(join(type_place, "values"), value_index)
        if value.id is None:
            report.add(value_place, "rules.no-id", f"a {contract.SYMPTOM_TYPE} value has no id (entity resolution needs it)")
            continue
        ids.add(value.id)
        if value.id not in contract.SYMPTOM_IDS:
            report.add(
                join(value_place, "id"),
                "rules.unknown-id",
                f"{contract.SYMPTOM_TYPE} id {value.id!r} is not a symptom of skill.core.rules",
            )
    for symptom_id in contract.SYMPTOM_IDS:
        if symptom_id not in ids:
            report.add(
                join(type_place, "values"),
                "rules.no-slot-value",
                f"rule symptom {symptom_id} has no {contract.SYMPTOM_TYPE} slot value",
            )
    for symptom in Symptom:
        if symptom not in LEVELS:
            report.add(join(type_place, "values"), "rules.no-level", f"rule symptom {symptom.value} has no level")


def check_lexicon(package: SkillPackage) -> list[Problem]:
    """Each model's SymptomType holds the lexicon's words (skill/core/lexicon),
    each as a synonym of the sign the lexicon makes of it."""
    problems: list[Problem] = []
    for file in package.models:
        if file.data is not None and file.model is not None:
            report = Report(file.name)
            for problem in out_of_sync(file.data, file.locale):
                report.add("interactionModel.languageModel.types", "lexicon.sync", f"{problem} (run back-spasm words)")
            problems += report.problems
    return problems

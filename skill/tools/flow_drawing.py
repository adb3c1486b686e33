"""The decision flow as a picture, drawn from the rules module: what
`back-spasm flow` writes and the try page shows.

Every guided question in the order the skill asks it, the signs it asks about
and their level, where "yes", "no" and "not sure twice" lead, and the three
outcomes, in the locale's words. Where each answer leads is not written here:
it is what `rules.assess` says about the answers so far (earlier questions all
"no"), so the picture changes when the rules do.

Layout by Graphviz (`dot`, Debian package `graphviz`), through the `graphviz`
Python binding; CliError when it is missing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from skill.core import rules, speech
from skill.core.rules import Answer, Level, Symptom
from skill.tools.alexa.envelopes import DEFAULT_LOCALE
from skill.tools.cli import CliError

# The answers drawn, in the order their edges are written. "Not sure" once only
# re-asks the question in other words (said in the legend); twice counts as yes.
EDGE_LABELS: dict[Answer, str] = {Answer.YES: "yes", Answer.NO: "no", Answer.UNSURE_COUNTED_YES: "not sure twice"}
LEVEL_LABELS: dict[Level, str] = {
    Level.EMERGENCY: "emergency sign",
    Level.SEE_DOCTOR: "see-a-doctor sign",
    Level.SELF_CARE: "self-care",
}
LEVEL_COLOURS: dict[Level, str] = {Level.EMERGENCY: "#c62828", Level.SEE_DOCTOR: "#ef6c00", Level.SELF_CARE: "#2e7d32"}
LEGEND = (
    'Not sure once: the question is asked again in other words. Not sure twice: counted as "yes", to be safe. '
    "A sign can also be reported at any moment; the same rules apply."
)
WRAP = 44


@dataclass(frozen=True)
class Question:
    """One guided question: the node id, its text and the signs it asks about."""

    node: str
    text: str
    signs: tuple[Symptom, ...]
    id: str


@dataclass(frozen=True)
class Outcome:
    node: str
    level: Level
    title: str
    detail: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str


@dataclass(frozen=True)
class Flow:
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    edges: tuple[Edge, ...]


def build_flow(locale: str = DEFAULT_LOCALE) -> Flow:
    """The flow for `locale`: nodes and labelled edges, from the rules."""
    words = speech.for_locale(locale)
    questions = tuple(
        Question(node=f"q{index}", text=words.text(f"questions.{asked.id}.ask"), signs=asked.signs, id=asked.id)
        for index, asked in enumerate(rules.QUESTIONS, start=1)
    )
    node_of_question = {question.id: question.node for question in questions}
    outcomes = tuple(
        Outcome(
            node=level.name.lower(),
            level=level,
            title=words.text(words.advice_key(level, "card_title")),
            detail=_outcome_detail(words, level),
        )
        for level in sorted(Level, reverse=True)
    )
    node_of_level = {outcome.level: outcome.node for outcome in outcomes}

    edges: list[Edge] = []
    earlier_no: dict[Symptom, Answer] = {}
    for question in questions:
        labels_by_target: dict[str, list[str]] = {}
        for answer, label in EDGE_LABELS.items():
            answers = {**earlier_no, **dict.fromkeys(question.signs, answer)}
            assessment = rules.assess(answers)
            if assessment.concluded:
                target = node_of_level[assessment.level]
            else:
                target = node_of_question[assessment.pending[0].id]
            labels_by_target.setdefault(target, []).append(label)
        edges.extend(Edge(question.node, target, " / ".join(labels)) for target, labels in labels_by_target.items())
        earlier_no.update(dict.fromkeys(question.signs, Answer.NO))
    return Flow(questions=questions, outcomes=outcomes, edges=tuple(edges))


def _outcome_detail(words: speech.Speech, level: Level) -> str:
    """The clinic's number under the two outcomes that give it."""
    if level is Level.EMERGENCY:
        return ""
    return words.text("card_footer").splitlines()[0]


def _wrap(text: str) -> str:
    # Graphviz's "\l" ends a left-justified line; escape the text's own backslashes first.
    return "".join(line.replace("\\", "\\\\") + "\\l" for line in textwrap.wrap(text, WRAP))


def _question_label(question: Question, words: speech.Speech, number: int) -> str:
    lines = _wrap(f"{number}. {question.text}")
    for sign in question.signs:
        name = words.text(f"symptoms.{sign.value}.name")
        lines += _wrap(f"{LEVEL_LABELS[sign.level]}: {name}")
    return lines


def to_svg(flow: Flow, locale: str = DEFAULT_LOCALE) -> bytes:
    """Lay the flow out with Graphviz; the SVG bytes. CliError if Graphviz is missing."""
    try:
        import graphviz
    except ImportError:
        raise CliError("the graphviz Python package is missing: pip install graphviz") from None
    words = speech.for_locale(locale)
    graph = graphviz.Digraph("decision_flow", graph_attr={"rankdir": "TB", "nodesep": "0.5", "ranksep": "0.45", "fontname": "DejaVu Sans"})
    graph.attr("node", fontname="DejaVu Sans", fontsize="11")
    graph.attr("edge", fontname="DejaVu Sans", fontsize="10")
    graph.node("legend", _wrap(LEGEND), shape="note", color="#777777", fontcolor="#333333")
    # The check starts when the user accepts the skill's offer.
    graph.node("start", _wrap(f'{words.text("skill_name")}: "{words.text("offer")}"'), shape="oval", group="questions")
    graph.edge("start", flow.questions[0].node if flow.questions else flow.outcomes[-1].node, label=EDGE_LABELS[Answer.YES])
    graph.edge("legend", "start", style="invis")
    for number, question in enumerate(flow.questions, start=1):
        level = max(sign.level for sign in question.signs)
        # One group: dot keeps the questions in a straight column.
        graph.node(question.node, _question_label(question, words, number), shape="box", style="rounded", color=LEVEL_COLOURS[level], group="questions")
    with graph.subgraph(name="outcomes", graph_attr={"rank": "sink"}) as outcomes:
        for outcome in flow.outcomes:
            label = _wrap(outcome.title) + (_wrap(outcome.detail) if outcome.detail else "")
            colour = LEVEL_COLOURS[outcome.level]
            outcomes.node(outcome.node, label, shape="box", style="filled,bold", fillcolor=colour, fontcolor="white", color=colour)
    for edge in flow.edges:
        target_level = next((o.level for o in flow.outcomes if o.node == edge.target), None)
        colour = LEVEL_COLOURS[target_level] if target_level is not None else "#333333"
        graph.edge(edge.source, edge.target, label=edge.label, color=colour, fontcolor=colour)
    try:
        svg: bytes = graph.pipe(format="svg")
    except graphviz.ExecutableNotFound:
        raise CliError("Graphviz's dot program is not installed (Debian: apt-get install graphviz)") from None
    return svg


def flow_svg(locale: str = DEFAULT_LOCALE) -> bytes:
    """The decision flow of `locale` as SVG."""
    return to_svg(build_flow(locale), locale)
